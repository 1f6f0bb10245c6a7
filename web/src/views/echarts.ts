// The parts of Apache ECharts the dashboard draws with, registered once (keeps the
// bundle small).
import * as echarts from 'echarts/core';
import { BarChart, LineChart, MapChart, ScatterChart, CustomChart } from 'echarts/charts';
import {
  GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, MarkLineComponent, MarkPointComponent, AriaComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, MapChart, ScatterChart, CustomChart, GridComponent, LegendComponent, TooltipComponent,
  VisualMapComponent, MarkLineComponent, MarkPointComponent, AriaComponent, CanvasRenderer]);

export { echarts };

const maps = new Map<string, Promise<void>>();
export function loadMap(name: 'municipalities' | 'regions'): Promise<void> {
  if (!maps.has(name))
    maps.set(name, fetch(`/geo/${name}.geo.json`).then((r) => {
      if (!r.ok) throw new Error(`/geo/${name}.geo.json: ${r.status}`);
      return r.json();
    }).then((geo) => echarts.registerMap(name, geo)));
  return maps.get(name)!;
}

export function init(el: HTMLElement): echarts.ECharts {
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  // Resize only a chart that is on the page and has a size: a chart hidden (its table shown
  // instead) or replaced by a newer render has nothing to lay out.
  const ro = new ResizeObserver(() => {
    if (chart.isDisposed() || !el.isConnected || !el.clientWidth || !el.clientHeight) return;
    chart.resize();
  });
  ro.observe(el);
  const dispose = chart.dispose.bind(chart);
  chart.dispose = () => { ro.disconnect(); dispose(); };
  return chart;
}

// Colour-blind-safe palette (Okabe–Ito), dark enough against white.
export const palette = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
