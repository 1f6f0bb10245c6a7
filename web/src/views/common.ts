// Pieces every view uses: error states (not available / not allowed / failed), an
// accessible sortable table, and a chart figure that always carries its table.
import { ApiError } from '../api';
import { h, id } from '../dom';
import { compareText, t } from '../i18n';
import * as session from '../session';

export function renderError(e: unknown): HTMLElement {
  if (e instanceof ApiError) {
    if (e.missing) return unavailable(e.route);
    if (e.status === 403) {
      const role = session.current()?.role ?? '';
      return h('div', { class: 'notice notice-unavailable', role: 'status', 'data-state': 'forbidden' },
        h('p', null, t('forbidden_role', { role: t('role_' + role) })), h('p', null, e.message));
    }
    return h('div', { class: 'notice notice-error', role: 'alert', 'data-state': 'error' }, h('p', null, `${t('error')}: ${e.message}`));
  }
  return h('div', { class: 'notice notice-error', role: 'alert', 'data-state': 'error' }, h('p', null, `${t('error')}: ${String(e)}`));
}

export function unavailable(route: string): HTMLElement {
  return h('div', { class: 'notice notice-unavailable', role: 'status', 'data-state': 'unavailable' },
    h('p', null, h('strong', null, t('not_available'))),
    h('p', null, t('not_available_route', { route: route.split('?')[0] })));
}

// Runs a request; on a missing route or a refusal renders the notice into `into`
// and returns null, so a view degrades one panel at a time.
export async function attempt<T>(into: HTMLElement, f: () => Promise<T>): Promise<T | null> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof ApiError && (e.missing || e.status === 403 || e.status === 409)) {
      into.appendChild(renderError(e));
      return null;
    }
    throw e;
  }
}

export interface Column<R> {
  key: string;
  label: string;
  num?: boolean;
  cell: (r: R) => Node | string | number | null;
  sort?: (r: R) => string | number | null;
}

// A table with optional sortable columns (aria-sort, buttons in the headers).
export function dataTable<R>(caption: string, columns: Column<R>[], rows: R[], opts: { id?: string; rowHeader?: string } = {}): HTMLElement {
  const table = h('table', { id: opts.id ?? null });
  table.appendChild(h('caption', null, caption));
  const thead = h('thead');
  const tbody = h('tbody');
  let sortKey = '';
  let sortDir: 1 | -1 = 1;
  const ths: HTMLTableCellElement[] = [];
  const fill = () => {
    while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
    let list = rows;
    const col = columns.find((c) => c.key === sortKey);
    if (col?.sort) {
      const f = col.sort;
      list = [...rows].sort((a, b) => {
        const x = f(a), y = f(b);
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        return (typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y))) * sortDir;
      });
    }
    for (const r of list) {
      const tr = h('tr');
      for (const c of columns) {
        const v = c.cell(r);
        const cell = c.key === opts.rowHeader ? h('th', { scope: 'row', class: c.num ? 'num' : null }) : h('td', { class: c.num ? 'num' : null });
        if (v !== null && v !== undefined) cell.append(typeof v === 'number' ? String(v) : v);
        tr.appendChild(cell);
      }
      tbody.appendChild(tr);
    }
  };
  const tr = h('tr');
  for (const c of columns) {
    const th = h('th', { scope: 'col', class: c.num ? 'num' : null });
    if (c.sort) {
      const b = h('button', { type: 'button', class: 'sort' }, c.label);
      b.addEventListener('click', () => {
        sortDir = sortKey === c.key ? (-sortDir as 1 | -1) : 1;
        sortKey = c.key;
        for (const x of ths) x.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', sortDir === 1 ? 'ascending' : 'descending');
        fill();
      });
      th.appendChild(b);
    } else th.textContent = c.label;
    ths.push(th);
    tr.appendChild(th);
  }
  thead.appendChild(tr);
  table.append(thead, tbody);
  fill();
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption }, table);
}

// ECharts is loaded when the first chart is drawn, with only the parts we use.
type ECharts = typeof import('./echarts');
let echartsModule: Promise<ECharts> | null = null;
export function echarts(): Promise<ECharts> {
  echartsModule ??= import('./echarts');
  return echartsModule;
}

const live: { dispose(): void }[] = [];
window.addEventListener('hashchange', () => {
  while (live.length) live.pop()!.dispose();
});

// A chart with a title and its data as a table behind "Show as table". The chart
// itself is an image to assistive technology, described by its caption; the
// table is the accessible form of the same numbers.
export function chartFigure(title: string, table: HTMLElement, draw: (el: HTMLElement) => Promise<{ dispose(): void } | void>, opts: { map?: boolean; open?: boolean } = {}): HTMLElement {
  const capId = id('fig');
  const el = h('div', { class: opts.map ? 'chart map' : 'chart', role: 'img', 'aria-labelledby': capId });
  const fig = h('figure', null,
    h('figcaption', { id: capId }, title),
    el,
    h('details', { open: opts.open ?? false }, h('summary', null, t('show_table')), table));
  requestAnimationFrame(() => {
    void draw(el).then((c) => { if (c) live.push(c); }).catch((e) => { el.textContent = String(e); });
  });
  return fig;
}

export function badge(text: string, cls: string, title?: string): HTMLElement {
  return h('span', { class: `badge ${cls}`, title: title ?? null }, text);
}

export function heading(text: string, level: 1 | 2 | 3 = 1): HTMLElement {
  return h(`h${level}` as 'h1', null, text);
}
