#include "store/sqlite_migrations.h"

namespace vaksam::store {

namespace {

// Every entity table carries provenance: row_hash (digest of the stored values),
// version (1, 2, ...), batch_id and source_line of the import that wrote it.
// Its _history twin keeps each superseded version.
constexpr std::string_view kInitial = R"sql(
CREATE TABLE import_batches (
  batch_id       INTEGER PRIMARY KEY,
  entity         TEXT NOT NULL,
  file_name      TEXT NOT NULL,
  file_digest    TEXT NOT NULL,
  format         TEXT NOT NULL,
  encoding       TEXT NOT NULL,
  imported_by    TEXT NOT NULL,
  started_at     TEXT NOT NULL,
  finished_at    TEXT,
  rows_total     INTEGER NOT NULL DEFAULT 0,
  rows_new       INTEGER NOT NULL DEFAULT 0,
  rows_changed   INTEGER NOT NULL DEFAULT 0,
  rows_unchanged INTEGER NOT NULL DEFAULT 0,
  rows_rejected  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE regions (
  region_code     TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  population      INTEGER NOT NULL,
  population_year INTEGER NOT NULL
);

CREATE TABLE municipalities (
  kommunkod       TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  region_code     TEXT NOT NULL REFERENCES regions(region_code),
  population      INTEGER NOT NULL,
  population_year INTEGER NOT NULL
);

CREATE TABLE principals (
  principal_id   TEXT PRIMARY KEY,
  principal_type TEXT NOT NULL,
  name           TEXT NOT NULL,
  org_number     TEXT,
  kommunkod      TEXT REFERENCES municipalities(kommunkod),
  region_code    TEXT REFERENCES regions(region_code),
  row_hash BLOB NOT NULL, version INTEGER NOT NULL,
  batch_id INTEGER NOT NULL REFERENCES import_batches(batch_id), source_line INTEGER NOT NULL
);

CREATE TABLE units (
  unit_id      TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  unit_type    TEXT NOT NULL,
  principal_id TEXT NOT NULL REFERENCES principals(principal_id),
  kommunkod    TEXT NOT NULL REFERENCES municipalities(kommunkod),
  capacity     INTEGER,
  opened_date  TEXT,
  closed_date  TEXT,
  row_hash BLOB NOT NULL, version INTEGER NOT NULL,
  batch_id INTEGER NOT NULL REFERENCES import_batches(batch_id), source_line INTEGER NOT NULL
);
CREATE INDEX units_by_principal ON units(principal_id);

CREATE TABLE cases (
  case_id           TEXT PRIMARY KEY,
  case_kind         TEXT NOT NULL,
  received_date     TEXT NOT NULL,
  unit_id           TEXT REFERENCES units(unit_id),
  principal_id      TEXT REFERENCES principals(principal_id),
  subject_pseudonym TEXT,
  subject_sex       TEXT,
  subject_age_band  TEXT,
  vulnerabilities   TEXT,
  narrative         TEXT,
  row_hash BLOB NOT NULL, version INTEGER NOT NULL,
  batch_id INTEGER NOT NULL REFERENCES import_batches(batch_id), source_line INTEGER NOT NULL,
  CHECK (unit_id IS NOT NULL OR principal_id IS NOT NULL)
);
-- Further indexes come with the queries that need them: each one costs every import.
CREATE INDEX cases_by_unit ON cases(unit_id);

CREATE TABLE inspections (
  inspection_id   TEXT PRIMARY KEY,
  inspection_type TEXT NOT NULL,
  unit_id         TEXT REFERENCES units(unit_id),
  principal_id    TEXT REFERENCES principals(principal_id),
  started_date    TEXT NOT NULL,
  decision_date   TEXT,
  outcome         TEXT NOT NULL,
  summary         TEXT,
  row_hash BLOB NOT NULL, version INTEGER NOT NULL,
  batch_id INTEGER NOT NULL REFERENCES import_batches(batch_id), source_line INTEGER NOT NULL,
  CHECK (unit_id IS NOT NULL OR principal_id IS NOT NULL)
);

CREATE TABLE deficiencies (
  deficiency_id   TEXT PRIMARY KEY,
  inspection_id   TEXT NOT NULL REFERENCES inspections(inspection_id),
  category        TEXT NOT NULL,
  legal_basis     TEXT NOT NULL,
  required_action TEXT NOT NULL,
  deadline        TEXT,
  status          TEXT NOT NULL,
  status_date     TEXT NOT NULL,
  row_hash BLOB NOT NULL, version INTEGER NOT NULL,
  batch_id INTEGER NOT NULL REFERENCES import_batches(batch_id), source_line INTEGER NOT NULL
);
CREATE INDEX deficiencies_by_inspection ON deficiencies(inspection_id);

CREATE TABLE deficiency_status_history (
  deficiency_id TEXT NOT NULL REFERENCES deficiencies(deficiency_id),
  status        TEXT NOT NULL,
  status_date   TEXT NOT NULL,
  changed_by    TEXT NOT NULL,
  batch_id      INTEGER REFERENCES import_batches(batch_id),
  recorded_at   TEXT NOT NULL
);
CREATE INDEX deficiency_status_by_deficiency ON deficiency_status_history(deficiency_id);

CREATE TABLE indicator_values (
  indicator_id TEXT NOT NULL,
  area_code    TEXT NOT NULL,
  period       TEXT NOT NULL,
  value        REAL NOT NULL,
  denominator  REAL,
  source       TEXT,
  row_hash BLOB NOT NULL, version INTEGER NOT NULL,
  batch_id INTEGER NOT NULL REFERENCES import_batches(batch_id), source_line INTEGER NOT NULL,
  PRIMARY KEY (indicator_id, area_code, period)
);

CREATE TABLE principals_history AS SELECT * FROM principals WHERE 0;
CREATE TABLE units_history AS SELECT * FROM units WHERE 0;
CREATE TABLE cases_history AS SELECT * FROM cases WHERE 0;
CREATE TABLE inspections_history AS SELECT * FROM inspections WHERE 0;
CREATE TABLE deficiencies_history AS SELECT * FROM deficiencies WHERE 0;
CREATE TABLE indicator_values_history AS SELECT * FROM indicator_values WHERE 0;
ALTER TABLE principals_history ADD COLUMN superseded_at TEXT;
ALTER TABLE principals_history ADD COLUMN superseded_by_batch INTEGER;
ALTER TABLE units_history ADD COLUMN superseded_at TEXT;
ALTER TABLE units_history ADD COLUMN superseded_by_batch INTEGER;
ALTER TABLE cases_history ADD COLUMN superseded_at TEXT;
ALTER TABLE cases_history ADD COLUMN superseded_by_batch INTEGER;
ALTER TABLE inspections_history ADD COLUMN superseded_at TEXT;
ALTER TABLE inspections_history ADD COLUMN superseded_by_batch INTEGER;
ALTER TABLE deficiencies_history ADD COLUMN superseded_at TEXT;
ALTER TABLE deficiencies_history ADD COLUMN superseded_by_batch INTEGER;
ALTER TABLE indicator_values_history ADD COLUMN superseded_at TEXT;
ALTER TABLE indicator_values_history ADD COLUMN superseded_by_batch INTEGER;
)sql";

// Screening results, one per case (the latest), with the full evidence as JSON so every
// flag can say why; and the analysts' verdicts on flags, kept for evaluation.
constexpr std::string_view kScreening = R"sql(
CREATE TABLE screenings (
  case_id             TEXT PRIMARY KEY REFERENCES cases(case_id),
  case_version        INTEGER NOT NULL,
  lexicon_version     TEXT NOT NULL,
  screened_at         TEXT NOT NULL,
  violence            INTEGER NOT NULL,
  score               REAL NOT NULL,
  severity            TEXT NOT NULL,
  handling_deficiency INTEGER NOT NULL,
  categories          TEXT NOT NULL,
  result_json         TEXT NOT NULL
);
CREATE INDEX screenings_by_flag ON screenings(violence, severity);

CREATE TABLE screening_feedback (
  feedback_id     INTEGER PRIMARY KEY,
  case_id         TEXT NOT NULL REFERENCES cases(case_id),
  target          TEXT NOT NULL,
  verdict         TEXT NOT NULL CHECK (verdict IN ('confirmed', 'rejected')),
  lexicon_version TEXT NOT NULL,
  decided_by      TEXT NOT NULL,
  decided_at      TEXT NOT NULL,
  note            TEXT
);
CREATE INDEX screening_feedback_by_case ON screening_feedback(case_id);
)sql";

// The audit trail: append-only (the triggers refuse updates and deletes through SQL;
// the MAC chain, checked by `vaksam audit verify`, catches tampering that bypasses them).
constexpr std::string_view kAudit = R"sql(
CREATE TABLE audit_log (
  seq         INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id   TEXT NOT NULL,
  origin      TEXT NOT NULL,
  details     TEXT NOT NULL,
  prev_mac    TEXT NOT NULL,
  mac         TEXT NOT NULL
);
CREATE INDEX audit_by_actor ON audit_log(actor, at);
CREATE INDEX audit_by_object ON audit_log(object_type, object_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
)sql";

// Data keys for texts at rest, each wrapped under a key derived from the key file.
constexpr std::string_view kDataKeys = R"sql(
CREATE TABLE data_keys (
  generation INTEGER PRIMARY KEY,
  wrapped    BLOB NOT NULL,
  created_at TEXT NOT NULL
);
)sql";

