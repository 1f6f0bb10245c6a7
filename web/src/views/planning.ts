// Planering: an inspection plan from capacity, mostly the highest priority and a
// random share drawn by lot (so the ranking can be evaluated and nobody is exempt).
import { ApiError, get, post } from '../api';
import { h, status } from '../dom';
import { ep } from '../endpoints';
import { fmtDate, fmtInt, fmtNum, t } from '../i18n';
import { href } from '../router';
import * as session from '../session';
import { attempt, dataTable } from './common';

export async function render(root: HTMLElement): Promise<void> {
  root.append(h('h1', null, t('nav_planning')), h('p', { class: 'intro' }, t('planning_intro')));
  const saved = h('section', { 'aria-labelledby': 'saved-h' }, h('h2', { id: 'saved-h' }, t('saved_plans')));
  const plans = await attempt(saved, () => get(ep.plans));
  if (!plans) {
    root.appendChild(saved);
    return;
  }
  const canWrite = session.current()!.permissions.write;
  const result = h('div', { id: 'plan-result', 'aria-live': 'polite' });
  if (canWrite) {
    const form = h('form', { id: 'plan-form', class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'capacity' }, t('capacity')), h('input', { id: 'capacity', name: 'capacity', type: 'number', min: 1, max: 1000, value: 20, required: true })),
      h('div', { class: 'field' }, h('label', { for: 'random-share' }, t('random_share')), h('input', { id: 'random-share', name: 'random_share', type: 'number', min: 0, max: 100, value: 20, required: true })),
      h('div', { class: 'field' }, h('label', { for: 'seed' }, t('plan_seed')), h('input', { id: 'seed', name: 'seed', type: 'number', min: 0, value: 1 })),
      h('div', { class: 'field' }, h('button', { type: 'submit' }, t('build_plan'))));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      result.replaceChildren();
      const fd = new FormData(form);
      try {
        const p = await post(ep.plans, {
          capacity: Number(fd.get('capacity')), random_share: Number(fd.get('random_share')) / 100,
          seed: fd.get('seed') ? Number(fd.get('seed')) : undefined, level: 'unit',
        });
        result.appendChild(planTable(p));
        result.prepend(status(t('saved'), 'ok'));
      } catch (e) {
        result.appendChild(status(e instanceof ApiError ? e.message : String(e), 'error'));
      }
    });
    root.appendChild(form);
  }
  root.appendChild(result);
  const list: any[] = plans.plans ?? [];
  saved.appendChild(list.length ? dataTable(t('saved_plans'), [
    { key: 'id', label: t('plan'), cell: (p: any) => String(p.plan_id) },
    { key: 'at', label: t('finished'), cell: (p: any) => fmtDate(p.created_at) },
    { key: 'by', label: t('imported_by'), cell: (p: any) => p.created_by ?? '–' },
    { key: 'cap', label: t('capacity'), num: true, cell: (p: any) => fmtInt(p.capacity) },
    { key: 'rs', label: t('random_share'), num: true, cell: (p: any) => fmtNum((p.random_share ?? 0) * 100, 0) },
  ], list) : h('p', null, t('none_yet')));
  root.appendChild(saved);
}

function planTable(p: any): HTMLElement {
  const items: any[] = p.items ?? [];
  const random = items.filter((i) => i.selection === 'random').length;
  return h('div', null,
    h('h2', null, `${t('plan')} ${p.plan_id ?? ''}`),
    h('p', { id: 'plan-summary' }, `${fmtInt(items.length)} ${t('units').toLowerCase()}: ${fmtInt(items.length - random)} ${t('by_priority').toLowerCase()}, ${fmtInt(random)} ${t('by_lottery').toLowerCase()}.`),
    dataTable(t('plan'), [
      { key: 'n', label: t('name'), cell: (i: any) => h('a', { href: href('prioritering', i.level ?? 'unit', i.id) }, i.name ?? i.id) },
      { key: 'sel', label: t('selection'), cell: (i: any) => (i.selection === 'random' ? t('by_lottery') : t('by_priority')) },
      { key: 'r', label: t('rank'), num: true, cell: (i: any) => fmtInt(i.rank) },
      { key: 's', label: t('score'), num: true, cell: (i: any) => fmtNum(i.score, 1) },
    ], items, { id: 'plan-table' }));
}
