// Översikt: key figures, the map of municipalities or regions coloured by priority
// or an indicator, violence signals by month, and the newest alarms.
import { get } from '../api';
import { clear, h } from '../dom';
import { ep } from '../endpoints';
import { code, fmtDate, fmtInt, fmtMonth, fmtNum, pick, t } from '../i18n';
import { href, go, type Route } from '../router';
import * as session from '../session';
import { attempt, badge, chartFigure, dataTable, echarts } from './common';

export interface Breakdown { total: number | null; cells: Record<string, number | null> }

export async function render(root: HTMLElement, route: Route): Promise<void> {
  const me = session.current()!;
  const ov = await get(ep.overview);
  root.appendChild(h('h1', null, t('nav_overview')));
  root.appendChild(h('p', { class: 'intro' }, `${t('as_of')} ${fmtDate(ov.as_of)}.`,
    ov.cases_received ? ` ${t('received')}: ${fmtDate(ov.cases_received.first)} – ${fmtDate(ov.cases_received.last)}.` : '',
    ov.aggregates_suppressed ? ` ${t('suppressed_note')}` : ''));

  const figures: [string, number | null | undefined, string][] = [
    ['cases_total', ov.counts?.cases, 'cases'],
    ['screened', ov.screening?.screened, 'screened'],
    ['violence_flagged', ov.screening?.violence, 'violence'],
    ['handling_deficiency', ov.screening?.handling_deficiency, 'handling'],
    ['units', ov.counts?.units, 'units'],
    ['principals', ov.counts?.principals, 'principals'],
    ['inspections', ov.counts?.inspections, 'inspections'],
    ['deficiencies', ov.counts?.deficiencies, 'deficiencies'],
  ];
  const trend = monthTrend(ov.violence_by_month);
  root.appendChild(h('section', { 'aria-labelledby': 'kf-h' },
    h('h2', { id: 'kf-h' }, t('key_figures')),
    h('dl', { class: 'cards' }, figures.map(([k, v, key]) => h('div', { class: 'card', 'data-figure': key },
      h('dt', null, t(k)), h('dd', null, v === null ? '..' : fmtInt(v ?? null)),
      key === 'violence' && trend ? h('dd', { class: 'trend' }, trend) : null)))));

  const grid = h('div', { class: 'grid' });
  root.appendChild(grid);
  const mapSection = h('section', { 'aria-labelledby': 'map-h' }, h('h2', { id: 'map-h' }, t('map_title')));
  grid.appendChild(mapSection);
  const side = h('div');
  grid.appendChild(side);
  side.appendChild(monthsFigure(ov.violence_by_month));
  if (me.permissions.risk_and_followup) {
    await mapPanel(mapSection, route);
    const alarms = h('section', { 'aria-labelledby': 'al-h' }, h('h2', { id: 'al-h' }, t('newest_alarms')));
    side.appendChild(alarms);
    await alarmsPanel(alarms);
  } else {
    mapSection.appendChild(h('p', { class: 'notice', role: 'status' }, t('forbidden_role', { role: t('role_' + me.role) })));
  }
  const sev = ov.screening?.violence_by_severity as Breakdown | undefined;
  if (sev) {
    const rows = ['high', 'moderate', 'low'].map((s) => ({ s, n: sev.cells?.[s] ?? null }));
    side.appendChild(dataTable(`${t('violence_flagged')}: ${t('severity').toLowerCase()}`, [
      { key: 's', label: t('severity'), cell: (r) => t('sev_' + r.s) },
      { key: 'n', label: t('count'), num: true, cell: (r) => (r.n === null ? '..' : fmtInt(r.n)) },
    ], rows, { rowHeader: 's' }));
  }
  if (ov.last_import)
    side.appendChild(h('p', null, `${t('last_import')}: ${code('entity', ov.last_import.entity)}, ${fmtDate(ov.last_import.finished_at)} (${t('new').toLowerCase()} ${fmtInt(ov.last_import.new)})`));
}

