// Every API route the dashboard calls, in one place. The routes marked ASSUMED did
// not exist when the dashboard was written: they follow the shapes the CLI prints
// (`vaksam risk top --json`, `vaksam risk funnel`, `vaksam stats report --format
// json`), and a view shows "not available" until the server has them.
import { query } from './api';

export const ep = {
  session: '/api/session',
  overview: '/api/overview',
  triage: (p: Record<string, string | number | boolean | null | undefined>) => `/api/cases/triage${query(p)}`,
  case: (id: string) => `/api/cases/${encodeURIComponent(id)}`,
  feedback: (id: string) => `/api/cases/${encodeURIComponent(id)}/feedback`,
  triageDecision: (id: string) => `/api/cases/${encodeURIComponent(id)}/triage`,
  imports: (p: Record<string, string | number | null | undefined> = {}) => `/api/imports${query(p)}`,
  // {run_id, as_of, model_version, level, paging?, entities: [explanation as in `risk top --json`]}
  ranking: (level: string, limit: number, offset = 0) => `/api/risk/ranking${query({ level, limit, offset })}`,
  // one entity's explanation (as a ranking row), optionally with
  // time_series [{month, signals, alarm?}], deficiencies [...], evidence cases.
  profile: (level: string, id: string) => `/api/risk/entities/${encodeURIComponent(level)}/${encodeURIComponent(id)}`,
  // as `vaksam risk funnel INDICATOR --level L` prints.
  funnel: (indicator: string, level: string) => `/api/risk/funnel/${encodeURIComponent(indicator)}${query({ level })}`,
  // {as_of, deficiencies: [{deficiency_id, inspection_id, unit_id, unit_name?, principal_id?, category,
  // legal_basis, required_action, deadline, status, status_date, bucket: overdue|due_soon|recurring|open}]}
  followup: '/api/followup/queue',
  // POST {status, status_date, note?} → the deficiency as above.
  deficiencyStatus: (id: string) => `/api/followup/deficiencies/${encodeURIComponent(id)}/status`,
  // GET {plans: [...]}; POST {capacity, random_share, seed?, level?} → {plan_id, created_at, capacity,
  // random_share, items: [{id, name, score?, rank?, selection: priority|random}]}
  plans: '/api/plans',
  // as `vaksam stats report --format json` prints.
  statsReport: '/api/stats/report',
};