// Retention: how long each category of data is kept (days), and the counts that
// outlive the cases they summarise (by month, kind, unit, sex, age band, flag).
constexpr std::string_view kRetention = R"sql(
CREATE TABLE retention_policy (
  category    TEXT PRIMARY KEY,
  days        INTEGER NOT NULL CHECK (days > 0),
  description TEXT NOT NULL
);
INSERT INTO retention_policy VALUES
  ('case_text', 1825, 'free text of cases and the screening evidence quoted from it, from the date received'),
  ('personal_data', 3650, 'subject pseudonyms and vulnerability markers, from the date received'),
  ('case_records', 3650, 'whole case records, from the date received; their counts are kept as aggregates'),
  ('superseded_versions', 730, 'earlier versions of records, from the date they were superseded');
CREATE TABLE purged_case_counts (
  month            TEXT NOT NULL,
  case_kind        TEXT NOT NULL,
  unit_id          TEXT,
  principal_id     TEXT,
  subject_sex      TEXT,
  subject_age_band TEXT,
  violence         INTEGER,
  cases            INTEGER NOT NULL
);
)sql";

// The server: local accounts (argon2id hashes), sessions and API tokens (stored
// only as digests), inspectors' unit assignments, and triage decisions per case.
constexpr std::string_view kServer = R"sql(
CREATE TABLE users (
  name          TEXT PRIMARY KEY,
  role          TEXT NOT NULL CHECK (role IN ('administrator', 'analyst', 'inspector', 'viewer', 'auditor')),
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL
);
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  csrf_hash    TEXT NOT NULL,
  user_name    TEXT NOT NULL REFERENCES users(name),
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  origin       TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_name);
CREATE TABLE api_tokens (
  token_hash   TEXT PRIMARY KEY,
  user_name    TEXT NOT NULL REFERENCES users(name),
  label        TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  revoked      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE assignments (
  user_name   TEXT NOT NULL REFERENCES users(name),
  unit_id     TEXT NOT NULL,
  assigned_by TEXT NOT NULL,
  assigned_at TEXT NOT NULL,
  PRIMARY KEY (user_name, unit_id)
);
CREATE TABLE triage_decisions (
  decision_id  INTEGER PRIMARY KEY,
  case_id      TEXT NOT NULL REFERENCES cases(case_id),
  decision     TEXT NOT NULL CHECK (decision IN ('initiate_supervision', 'no_action', 'forward')),
  reason       TEXT NOT NULL,
  forwarded_to TEXT,
  decided_by   TEXT NOT NULL,
  decided_at   TEXT NOT NULL
);
CREATE INDEX triage_decisions_by_case ON triage_decisions(case_id);
CREATE INDEX cases_by_received ON cases(received_date);
)sql";

