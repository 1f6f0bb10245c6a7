// Ärenden: the triage queue, and one case with its text (redacted or full, as the
// server decides by role), the evidence spans highlighted and numbered, the flags
// to confirm or reject, and the triage decision with its reason.
import { ApiError, get, post } from '../api';
import { h, status } from '../dom';
import { ep } from '../endpoints';
import { code, fmtDate, fmtInt, fmtNum, t } from '../i18n';
import { go, href, type Route } from '../router';
import * as session from '../session';
import { badge, dataTable, renderError } from './common';

const PAGE = 25;

export async function render(root: HTMLElement, route: Route): Promise<void> {
  const me = session.current()!;
  if (!me.permissions.case_records) {
    root.append(h('h1', null, t('nav_cases')), h('div', { class: 'notice notice-unavailable', role: 'status', id: 'no-case-access' }, h('p', null, t('viewer_no_text'))));
    // The server is the one that refuses: ask it, and show its answer too.
    try {
      await get(route.parts[0] ? ep.case(route.parts[0]) : ep.triage({ limit: 1 }));
    } catch (e) {
      if (e instanceof ApiError) root.appendChild(h('p', { id: 'server-refusal' }, `${e.status}: ${e.message}`));
    }
    return;
  }
  if (route.parts[0]) return one(root, route.parts[0]);
  return queue(root, route);
}

async function queue(root: HTMLElement, route: Route): Promise<void> {
  const p = route.params;
  const page = Number(p.get('sida') ?? '0') || 0;
  const severity = p.get('allvarlighet') ?? '';
  const decided = p.get('bedomd') ?? '';
  root.append(h('h1', null, t('triage_queue')), h('p', { class: 'intro' }, t('triage_intro')));
  const sevSel = h('select', { id: 'f-severity', name: 'severity' },
    h('option', { value: '' }, t('all')), ['high', 'moderate', 'low'].map((s) => h('option', { value: s, selected: s === severity }, t('sev_' + s))));
  const decSel = h('select', { id: 'f-decided', name: 'decided' }, h('option', { value: '' }, t('all')),
    h('option', { value: 'false', selected: decided === 'false' }, t('only_undecided')),
    h('option', { value: 'true', selected: decided === 'true' }, t('only_decided')));
  const form = h('form', { class: 'row', 'aria-label': t('filter') },
    h('div', { class: 'field' }, h('label', { for: 'f-severity' }, t('severity')), sevSel),
    h('div', { class: 'field' }, h('label', { for: 'f-decided' }, t('decided_filter')), decSel),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, t('filter'))));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    if ((sevSel as HTMLSelectElement).value) q.set('allvarlighet', (sevSel as HTMLSelectElement).value);
    if ((decSel as HTMLSelectElement).value) q.set('bedomd', (decSel as HTMLSelectElement).value);
    go(`${href('arenden')}?${q}`);
  });
  root.appendChild(form);
  const r = await get(ep.triage({ severity: severity || null, decided: decided || null, limit: PAGE, offset: page * PAGE }));
  root.appendChild(dataTable(`${t('triage_queue')} (${fmtInt(r.paging.total)})`, [
    { key: 'id', label: t('case_id'), cell: (c: any) => h('a', { href: href('arenden', c.case_id), 'data-case': c.case_id }, c.case_id) },
    { key: 'sev', label: t('severity'), cell: (c: any) => badge(t('sev_' + c.severity), 'sev-' + c.severity) },
    { key: 'date', label: t('received'), cell: (c: any) => fmtDate(c.received_date) },
    { key: 'kind', label: t('case_kind'), cell: (c: any) => code('case_kind', c.case_kind) },
    { key: 'cat', label: t('categories'), cell: (c: any) => c.categories.map((x: string) => code('category', x)).join(', ') },
    { key: 'unit', label: t('unit'), cell: (c: any) => (c.unit_id ? h('a', { href: href('prioritering', 'unit', c.unit_id) }, c.unit_id) : '–') },
    { key: 'dec', label: t('decision'), cell: (c: any) => (c.last_decision ? t('decision_' + c.last_decision) : t('undecided')) },
  ], r.cases, { id: 'triage-table', rowHeader: 'id' }));
  const from = r.paging.offset + 1, to = r.paging.offset + r.cases.length;
  const link = (n: number) => { const q = new URLSearchParams(p); q.set('sida', String(n)); return `${href('arenden')}?${q}`; };
  root.appendChild(h('nav', { class: 'pager', 'aria-label': t('triage_queue') },
    page > 0 ? h('a', { href: link(page - 1) }, t('previous')) : null,
    h('span', null, t('showing', { from: fmtInt(r.cases.length ? from : 0), to: fmtInt(to), total: fmtInt(r.paging.total) })),
    to < r.paging.total ? h('a', { href: link(page + 1) }, t('next')) : null));
}