function monthTrend(b: Breakdown | undefined): string {
  if (!b) return '';
  const months = Object.keys(b.cells).sort();
  if (months.length < 24) return '';
  const sum = (ms: string[]) => ms.reduce((a, m) => a + (b.cells[m] ?? 0), 0);
  const last = sum(months.slice(-12)), before = sum(months.slice(-24, -12));
  if (!before) return '';
  const change = (last - before) / before;
  const sign = change > 0 ? '+' : '';
  return t('trend_12m', { change: `${sign}${fmtNum(change * 100, 0)}` });
}

function monthsFigure(b: Breakdown | undefined): HTMLElement {
  const months = b ? Object.keys(b.cells).sort() : [];
  const table = dataTable(t('violence_by_month'), [
    { key: 'm', label: t('month'), cell: (m: string) => fmtMonth(m), sort: (m) => m },
    { key: 'n', label: t('count'), num: true, cell: (m: string) => (b!.cells[m] === null ? '..' : fmtInt(b!.cells[m])), sort: (m) => b!.cells[m] ?? -1 },
  ], months, { rowHeader: 'm', id: 'months-table' });
  return chartFigure(t('violence_by_month'), table, async (el) => {
    const { init, palette } = await echarts();
    const c = init(el);
    c.setOption({
      aria: { enabled: true },
      color: palette,
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 16, bottom: 40 },
      xAxis: { type: 'category', data: months.map(fmtMonth) },
      yAxis: { type: 'value', name: t('count') },
      series: [{ type: 'line', name: t('violence_flagged'), data: months.map((m) => b!.cells[m]), connectNulls: false, showSymbol: false }],
    });
    return c;
  });
}