// Risk rankings: one run per recompute, written in one transaction so readers see a whole
// run or none; each row keeps its explanation so a published ranking can be shown again.
constexpr std::string_view kRisk = R"sql(
CREATE TABLE risk_runs (
  run_id        INTEGER PRIMARY KEY,
  computed_at   TEXT NOT NULL,
  computed_by   TEXT NOT NULL,
  as_of         TEXT NOT NULL,
  model_version TEXT NOT NULL,
  fingerprint   TEXT NOT NULL,
  summary_json  TEXT NOT NULL
);
CREATE TABLE risk_scores (
  run_id           INTEGER NOT NULL REFERENCES risk_runs(run_id) ON DELETE CASCADE,
  level            TEXT NOT NULL,
  entity_id        TEXT NOT NULL,
  name             TEXT NOT NULL,
  rank             INTEGER NOT NULL,
  rank_low         INTEGER NOT NULL,
  rank_high        INTEGER NOT NULL,
  score            REAL NOT NULL,
  flagged          INTEGER NOT NULL,
  alarm            INTEGER NOT NULL,
  method_dependent INTEGER NOT NULL,
  explanation_json TEXT NOT NULL,
  PRIMARY KEY (run_id, level, entity_id)
);
CREATE INDEX risk_scores_by_rank ON risk_scores(run_id, level, rank);
)sql";

