// Uppföljning: the follow-up board of deficiencies (overdue, due soon, recurring,
// other open) with status changes from the page.
import { ApiError, get, post } from '../api';
import { h, status } from '../dom';
import { ep } from '../endpoints';
import { code, fmtDate, fmtInt, t } from '../i18n';
import { href } from '../router';
import * as session from '../session';
import { attempt } from './common';

const BUCKETS = ['overdue', 'due_soon', 'recurring', 'open'];
const STATUSES = ['open', 'account_received', 'accepted', 'verified', 'not_accepted', 'escalated'];

export async function render(root: HTMLElement): Promise<void> {
  root.append(h('h1', null, t('nav_followup')), h('p', { class: 'intro' }, t('followup_intro')));
  const q = await attempt(root, () => get(ep.followup));
  if (!q) return;
  const all: any[] = q.deficiencies ?? BUCKETS.flatMap((b) => (q[b] ?? []).map((d: any) => ({ ...d, bucket: d.bucket ?? b })));
  const board = h('div', { class: 'board', id: 'followup-board' });
  for (const b of BUCKETS) {
    const items = all.filter((d) => (d.bucket ?? 'open') === b);
    const hid = `col-${b}`;
    board.appendChild(h('section', { 'aria-labelledby': hid, 'data-bucket': b },
      h('h2', { id: hid }, `${t(b === 'open' ? 'other_open' : b)} (${fmtInt(items.length)})`),
      items.length ? items.map(card) : h('p', null, t('none_yet'))));
  }
  root.appendChild(board);
}

function card(d: any): HTMLElement {
  const me = session.current()!;
  const sid = `st-${d.deficiency_id}`, did = `sd-${d.deficiency_id}`, nid = `sn-${d.deficiency_id}`;
  const current = h('span', { 'data-status': d.status }, code('deficiency_status', d.status));
  const msg = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'row', 'data-deficiency': d.deficiency_id },
    h('div', { class: 'field' }, h('label', { for: sid }, t('new_status')),
      h('select', { id: sid, name: 'status' }, STATUSES.map((s) => h('option', { value: s, selected: s === d.status }, code('deficiency_status', s))))),
    h('div', { class: 'field' }, h('label', { for: did }, t('status_date')), h('input', { id: did, name: 'status_date', type: 'date', value: new Date().toISOString().slice(0, 10), required: true })),
    h('div', { class: 'field' }, h('label', { for: nid }, t('note')), h('input', { id: nid, name: 'note', maxlength: 2000 })),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, t('change_status'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    msg.replaceChildren();
    const fd = new FormData(form);
    try {
      const r = await post(ep.deficiencyStatus(d.deficiency_id), { status: fd.get('status'), status_date: fd.get('status_date'), note: fd.get('note') || undefined });
      const s = r?.status ?? fd.get('status');
      current.dataset.status = String(s);
      current.textContent = code('deficiency_status', String(s));
      msg.appendChild(status(t('saved'), 'ok'));
    } catch (e) {
      msg.appendChild(status(e instanceof ApiError ? e.message : String(e), 'error'));
    }
  });
  const unit = d.unit_id ? h('a', { href: href('prioritering', 'unit', d.unit_id) }, d.unit_name ?? d.unit_id) : d.principal_id ?? '–';
  return h('article', { 'data-deficiency': d.deficiency_id },
    h('h3', null, `${code('deficiency_category', d.category)}`),
    h('dl', { class: 'kv' },
      h('dt', null, t('unit')), h('dd', null, unit),
      h('dt', null, t('deadline')), h('dd', null, fmtDate(d.deadline)),
      h('dt', null, t('status')), h('dd', null, current, ` (${fmtDate(d.status_date)})`),
      d.required_action ? [h('dt', null, t('required_action')), h('dd', null, d.required_action)] : null),
    me.permissions.write ? form : null, msg);
}
