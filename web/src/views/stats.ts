// Statistik: the standard sex-disaggregated report, each table as a chart with its
// intervals and as a table, suppressed cells marked "..", and the comparisons of
// women and men with their rate ratios and intervals.
import { get } from '../api';
import { h } from '../dom';
import { ep } from '../endpoints';
import { currentLang, fmtInt, fmtNum, t } from '../i18n';
import { attempt, chartFigure, dataTable, echarts } from './common';

const sexColour: Record<string, string> = { female: '#0072B2', male: '#D55E00', unknown: '#6b7280', total: '#000000' };

const label = (o: any) => (currentLang() === 'sv' ? o.sv ?? o.label_sv : o.en ?? o.label_en) ?? o.sv ?? o.label_sv ?? '';

export async function render(root: HTMLElement): Promise<void> {
  root.append(h('h1', null, t('nav_stats')), h('p', { class: 'intro' }, t('stats_intro')));
  const report = await attempt(root, () => get(ep.statsReport));
  if (!report) return;
  root.appendChild(h('h2', null, currentLang() === 'sv' ? report.title_sv : report.title_en));
  for (const n of report.notes ?? []) root.appendChild(h('p', { class: 'intro' }, n));
  for (const [sectionKey, section] of Object.entries<any>(report)) {
    if (!section || typeof section !== 'object' || Array.isArray(section)) continue;
    for (const [key, part] of Object.entries<any>(section)) {
      if (part?.cells && part?.dimensions) root.appendChild(tableFigure(part, `${sectionKey}-${key}`));
      else if (part?.kind === 'rate_ratio' || part?.kind === 'proportion_difference' || part?.strata) root.appendChild(comparison(part, `${sectionKey}-${key}`));
    }
  }
}

function title(tbl: any): string {
  return (currentLang() === 'sv' ? tbl.title_sv : tbl.title_en) || tbl.dimensions.map(label).join(' × ');
}

// A table of one or two dimensions (sex first): the chart puts the last dimension on
// the x axis and one series per sex, with the interval as error bars.
function tableFigure(tbl: any, key: string): HTMLElement {
  const dims: any[] = tbl.dimensions;
  const sexDim = dims.findIndex((d) => d.name === 'sex');
  const xDim = dims.length > 1 ? dims.length - 1 : 0;
  const cellFor = (codes: string[]) => tbl.cells.find((c: any) => c.codes.join('|') === codes.join('|'));
  const useRate = !!tbl.rates;
  const columns = [
    ...dims.map((d, i) => ({ key: `d${i}`, label: label(d), cell: (c: any) => {
      const cat = d.categories.find((x: any) => x.code === c.codes[i]);
      return cat ? label(cat) : c.codes[i] === 'total' ? (currentLang() === 'sv' ? 'Totalt' : 'Total') : c.codes[i];
    } })),
    { key: 'n', label: t('count'), num: true, cell: (c: any) => (c.suppressed ? h('abbr', { title: t('suppressed') }, tbl.suppression?.mark ?? '..') : fmtInt(c.count)) },
    ...(useRate ? [
      { key: 'r', label: (currentLang() === 'sv' ? tbl.rate_unit?.sv : tbl.rate_unit?.en) ?? t('rate'), num: true, cell: (c: any) => (c.rate === null || c.rate === undefined ? '–' : fmtNum(c.rate, 2)) },
      { key: 'ci', label: `95 % ${t('interval').toLowerCase()}`, num: true, cell: (c: any) => (c.rate_lower === null || c.rate_lower === undefined ? '–' : `${fmtNum(c.rate_lower, 2)}–${fmtNum(c.rate_upper, 2)}`) },
    ] : []),
  ];
  const table = dataTable(title(tbl), columns, tbl.cells, { id: `stats-${key}` });
  const fig = chartFigure(title(tbl), table, async (el) => {
    const { init, echarts: ec } = await echarts();
    const xs: any[] = dims[xDim].categories;
    const sexes: any[] = sexDim >= 0 && sexDim !== xDim ? dims[sexDim].categories.filter((c: any) => c.code !== 'unknown') : [{ code: 'total', sv: 'Totalt', en: 'Total' }];
    const codesOf = (sex: string, x: string) => dims.map((_d, i) => (i === xDim ? x : i === sexDim ? sex : 'total'));
    const series: any[] = [];
    sexes.forEach((s, si) => {
      const cells = xs.map((x) => cellFor(codesOf(s.code, x.code)) ?? cellFor(codesOf(s.code, x.code)));
      series.push({ type: 'bar', name: label(s), color: sexColour[s.code] ?? '#444',
        data: cells.map((c: any) => (!c || c.suppressed ? null : useRate ? c.rate : c.count)) });
      if (useRate) series.push({
        type: 'custom', name: `${label(s)} 95 %`, silent: true, z: 5, itemStyle: { color: '#000' },
        data: cells.map((c: any, xi: number) => [xi, c?.rate_lower ?? null, c?.rate_upper ?? null]),
        renderItem: (params: any, api: any) => {
          if (api.value(1) === null || Number.isNaN(api.value(1))) return null;
          const n = sexes.length, band = api.size([1, 0])[0], w = (band * 0.8) / n;
          const cx = api.coord([api.value(0), 0])[0] - (band * 0.8) / 2 + w * (si + 0.5);
          const lo = api.coord([api.value(0), api.value(1)])[1], hi = api.coord([api.value(0), api.value(2)])[1];
          const style = { stroke: '#000', lineWidth: 1.5 };
          void params;
          return { type: 'group', children: [
            { type: 'line', shape: { x1: cx, y1: lo, x2: cx, y2: hi }, style },
            { type: 'line', shape: { x1: cx - 4, y1: lo, x2: cx + 4, y2: lo }, style },
            { type: 'line', shape: { x1: cx - 4, y1: hi, x2: cx + 4, y2: hi }, style },
          ] };
        },
      });
    });
    void ec;
    const c = init(el);
    c.setOption({
      aria: { enabled: true, decal: { show: true } }, tooltip: { trigger: 'axis' }, legend: { top: 0, data: sexes.map(label) },
      grid: { left: 56, right: 16, top: 36, bottom: 40 },
      xAxis: { type: 'category', data: xs.map(label) },
      yAxis: { type: 'value', name: useRate ? '' : t('count') },
      series,
    });
    return c;
  });
  const sup = tbl.suppression?.suppressed_cells ?? 0;
  fig.appendChild(h('p', { class: 'intro', 'data-suppressed': sup }, sup ? `${t('suppressed')}: ${fmtInt(sup)} (${tbl.suppression.mark}). ${t('suppressed_note')}` : t('suppressed_note')));
  return h('section', { 'data-table': key }, fig);
}

