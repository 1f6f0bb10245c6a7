// Prioritering: the ranked list per level with score, rank interval, contributions
// as a small bar and the method-sensitivity mark; a row opens the profile with the
// indicators against peers, the funnel plot with this entity highlighted, signals
// over time, its cases and its deficiencies.
import { get } from '../api';
import { h } from '../dom';
import { ep } from '../endpoints';
import { code, fmtDate, fmtInt, fmtMonth, fmtNum, pick, t } from '../i18n';
import { go, href, type Route } from '../router';
import * as session from '../session';
import { attempt, badge, chartFigure, dataTable, echarts, unavailable } from './common';

const LEVELS = ['unit', 'principal', 'municipality', 'region'];
const PAGE = 50;
const contribColours = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

export async function render(root: HTMLElement, route: Route): Promise<void> {
  const [level, id] = route.parts;
  if (level && id) return profile(root, LEVELS.includes(level) ? level : 'unit', id);
  return list(root, LEVELS.includes(level ?? '') ? level! : 'unit', Number(route.params.get('sida') ?? '0') || 0);
}

function levelName(level: string): string {
  return t('level_' + level);
}

async function list(root: HTMLElement, level: string, page: number): Promise<void> {
  root.appendChild(h('h1', null, t('nav_priority')));
  const sel = h('select', { id: 'rank-level' }, LEVELS.map((l) => h('option', { value: l, selected: l === level }, levelName(l))));
  sel.addEventListener('change', () => go(href('prioritering', (sel as HTMLSelectElement).value)));
  root.appendChild(h('div', { class: 'field' }, h('label', { for: 'rank-level' }, t('level')), sel));
  const r = await attempt(root, () => get(ep.ranking(level, PAGE, page * PAGE)));
  if (!r) return;
  const rows: any[] = r.entities ?? [];
  const total: number = r.paging?.total ?? rows[0]?.of ?? rows.length;
  root.appendChild(h('p', { class: 'intro' }, `${t('as_of')} ${fmtDate(r.as_of)}. ${t('method_dependent')}: ${t('method_dependent_help')}`));
  root.appendChild(dataTable(`${t('ranked_list')}: ${levelName(level)}`, [
    { key: 'rank', label: t('rank'), num: true, cell: (e) => fmtInt(e.rank) },
    { key: 'name', label: t('name'), cell: (e) => h('a', { href: href('prioritering', level, e.id), 'data-entity': e.id }, e.name) },
    { key: 'score', label: t('score'), num: true, cell: (e) => fmtNum(e.score, 1) },
    { key: 'ri', label: t('rank_interval'), num: true, cell: (e) => `${fmtInt(e.rank_interval?.[0])}–${fmtInt(e.rank_interval?.[1])}` },
    { key: 'contrib', label: t('contributions'), cell: (e) => contributionBar(e) },
    { key: 'marks', label: `${t('alarm')} / ${t('method_dependent').toLowerCase()}`, cell: (e) => h('span', null,
      e.alarm?.in_force ? badge(t('alarm'), 'alarm') : null, ' ',
      e.method_dependent ? badge(t('method_dependent'), 'method', t('method_dependent_help')) : null) },
  ], rows, { id: 'ranking-table', rowHeader: 'name' }));
  const from = page * PAGE + 1, to = page * PAGE + rows.length;
  root.appendChild(h('div', { class: 'pager' },
    page > 0 ? h('a', { href: `${href('prioritering', level)}?sida=${page - 1}` }, t('previous')) : null,
    h('span', null, t('showing', { from: fmtInt(from), to: fmtInt(to), total: fmtInt(total) })),
    to < total ? h('a', { href: `${href('prioritering', level)}?sida=${page + 1}` }, t('next')) : null));
}

// The contributions as one stacked bar, with the same figures as text for
// assistive technology.
function contributionBar(e: any): HTMLElement {
  const parts: any[] = (e.contributions ?? []).filter((c: any) => c.points > 0);
  const sum = parts.reduce((a, c) => a + c.points, 0) || 1;
  const text = parts.map((c) => `${pick(c, 'name')} ${fmtNum(c.points, 1)}`).join('; ');
  return h('span', { style: 'display:flex;gap:0.4rem;align-items:center' },
    h('span', { class: 'contrib', 'aria-hidden': 'true', title: text },
      parts.map((c, i) => h('span', { style: `width:${(100 * c.points) / sum}%;background:${contribColours[i % contribColours.length]}` }))),
    h('span', { class: 'visually-hidden' }, text));
}