async function mapPanel(section: HTMLElement, route: Route): Promise<void> {
  const level = route.params.get('niva') === 'region' ? 'region' : 'municipality';
  const limit = level === 'region' ? 21 : 290;
  const holder = h('div');
  const ranking = await attempt(holder, () => get(ep.ranking(level, limit)));
  const entities: any[] = ranking?.entities ?? [];
  const indicatorIds: { id: string; name: string }[] = [];
  for (const i of entities[0]?.indicators ?? [])
    if (i.type === 'ratio' || i.type === 'proportion') indicatorIds.push({ id: i.id, name: pick(i, 'name') });
  const colourBy = route.params.get('farg') ?? 'score';

  const levelSel = h('select', { id: 'map-level' },
    h('option', { value: 'municipality', selected: level === 'municipality' }, t('level_municipality')),
    h('option', { value: 'region', selected: level === 'region' }, t('level_region')));
  const colourSel = h('select', { id: 'map-colour' },
    h('option', { value: 'score', selected: colourBy === 'score' }, t('priority_score')),
    indicatorIds.map((i) => h('option', { value: i.id, selected: colourBy === i.id }, `${i.name} (${t('ratio').toLowerCase()})`)));
  const apply = () => go(`#/oversikt?niva=${(levelSel as HTMLSelectElement).value === 'region' ? 'region' : 'kommun'}&farg=${encodeURIComponent((colourSel as HTMLSelectElement).value)}`);
  levelSel.addEventListener('change', apply);
  colourSel.addEventListener('change', apply);
  section.appendChild(h('div', { class: 'row' },
    h('div', { class: 'field' }, h('label', { for: 'map-level' }, t('map_level')), levelSel),
    h('div', { class: 'field' }, h('label', { for: 'map-colour' }, t('map_colour_by')), colourSel)));
  section.appendChild(h('p', null, t('map_hint')));
  section.appendChild(holder);

  const value = (e: any): number | null => {
    if (colourBy === 'score') return e.score;
    const ind = (e.indicators ?? []).find((i: any) => i.id === colourBy);
    return ind && ind.applicable ? (ind.ratio ?? ind.observed ?? null) : null;
  };
  const rows = entities.map((e) => ({ id: String(e.id), name: String(e.name), rank: e.rank as number, v: value(e), alarm: !!e.alarm?.in_force }));
  const colourName = colourBy === 'score' ? t('priority_score') : indicatorIds.find((i) => i.id === colourBy)?.name ?? colourBy;
  const table = dataTable(`${t('map_title')}: ${colourName}`, [
    { key: 'rank', label: t('rank'), num: true, cell: (r) => fmtInt(r.rank), sort: (r) => r.rank },
    { key: 'name', label: t('name'), cell: (r) => h('a', { href: href('prioritering', level, r.id), 'data-entity': r.id }, r.name), sort: (r) => r.name },
    { key: 'v', label: colourName, num: true, cell: (r) => fmtNum(r.v, 2), sort: (r) => r.v },
    { key: 'alarm', label: t('alarm'), cell: (r) => (r.alarm ? badge(t('alarm'), 'alarm') : ''), sort: (r) => (r.alarm ? 1 : 0) },
  ], rows, { id: 'map-table' });

  section.appendChild(chartFigure(`${t('map_title')}: ${level === 'region' ? t('level_region') : t('level_municipality')} – ${colourName}`, table, async (el) => {
    const { init, loadMap } = await echarts();
    const mapName = level === 'region' ? 'regions' : 'municipalities';
    await loadMap(mapName);
    const c = init(el);
    const values = rows.map((r) => r.v).filter((v): v is number => v !== null);
    const max = values.length ? Math.max(...values) : 1;
    c.setOption({
      aria: { enabled: true },
      tooltip: { trigger: 'item', formatter: (p: any) => `${p.name}: ${p.value === undefined || Number.isNaN(p.value) ? '–' : fmtNum(p.value, 2)}` },
      visualMap: rows.length ? {
        min: 0, max: max || 1, left: 'left', bottom: 10, text: [fmtNum(max, 1), '0'], calculable: false,
        inRange: { color: ['#f7fbff', '#9ecae1', '#4292c6', '#08519c', '#08306b'] },
      } : undefined,
      series: [{
        type: 'map', map: mapName, nameProperty: level === 'region' ? 'lan_code' : 'id', roam: true,
        selectedMode: false, emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffbf47' } },
        itemStyle: { borderColor: '#555', borderWidth: 0.4, areaColor: '#e8e8ee' },
        data: rows.map((r) => ({ name: r.id, value: r.v ?? undefined, label: r.name })),
      }],
    });
    // Tooltips and clicks name the area by its real name, not its code.
    const names = new Map(rows.map((r) => [r.id, r.name]));
    c.setOption({ tooltip: { formatter: (p: any) => `${names.get(p.name) ?? p.name}: ${p.value === undefined || Number.isNaN(p.value) ? '–' : fmtNum(p.value, 2)}` } });
    c.on('click', (p: any) => { if (p.name && names.has(p.name)) go(href('prioritering', level, p.name)); });
    (el as any).__vaksamChart = c;
    c.on('finished', () => {
      if (!performance.getEntriesByName('vaksam:map-drawn').length) performance.mark('vaksam:map-drawn');
      el.dataset.drawn = 'true';
    });
    return c;
  }, { map: true }));
  if (!ranking) holder.appendChild(h('p', null, t('map_no_risk')));
}

async function alarmsPanel(section: HTMLElement): Promise<void> {
  const ranking = await attempt(section, () => get(ep.ranking('unit', 500)));
  if (!ranking) return;
  const alarms = (ranking.entities as any[]).filter((e) => e.alarm?.in_force)
    .sort((a, b) => String(b.alarm.since ?? '').localeCompare(String(a.alarm.since ?? '')) || a.rank - b.rank).slice(0, 10);
  if (!alarms.length) {
    section.appendChild(h('p', null, t('no_alarms')));
    return;
  }
  const list = h('ul', { id: 'alarm-list' });
  for (const e of alarms)
    list.appendChild(h('li', null, h('a', { href: href('prioritering', 'unit', e.id) }, e.name), ' – ',
      t('alarm_since', { since: fmtMonth(e.alarm.since ?? '') }), `, ${t('rank').toLowerCase()} ${fmtInt(e.rank)}`));
  clear(section.querySelector('p') ?? h('p'));
  section.appendChild(list);
}
