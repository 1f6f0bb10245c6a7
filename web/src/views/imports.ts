// Import: upload a file and see its validation report (all rows or none), and the
// earlier import batches.
import { ApiError, api, get } from '../api';
import { h, status } from '../dom';
import { ep } from '../endpoints';
import { code, fmtDate, fmtInt, t } from '../i18n';
import { attempt, dataTable } from './common';

const ENTITIES = ['cases', 'units', 'principals', 'inspections', 'deficiencies', 'indicators'];

export async function render(root: HTMLElement): Promise<void> {
  root.append(h('h1', null, t('nav_import')), h('p', { class: 'intro' }, t('import_intro')));
  const list = h('section', { 'aria-labelledby': 'earlier-h' }, h('h2', { id: 'earlier-h' }, t('earlier_imports')));
  const batches = await attempt(list, () => get(ep.imports({ sort: 'newest', limit: 20 })));
  if (!batches) {
    root.appendChild(list);
    return;
  }
  const result = h('div', { id: 'import-report', 'aria-live': 'polite' });
  const form = h('form', { id: 'import-form', enctype: 'multipart/form-data' },
    h('div', { class: 'field' }, h('label', { for: 'import-file' }, t('file')), h('input', { id: 'import-file', name: 'file', type: 'file', accept: '.csv,.jsonl', required: true })),
    h('div', { class: 'field' }, h('label', { for: 'import-entity' }, t('entity')),
      h('select', { id: 'import-entity', name: 'entity' }, h('option', { value: '' }, t('entity_auto')), ENTITIES.map((e) => h('option', { value: e }, code('entity', e))))),
    h('button', { type: 'submit' }, t('upload')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    result.replaceChildren();
    const input = form.querySelector('#import-file') as HTMLInputElement;
    if (!input.files?.length) {
      result.appendChild(status(t('choose_file'), 'error'));
      input.focus();
      return;
    }
    const fd = new FormData();
    fd.append('file', input.files[0]);
    const entity = (form.querySelector('#import-entity') as HTMLSelectElement).value;
    if (entity) fd.append('entity', entity);
    try {
      const r = await api('POST', ep.imports(), fd);
      result.appendChild(report(r));
    } catch (e) {
      if (e instanceof ApiError && e.body?.report) {
        result.appendChild(status(e.message, 'error'));
        result.appendChild(report(e.body.report));
      } else result.appendChild(status(e instanceof ApiError ? e.message : String(e), 'error'));
    }
  });
  root.append(form, result);
  list.appendChild(dataTable(t('earlier_imports'), [
    { key: 'id', label: '#', num: true, cell: (b: any) => fmtInt(b.batch_id) },
    { key: 'file', label: t('file'), cell: (b: any) => b.file },
    { key: 'e', label: t('entity'), cell: (b: any) => code('entity', b.entity) },
    { key: 'at', label: t('finished'), cell: (b: any) => fmtDate(b.finished_at) },
    { key: 'by', label: t('imported_by'), cell: (b: any) => b.imported_by },
    { key: 'n', label: t('new'), num: true, cell: (b: any) => fmtInt(b.new) },
    { key: 'c', label: t('changed'), num: true, cell: (b: any) => fmtInt(b.changed) },
    { key: 'r', label: t('rejected_rows'), num: true, cell: (b: any) => fmtInt(b.rejected) },
  ], batches.batches ?? [], { id: 'batches-table' }));
  root.appendChild(list);
}

function report(r: any): HTMLElement {
  const errors: any[] = r.errors ?? [];
  return h('section', { 'aria-labelledby': 'report-h', 'data-outcome': r.outcome },
    h('h2', { id: 'report-h' }, `${t('report')}: ${r.file ?? ''}`),
    h('dl', { class: 'kv' },
      h('dt', null, t('outcome')), h('dd', { id: 'import-outcome' }, t('outcome_' + r.outcome)),
      r.entity ? [h('dt', null, t('entity')), h('dd', null, code('entity', r.entity))] : null,
      r.rows !== undefined ? [h('dt', null, t('rows')), h('dd', null, fmtInt(r.rows))] : null,
      r.new !== undefined ? [h('dt', null, t('new')), h('dd', null, fmtInt(r.new))] : null,
      r.changed !== undefined ? [h('dt', null, t('changed')), h('dd', null, fmtInt(r.changed))] : null,
      r.unchanged !== undefined ? [h('dt', null, t('unchanged')), h('dd', null, fmtInt(r.unchanged))] : null,
      r.rejected !== undefined ? [h('dt', null, t('rejected_rows')), h('dd', null, fmtInt(r.rejected))] : null),
    errors.length ? dataTable(`${t('errors')} (${fmtInt(r.error_count ?? errors.length)})`, [
      { key: 'l', label: t('line'), num: true, cell: (e: any) => fmtInt(e.line) },
      { key: 'f', label: t('field'), cell: (e: any) => e.field || '–' },
      { key: 'r', label: t('reason'), cell: (e: any) => e.reason },
    ], errors, { id: 'import-errors' }) : null);
}