// Follow-up and planning: notes on status changes made by users, and inspection plans with
// their items (docs/followup.md).
constexpr std::string_view kFollowup = R"sql(
ALTER TABLE deficiency_status_history ADD COLUMN note TEXT;
CREATE TABLE inspection_plans (
  plan_id       INTEGER PRIMARY KEY,
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  level         TEXT NOT NULL CHECK (level IN ('unit', 'principal')),
  as_of         TEXT NOT NULL,
  capacity      INTEGER NOT NULL CHECK (capacity > 0),
  random_share  REAL NOT NULL CHECK (random_share >= 0 AND random_share <= 1),
  seed          INTEGER NOT NULL,
  risk_run_id   INTEGER,
  settings_json TEXT NOT NULL
);
CREATE TABLE inspection_plan_items (
  plan_id     INTEGER NOT NULL REFERENCES inspection_plans(plan_id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  entity_id   TEXT NOT NULL,
  name        TEXT NOT NULL,
  region_code TEXT NOT NULL,
  selection   TEXT NOT NULL CHECK (selection IN ('priority', 'random', 'follow_up')),
  rank        INTEGER NOT NULL,
  score       REAL NOT NULL,
  reason      TEXT NOT NULL,
  PRIMARY KEY (plan_id, position),
  UNIQUE (plan_id, entity_id)
);
)sql";

constexpr Migration kMigrations[] = {
    {1, "initial schema: reference geography, entities with history, import batches", kInitial},
    {2, "screening results and analyst feedback", kScreening},
    {3, "append-only audit trail", kAudit},
    {4, "wrapped data keys for texts at rest", kDataKeys},
    {5, "retention policy and aggregates of purged cases", kRetention},
    {6, "server: users, sessions, API tokens, assignments, triage decisions", kServer},
    {7, "risk runs and their explained scores", kRisk},
    {8, "follow-up: notes on status changes, inspection plans", kFollowup},
};

}  // namespace

std::span<const Migration> sqlite_migrations() { return kMigrations; }

}  // namespace vaksam::store