async function profile(root: HTMLElement, level: string, id: string): Promise<void> {
  root.appendChild(h('p', null, h('a', { href: href('prioritering', level) }, `← ${t('back_to_list')}`)));
  const holder = h('div');
  let data = await attempt(holder, () => get(ep.profile(level, id)));
  let e: any = data?.entity ?? data;
  if (!e) {
    // The profile route is missing: the ranking row still explains the entity.
    const r = await attempt(h('div'), () => get(ep.ranking(level, level === 'unit' ? 10000 : 1000)));
    e = (r?.entities ?? []).find((x: any) => String(x.id) === id);
  }
  root.appendChild(h('h1', { id: 'profile-title' }, e ? `${e.name}` : id));
  root.appendChild(holder);
  if (!e) return;
  root.dataset.entity = id;
  root.appendChild(h('dl', { class: 'kv', id: 'profile-facts' },
    h('dt', null, t('level')), h('dd', null, levelName(level)),
    h('dt', null, t('rank')), h('dd', { 'data-rank': e.rank }, `${fmtInt(e.rank)} / ${fmtInt(e.of)} (${t('rank_interval').toLowerCase()} ${fmtInt(e.rank_interval?.[0])}–${fmtInt(e.rank_interval?.[1])})`),
    h('dt', null, t('score')), h('dd', { 'data-score': e.score }, fmtNum(e.score, 1)),
    h('dt', null, t('alarm')), h('dd', null, e.alarm?.in_force ? t('alarm_since', { since: fmtMonth(e.alarm.since ?? '') }) : t('no')),
    h('dt', null, t('method_dependent')), h('dd', null, e.method_dependent ? `${t('yes')} – ${t('method_dependent_help')}` : t('no')),
    h('dt', null, t('freshness')), h('dd', null, `${t('last_signal')} ${fmtDate(e.freshness?.last_signal || null)}, ${t('last_inspection').toLowerCase()} ${fmtDate(e.freshness?.last_inspection || null)}`)));

  const contribs: any[] = e.contributions ?? [];
  root.appendChild(h('h2', null, t('contributions')));
  root.appendChild(chartFigure(`${t('contributions')} (${t('points')}, ${t('score').toLowerCase()} ${fmtNum(e.score, 1)})`, dataTable(t('contributions'), [
    { key: 'n', label: t('indicator'), cell: (c: any) => pick(c, 'name') },
    { key: 'p', label: t('points'), num: true, cell: (c: any) => fmtNum(c.points, 2) },
    { key: 'c', label: t('evidence_cases'), cell: (c: any) => caseLinks(c.cases ?? []) },
  ], contribs, { id: 'contrib-table', rowHeader: 'n' }), async (el) => {
    const { init, palette } = await echarts();
    const c = init(el);
    const rows = [...contribs].reverse();
    c.setOption({
      aria: { enabled: true }, color: palette, tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: 'value' }, yAxis: { type: 'category', data: rows.map((x) => pick(x, 'name')) },
      series: [{ type: 'bar', data: rows.map((x) => x.points) }],
    });
    return c;
  }, { open: true }));

  const indicators: any[] = e.indicators ?? [];
  root.appendChild(h('h2', null, t('indicators')));
  root.appendChild(dataTable(t('indicators'), [
    { key: 'n', label: t('indicator'), cell: (i) => pick(i, 'name') },
    { key: 'o', label: t('observed'), num: true, cell: (i) => (i.applicable ? fmtNum(i.observed, 2) : '–') },
    { key: 'e', label: t('expected'), num: true, cell: (i) => (i.expected !== undefined ? fmtNum(i.expected, 2) : '–') },
    { key: 'r', label: t('ratio'), num: true, cell: (i) => (i.ratio !== undefined ? fmtNum(i.ratio, 2) : '–') },
    { key: 's', label: t('interval'), num: true, cell: (i) => (i.shrunken ? `${fmtNum(i.shrunken.mean, 3)} (${fmtNum(i.shrunken.low, 3)}–${fmtNum(i.shrunken.high, 3)})` : '–') },
    { key: 'z', label: 'z', num: true, cell: (i) => (i.funnel_z_winsorised !== undefined && i.funnel_z_winsorised !== null ? fmtNum(i.funnel_z_winsorised, 2) : '–') },
  ], indicators, { id: 'indicator-table', rowHeader: 'n' }));

  // The funnel plot of one indicator, this entity highlighted.
  const funnelable = indicators.filter((i) => i.applicable && (i.type === 'ratio' || i.type === 'proportion'));
  if (funnelable.length) {
    root.appendChild(h('h2', null, t('funnel_plot')));
    const sel = h('select', { id: 'funnel-indicator' }, funnelable.map((i) => h('option', { value: i.id, selected: i.id === 'violence_signals' }, pick(i, 'name'))));
    const box = h('div', { id: 'funnel-box' });
    root.append(h('p', { class: 'intro' }, t('funnel_help')), h('div', { class: 'field' }, h('label', { for: 'funnel-indicator' }, t('indicator')), sel), box);
    const draw = async () => {
      box.replaceChildren();
      const f = await attempt(box, () => get(ep.funnel((sel as HTMLSelectElement).value, level)));
      if (f) box.appendChild(funnelFigure(f, id));
    };
    sel.addEventListener('change', () => void draw());
    await draw();
  }

  root.appendChild(h('h2', null, t('time_series')));
  const series: any[] | undefined = data?.time_series;
  if (series?.length) root.appendChild(seriesFigure(series));
  else root.appendChild(unavailable(`${ep.profile(level, id)} → time_series`));

  root.appendChild(h('h2', null, t('nav_cases')));
  const me = session.current()!;
  if (level !== 'unit') root.appendChild(h('p', null, t('evidence_cases') + ': ', caseLinks(uniqueCases(contribs))));
  else if (me.permissions.case_records) {
    const casesBox = h('div');
    root.appendChild(casesBox);
    const q = await attempt(casesBox, () => get(ep.triage({ unit: id, sort: 'newest', limit: 20 })));
    if (q) casesBox.appendChild(q.cases.length ? dataTable(`${t('nav_cases')} (${fmtInt(q.paging.total)})`, [
      { key: 'id', label: t('case_id'), cell: (c: any) => h('a', { href: href('arenden', c.case_id) }, c.case_id) },
      { key: 'd', label: t('received'), cell: (c: any) => fmtDate(c.received_date) },
      { key: 'k', label: t('case_kind'), cell: (c: any) => code('case_kind', c.case_kind) },
      { key: 's', label: t('severity'), cell: (c: any) => t('sev_' + c.severity) },
    ], q.cases, { id: 'profile-cases' }) : h('p', null, t('none_yet')));
  } else root.appendChild(h('p', null, t('viewer_no_text')));

  root.appendChild(h('h2', null, t('deficiencies')));
  const defs: any[] | undefined = data?.deficiencies;
  if (defs) root.appendChild(defs.length ? dataTable(t('deficiencies'), [
    { key: 'c', label: t('category'), cell: (d) => code('deficiency_category', d.category) },
    { key: 'dl', label: t('deadline'), cell: (d) => fmtDate(d.deadline) },
    { key: 's', label: t('status'), cell: (d) => code('deficiency_status', d.status) },
  ], defs) : h('p', null, t('none_yet')));
  else root.appendChild(unavailable(`${ep.profile(level, id)} → deficiencies`));
}