// Offsets from the server count UTF-8 bytes; JavaScript strings count UTF-16 units.
function sliceBytes(bytes: Uint8Array, from: number, to: number): string {
  return new TextDecoder().decode(bytes.subarray(from, to));
}

interface Span { begin: number; end: number; n: number; kind: 'ev' | 'def'; label: string; ctx: boolean }

export function highlighted(text: string, spans: Span[]): HTMLElement {
  const bytes = new TextEncoder().encode(text);
  const out = h('div', { class: 'case-text', id: 'case-text', lang: 'sv' });
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.begin - b.begin || b.end - a.end)) {
    if (s.begin < at || s.end > bytes.length || s.end <= s.begin) continue;  // overlapping or stale
    out.append(sliceBytes(bytes, at, s.begin));
    out.appendChild(h('mark', { class: s.kind === 'def' ? 'ev def' : s.ctx ? 'ev ctx' : 'ev', 'data-evidence': s.n },
      sliceBytes(bytes, s.begin, s.end), h('span', { class: 'ev-label' }, `[${s.n}]`), h('span', { class: 'visually-hidden' }, ` (${s.label})`)));
    at = s.end;
  }
  out.append(sliceBytes(bytes, at, bytes.length));
  return out;
}

async function one(root: HTMLElement, caseId: string): Promise<void> {
  root.appendChild(h('p', null, h('a', { href: href('arenden') }, `← ${t('triage_queue')}`)));
  let c: any;
  try {
    c = await get(ep.case(caseId));
  } catch (e) {
    root.append(h('h1', null, `${t('case_id')} ${caseId}`), renderError(e));
    return;
  }
  const me = session.current()!;
  const s = c.screening;
  root.appendChild(h('h1', null, `${t('case_id')} ${c.case_id}`));
  root.appendChild(h('dl', { class: 'kv', id: 'case-facts' },
    h('dt', null, t('case_kind')), h('dd', null, code('case_kind', c.case_kind)),
    h('dt', null, t('received')), h('dd', null, fmtDate(c.received_date)),
    h('dt', null, t('unit')), h('dd', null, c.unit_id ? h('a', { href: href('prioritering', 'unit', c.unit_id) }, c.unit_id) : '–'),
    s ? [h('dt', null, t('severity')), h('dd', null, badge(t('sev_' + s.severity), 'sev-' + s.severity), ` (${t('score').toLowerCase()} ${fmtNum(s.score, 2)})`)] : null,
    s ? [h('dt', null, t('categories')), h('dd', null, s.categories.map((x: string) => code('category', x)).join(', ') || '–')] : null,
    s ? [h('dt', null, t('lethal_markers')), h('dd', { id: 'lethal-markers' }, s.lethal_risk_markers.map((x: string) => code('marker', x)).join(', ') || '–')] : null,
    s ? [h('dt', null, t('exposed')), h('dd', null, s.exposed.map((x: string) => code('exposed', x)).join(', ') || '–')] : null));

  root.appendChild(h('h2', null, t('case_text')));
  root.appendChild(h('p', { class: 'notice', id: 'text-access', 'data-access': c.text_access }, c.text_access === 'full' ? t('text_full') : t('text_redacted')));
  const spans: Span[] = [];
  const evidence: any[] = s?.evidence ?? [];
  evidence.forEach((e, i) => spans.push({ begin: e.begin, end: e.end, n: i + 1, kind: 'ev', ctx: !e.counted,
    label: [...(e.categories ?? []).map((x: string) => code('category', x)), ...(e.contexts ?? []).map((x: string) => code('context', x))].join(', ') }));
  (s?.deficiencies ?? []).forEach((d: any, i: number) => spans.push({ begin: d.begin, end: d.end, n: evidence.length + i + 1, kind: 'def', ctx: false, label: t('handling_deficiency') }));
  root.appendChild(highlighted(c.narrative ?? '', spans));
  if (spans.length) {
    root.appendChild(h('h3', null, t('evidence')));
    root.appendChild(h('p', { class: 'intro' }, t('evidence_help')));
    const ol = h('ol', { id: 'evidence-list' });
    for (const e of evidence)
      ol.appendChild(h('li', null, h('q', null, e.text), ' – ', (e.categories ?? []).map((x: string) => code('category', x)).join(', ') || '–',
        e.contexts?.length ? ` (${t('context').toLowerCase()}: ${e.contexts.map((x: string) => code('context', x)).join(', ')})` : ''));
    for (const d of s?.deficiencies ?? []) ol.appendChild(h('li', null, h('q', null, d.text), ` – ${t('handling_deficiency')}`));
    root.appendChild(ol);
  }
  if (!s) {
    root.appendChild(h('p', null, t('not_screened')));
    return;
  }

  // Flags: the overall violence flag and each category.
  const canWrite = me.permissions.write;
  root.appendChild(h('h2', null, t('flags')));
  root.appendChild(h('p', { class: 'intro' }, t('flags_help')));
  const latest = new Map<string, any>();
  for (const f of c.feedback ?? []) latest.set(f.target, f);  // in order: the last one counts
  const ul = h('ul', { class: 'flags', id: 'flag-list' });
  for (const target of ['violence', ...s.categories]) {
    const f = latest.get(target);
    const state = h('span', { class: 'flag-state', 'data-target': target, 'data-verdict': f?.verdict ?? '' },
      f ? `${t(f.verdict)} ${t('by_on', { who: f.decided_by, when: fmtDate(f.decided_at) })}` : t('not_reviewed'));
    const msg = h('span', { 'aria-live': 'polite' });
    const act = (verdict: 'confirmed' | 'rejected') => async () => {
      msg.textContent = '';
      try {
        await post(ep.feedback(caseId), { target, verdict });
        state.dataset.verdict = verdict;
        state.textContent = `${t(verdict)} ${t('by_on', { who: me.user, when: fmtDate(new Date().toISOString()) })}`;
        msg.textContent = t('saved');
      } catch (e) {
        msg.textContent = e instanceof ApiError ? e.message : String(e);
      }
    };
    const name = code('category', target);
    ul.appendChild(h('li', null, h('strong', null, name), state,
      canWrite ? h('button', { type: 'button', class: 'secondary', 'aria-label': `${t('confirm')}: ${name}`, 'data-action': 'confirm', 'data-target': target, onclick: act('confirmed') }, t('confirm')) : null, ' ',
      canWrite ? h('button', { type: 'button', class: 'secondary', 'aria-label': `${t('reject')}: ${name}`, 'data-action': 'reject', 'data-target': target, onclick: act('rejected') }, t('reject')) : null,
      ' ', msg));
  }
  root.appendChild(ul);

  root.appendChild(h('h2', null, t('triage_decision')));
  const earlier: any[] = c.triage_decisions ?? [];
  const list = h('ul', { id: 'decision-list' }, earlier.map((d) => decisionItem(d)));
  root.append(h('h3', null, t('earlier_decisions')), earlier.length ? list : h('p', { id: 'no-decisions' }, t('none_yet')));
  if (!canWrite) return;
  const form = h('form', { id: 'triage-form', novalidate: true },
    h('fieldset', null, h('legend', null, t('decision')),
      ['initiate_supervision', 'no_action', 'forward'].map((d, i) => h('div', null,
        h('input', { type: 'radio', name: 'decision', id: `dec-${d}`, value: d, checked: i === 0 }), ' ',
        h('label', { for: `dec-${d}`, style: 'display:inline;font-weight:400' }, t('decision_' + d))))),
    h('div', { class: 'field' }, h('label', { for: 'forwarded-to' }, t('forwarded_to')), h('input', { id: 'forwarded-to', name: 'forwarded_to', maxlength: 200 })),
    h('div', { class: 'field' }, h('label', { for: 'reason' }, t('reason')), h('textarea', { id: 'reason', name: 'reason', required: true, maxlength: 4000 })),
    h('button', { type: 'submit' }, t('save_decision')));
  const feedback = h('div', { 'aria-live': 'polite', id: 'triage-feedback' });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    feedback.replaceChildren();
    const fd = new FormData(form);
    const decision = String(fd.get('decision'));
    const body: any = { decision, reason: String(fd.get('reason') ?? '').trim() };
    if (decision === 'forward') body.forwarded_to = String(fd.get('forwarded_to') ?? '').trim();
    if (!body.reason) {
      feedback.appendChild(status(`${t('reason')}: ${t('error').toLowerCase()}`, 'error'));
      (form.querySelector('#reason') as HTMLElement).focus();
      return;
    }
    try {
      const d = await post(ep.triageDecision(caseId), body);
      feedback.appendChild(status(t('saved'), 'ok'));
      document.getElementById('no-decisions')?.replaceWith(list);
      list.appendChild(decisionItem({ ...d, decided_at: new Date().toISOString() }));
      form.reset();
    } catch (e) {
      feedback.appendChild(status(e instanceof ApiError ? e.message : String(e), 'error'));
    }
  });
  root.append(form, feedback);
}

function decisionItem(d: any): HTMLElement {
  return h('li', null, h('strong', null, t('decision_' + d.decision)), d.forwarded_to ? ` → ${d.forwarded_to}` : '',
    ` – ${t('by_on', { who: d.decided_by, when: fmtDate(d.decided_at) })}: `, d.reason);
}
