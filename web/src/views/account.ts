// Mitt konto: who is signed in, the role, and what the role allows.
import { h } from '../dom';
import { t } from '../i18n';
import { href } from '../router';
import * as session from '../session';
import { dataTable } from './common';

export async function render(root: HTMLElement): Promise<void> {
  const me = (await session.load()) ?? session.current()!;
  const p = me.permissions;
  root.append(h('h1', null, t('who_am_i')),
    h('dl', { class: 'kv', id: 'whoami' },
      h('dt', null, t('user_name')), h('dd', { id: 'me-user' }, me.user),
      h('dt', null, t('role')), h('dd', { id: 'me-role', 'data-role': me.role }, t('role_' + me.role)),
      h('dt', null, t('assigned_units')), h('dd', null, me.assigned_units.length
        ? me.assigned_units.map((u, i) => [i ? ', ' : '', h('a', { href: href('prioritering', 'unit', u) }, u)]) : '–')));
  const text = p.case_text === 'full' && p.full_text_only_when_assigned ? t('perm_case_text_full_assigned') : t('perm_case_text_' + p.case_text);
  const rows: [string, string][] = [
    [t('perm_case_text'), text],
    ...(['case_records', 'pseudonyms', 'aggregates', 'risk_and_followup', 'audit_trail', 'write', 'administer'] as const)
      .map((k): [string, string] => [t('perm_' + k), p[k] ? t('yes') : t('no')]),
  ];
  root.appendChild(h('h2', null, t('may_do')));
  root.appendChild(dataTable(t('may_do'), [
    { key: 'k', label: t('may_do'), cell: (r: [string, string]) => r[0] },
    { key: 'v', label: t('value'), cell: (r: [string, string]) => r[1] },
  ], rows, { id: 'permissions-table', rowHeader: 'k' }));
  root.appendChild(h('details', null, h('summary', null, t('allowed_routes')), h('ul', null, me.allowed_routes.map((r) => h('li', null, h('code', null, r))))));
}