function uniqueCases(contribs: any[]): string[] {
  return [...new Set(contribs.flatMap((c) => c.cases ?? []))] as string[];
}

function caseLinks(ids: string[]): HTMLElement {
  const span = h('span');
  ids.slice(0, 12).forEach((c, i) => span.append(i ? ', ' : '', h('a', { href: href('arenden', c) }, c)));
  if (ids.length > 12) span.append(` … (${fmtInt(ids.length)})`);
  return span;
}

function funnelFigure(f: any, highlight: string): HTMLElement {
  const pts: any[] = f.points ?? [];
  const me = pts.find((p) => String(p.id) === highlight);
  const table = dataTable(`${pick(f, 'name')}: ${t('funnel_plot').toLowerCase()}`, [
    { key: 'n', label: t('name'), cell: (p: any) => (String(p.id) === highlight ? h('strong', null, `${p.name} (${t('this_entity').toLowerCase()})`) : p.name), sort: (p) => p.name },
    { key: 'd', label: t('denominator'), num: true, cell: (p: any) => fmtNum(p.denominator, 2), sort: (p) => p.denominator },
    { key: 'v', label: t('value'), num: true, cell: (p: any) => fmtNum(p.value, 3), sort: (p) => p.value },
    { key: 'z', label: 'z', num: true, cell: (p: any) => fmtNum(p.z_od ?? p.z, 2), sort: (p) => p.z_od ?? p.z },
    { key: 'o', label: t('outside_limits'), cell: (p: any) => (p.od_out95 ? t('yes') : t('no')), sort: (p) => (p.od_out95 ? 1 : 0) },
  ], me ? [me, ...pts.filter((p) => p !== me)].slice(0, 400) : pts.slice(0, 400), { id: 'funnel-table' });
  const fig = chartFigure(`${t('funnel_plot')}: ${pick(f, 'name')} (${t('target').toLowerCase()} ${fmtNum(f.target, 2)})`, table, async (el) => {
    const { init } = await echarts();
    const c = init(el);
    const lim: any[] = f.limits ?? [];
    const line = (key: string, name: string, dash: string, colour: string) => ({
      type: 'line', name, showSymbol: false, data: lim.map((l) => [l.denominator, l[key]]), lineStyle: { type: dash, color: colour, width: 1.5 }, color: colour, silent: true,
    });
    const hi = Math.max(...pts.map((p) => p.value), f.target * 2);
    c.setOption({
      aria: { enabled: true },
      tooltip: { trigger: 'item', formatter: (p: any) => (p.data?.name ? `${p.data.name}: ${fmtNum(p.data.value[1], 2)}` : '') },
      legend: { top: 0 },
      grid: { left: 56, right: 24, top: 40, bottom: 48 },
      xAxis: { type: 'log', name: t('denominator'), nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', name: t('value'), max: Math.ceil(hi * 1.05) },
      series: [
        { type: 'scatter', name: t('others'), symbolSize: 5, color: '#6b7280', data: pts.filter((p) => p !== me).map((p) => ({ name: p.name, value: [p.denominator, p.value] })) },
        line('od_ucl95', '95 %', 'dashed', '#0072B2'), line('od_lcl95', '95 % ', 'dashed', '#0072B2'),
        line('od_ucl998', '99,8 %', 'solid', '#D55E00'), line('od_lcl998', '99,8 % ', 'solid', '#D55E00'),
        { type: 'line', name: t('target'), showSymbol: false, silent: true, color: '#000', data: [[lim[0]?.denominator, f.target], [lim[lim.length - 1]?.denominator, f.target]] },
        me ? { type: 'scatter', name: t('this_entity'), symbol: 'diamond', symbolSize: 16, color: '#ffbf47', itemStyle: { borderColor: '#000', borderWidth: 2 }, z: 10,
          data: [{ name: me.name, value: [me.denominator, me.value] }] } : null,
      ].filter(Boolean),
    });
    return c;
  }, {});
  if (!me) fig.appendChild(h('p', null, `${t('this_entity')}: –`));
  else fig.appendChild(h('p', { id: 'funnel-position' }, `${t('this_entity')}: ${me.name}, ${t('value').toLowerCase()} ${fmtNum(me.value, 2)}, z ${fmtNum(me.z_od ?? me.z, 2)}${me.od_out95 ? ` – ${t('outside_limits').toLowerCase()}` : ''}`));
  return fig;
}

function seriesFigure(series: any[]): HTMLElement {
  const table = dataTable(t('time_series'), [
    { key: 'm', label: t('month'), cell: (s: any) => fmtMonth(s.month) },
    { key: 'n', label: t('count'), num: true, cell: (s: any) => fmtInt(s.signals ?? s.count) },
    { key: 'a', label: t('alarm'), cell: (s: any) => (s.alarm ? t('yes') : '') },
  ], series);
  return chartFigure(t('time_series'), table, async (el) => {
    const { init, palette } = await echarts();
    const c = init(el);
    c.setOption({
      aria: { enabled: true }, color: palette, tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 16, bottom: 40 },
      xAxis: { type: 'category', data: series.map((s) => fmtMonth(s.month)) },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', name: t('count'), data: series.map((s) => ({ value: s.signals ?? s.count, itemStyle: s.alarm ? { color: '#a4161a' } : undefined })) }],
    });
    return c;
  });
}