function comparison(part: any, key: string): HTMLElement {
  const strata: any[] = part.strata ?? [];
  const a = currentLang() === 'sv' ? part.label_a_sv : part.label_a_en;
  const b = currentLang() === 'sv' ? part.label_b_sv : part.label_b_en;
  const heading = part.kind === 'trend' ? (currentLang() === 'sv' ? 'Trend per år' : 'Trend per year') : `${a ?? ''} / ${b ?? ''}`;
  const cols = part.kind === 'trend' ? [
    { key: 's', label: t('breakdown'), cell: (s: any) => label(s.stratum) },
    { key: 'rr', label: t('ratio'), num: true, cell: (s: any) => (s.available ? fmtNum(s.rate_ratio_per_year, 3) : '–') },
    { key: 'ci', label: `95 % ${t('interval').toLowerCase()}`, num: true, cell: (s: any) => (s.available ? `${fmtNum(s.ci_quasi_poisson?.lower ?? s.ci?.lower, 3)}–${fmtNum(s.ci_quasi_poisson?.upper ?? s.ci?.upper, 3)}` : s.reason ?? '–') },
  ] : [
    { key: 's', label: t('breakdown'), cell: (s: any) => label(s.stratum) },
    { key: 'a', label: a ?? 'A', num: true, cell: (s: any) => (s.available ? fmtInt(s.count_a) : '..') },
    { key: 'b', label: b ?? 'B', num: true, cell: (s: any) => (s.available ? fmtInt(s.count_b) : '..') },
    { key: 'rr', label: t('ratio'), num: true, cell: (s: any) => (s.available ? fmtNum(s.rate_ratio ?? s.difference, 2) : '–') },
    { key: 'ci', label: `95 % ${t('interval').toLowerCase()}`, num: true, cell: (s: any) => (s.available ? `${fmtNum(s.ci_lower, 2)}–${fmtNum(s.ci_upper, 2)}` : s.reason ?? '–') },
    { key: 'p', label: 'p (Holm)', num: true, cell: (s: any) => (s.available ? fmtNum(s.p_holm, 3) : '–') },
  ];
  return h('section', { 'data-comparison': key }, h('h3', null, heading), dataTable(heading, cols, strata, { id: `cmp-${key}` }));
}
