// The store: the one place that knows SQL. Intake and every later stage talk to
// this narrow interface, so a PostgreSQL backend can implement it and pass the
// same tests (tests/unit/store).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/entity.h"
#include "model/value.h"
#include "privacy/text_cipher.h"

namespace vaksam::store {

// Provenance written with every version of a record.
struct RowMeta {
  std::string row_hash;  // digest of the stored values (see ingest/row_hash.h)
  int64_t batch_id = 0;
  uint64_t source_line = 0;
};

struct ExistingRecord {
  std::string row_hash;
  int64_t version = 0;
};

struct BatchInfo {
  std::string entity;  // EntitySpec::name
  std::string file_name;
  std::string file_digest;  // BLAKE2b-256 hex, filled in by finish_batch
  std::string format;       // "csv" or "jsonl"
  std::string encoding;
  std::string imported_by;
};

struct BatchCounts {
  uint64_t rows = 0, added = 0, changed = 0, unchanged = 0, rejected = 0;
};

struct BatchRecord {
  int64_t batch_id = 0;
  BatchInfo info;
  BatchCounts counts;
  std::string started_at, finished_at;  // ISO 8601 UTC
};

struct Count {
  std::string entity;
  std::string kind;  // e.g. the case kind; empty for the entity's total
  int64_t count = 0;
};

struct Status {
  int schema_version = 0;
  std::vector<Count> counts;
  std::optional<std::string> first_received, last_received;  // cases' date range
  std::optional<BatchRecord> last_batch;
};

struct StatusChange {
  std::string deficiency_id;
  std::string status;
  std::string status_date;
  std::string changed_by;
  int64_t batch_id = 0;
};

// How a transaction will write. A bulk load (a large file) lets the backend trade
// concurrent readers for less I/O; it is as atomic and durable as a normal one.
enum class WriteKind { normal, bulk };

// A case's text, to be screened.
struct CaseText {
  std::string case_id;
  int64_t case_version = 0;
  std::string narrative;
};

// The stored result of screening one case (the engine's result as JSON, plus the
// fields lists and queries need).
struct ScreeningRecord {
  std::string case_id;
  int64_t case_version = 0;
  std::string lexicon_version;
  std::string screened_at;  // filled in by the store
  bool violence = false;
  double score = 0;
  std::string severity;
  bool handling_deficiency = false;
  std::string categories;   // '|'-separated
  std::string result_json;  // evidence spans, entries, context rules
};

// An analyst's verdict on a flag: the violence flag itself or one category.
struct Feedback {
  std::string case_id;
  std::string target;   // "violence" or a category name
  std::string verdict;  // "confirmed" or "rejected"
  std::string lexicon_version;
  std::string decided_by;
  std::string decided_at;  // filled in by the store
  std::string note;
};

// One entry of the audit trail as stored (the chain is computed in src/audit).
struct AuditRecord {
  int64_t seq = 0;
  std::string at, actor, action, object_type, object_id, origin, details, prev_mac, mac;
};

struct AuditFilter {
  std::string actor, object_type, object_id, since, until;  // empty: any; times ISO 8601
  size_t limit = 1000;
  size_t offset = 0;  // entries to skip (in seq order), for paging
  std::string action;  // empty: any
};

struct RetentionRule {
  std::string category;  // case_text, personal_data, case_records, superseded_versions
  int64_t days = 0;
  std::string description;
};

// What a purge removed (or, in a dry run, would remove).
struct PurgeCounts {
  int64_t texts = 0;               // narratives cleared, current and earlier versions
  int64_t screening_evidence = 0;  // screening results whose quoted evidence was cleared
  int64_t personal_data = 0;       // records whose pseudonym and markers were cleared
  int64_t case_records = 0;        // cases deleted (their counts kept as aggregates)
  int64_t superseded_versions = 0; // earlier versions deleted
};

// The fields of a screening that analysis needs (no evidence text).
struct ScreeningSummary {
  std::string case_id;
  bool violence = false;
  double score = 0;
  std::string severity;
  bool handling_deficiency = false;
  std::string categories;  // '|'-separated
};

// --- Server: accounts, sessions, API tokens, assignments, triage (migration 6) ---
// Secrets are never stored: password_hash is libsodium's argon2id string, and
// session and API tokens are stored only as their BLAKE2b-256 hex digest.

struct UserRecord {
  std::string name;           // unique sign-in name
  std::string role;           // privacy::role_name(): administrator, analyst, ...
  std::string password_hash;  // crypto_pwhash_str (argon2id); empty for a token-only account
  bool disabled = false;
  std::string created_at, created_by;  // created_at filled in by the store
};

struct SessionRecord {
  std::string token_hash;  // digest of the cookie value
  std::string csrf_hash;   // digest of the CSRF token handed out at sign-in
  std::string user_name;
  std::string created_at;    // ISO 8601 UTC
  std::string last_seen_at;  // ISO 8601 UTC; idle expiry counts from here
  std::string expires_at;    // absolute expiry, ISO 8601 UTC
  std::string origin;        // client address at sign-in
};

struct ApiTokenRecord {
  std::string token_hash;  // digest of the bearer token
  std::string user_name;
  std::string label;
  std::string created_at;  // filled in by the store
  std::string last_used_at;
  bool revoked = false;
};

// An inspector's assignment to a unit: full case texts of that unit's cases.
struct Assignment {
  std::string user_name, unit_id, assigned_by, assigned_at;  // assigned_at filled in by the store
};

// What an inspector decided about a flagged case.
struct TriageDecision {
  int64_t decision_id = 0;  // filled in by the store
  std::string case_id;
  std::string decision;  // initiate_supervision, no_action or forward
  std::string reason;
  std::string forwarded_to;  // for "forward": to whom; else empty
  std::string decided_by;
  std::string decided_at;  // filled in by the store
};

// The triage queue: screened cases flagged as violence. Every filter is a value
// bound as a parameter; sort is one of a fixed set, never text from a request.
enum class TriageSort { newest, oldest, most_severe, highest_score, case_id };

struct TriageQuery {
  std::vector<std::string> severities;  // any of low, moderate, high; empty: any
  std::string category;     // a screen category name that must be among the case's; empty: any
  std::string case_kind;    // empty: any
  std::vector<std::string> unit_ids;  // any of these units; empty: any
  std::string received_from, received_to;  // ISO dates, inclusive; empty: open
  std::optional<bool> decided;  // has a triage decision (true) or not (false); nullopt: either
  TriageSort sort = TriageSort::most_severe;  // most_severe: severity, then newest
  size_t limit = 50, offset = 0;
};

struct TriageRow {
  std::string case_id, case_kind, received_date, unit_id, principal_id;
  std::string severity, categories;  // categories '|'-separated
  double score = 0;
  bool handling_deficiency = false;
  std::string last_decision;  // latest triage decision, or empty
};

struct TriagePage {
  int64_t total = 0;  // rows matching the filters, before limit/offset
  std::vector<TriageRow> rows;
};

// Screening figures for the overview.
struct ScreeningCounts {
  int64_t screened = 0, violence = 0, handling_deficiency = 0;
  std::map<std::string, int64_t> violence_by_severity;  // low, moderate, high
  std::map<std::string, int64_t> violence_by_month;     // "YYYY-MM" of received_date
};

// One stored recompute of the risk ranking (see src/risk/engine.h).
struct RiskRun {
  int64_t run_id = 0;  // filled in by the store
  std::string computed_at, computed_by, as_of, model_version, fingerprint;
  std::string summary_json;  // model settings, indicator summaries, alarm calibration
};

// One entity's place in a run, with its explanation as JSON (contributions, indicators,
// evidence case ids, freshness).
struct RiskScoreRow {
  std::string level, entity_id, name;
  int64_t rank = 0, rank_low = 0, rank_high = 0;
  double score = 0;
  bool flagged = false, alarm = false, method_dependent = false;
  std::string explanation_json;
};

// --- Follow-up and planning (migration 8, docs/followup.md) ---

// A status change made by a user (not an import): checked by src/followup/lifecycle.h first.
struct DeficiencyStatusUpdate {
  std::string deficiency_id, status, status_date, changed_by;
  std::string deadline;  // a new deadline for the account of measures; "" keeps the current one
  std::string note;      // optional, kept with the status history
};

// An inspection plan and its items (src/followup/plan.h).
struct PlanRecord {
  int64_t plan_id = 0;     // filled in by the store
  std::string created_at;  // filled in by the store when empty
  std::string created_by, level, as_of;
  int64_t capacity = 0;
  double random_share = 0;
  int64_t seed = 0;
  int64_t risk_run_id = 0;    // 0: computed fresh for the plan
  std::string settings_json;  // every option (region capacities, follow-up share ...)
};

struct PlanItemRecord {
  int64_t position = 0;  // 1.. in the plan's order
  std::string entity_id, name, region_code;
  std::string selection;  // priority, random or follow_up
  int64_t rank = 0;       // in the risk ranking (0: not ranked)
  double score = 0;
  std::string reason;
};

class Store {
 public:
  virtual ~Store() = default;

  // Transactions: every write happens inside one; rollback restores the store exactly.
  virtual void begin(WriteKind kind = WriteKind::normal) = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;

  virtual int schema_version() = 0;

  virtual int64_t create_batch(const BatchInfo& info) = 0;
  virtual void finish_batch(int64_t batch_id, const std::string& file_digest,
                            const BatchCounts& counts) = 0;
  virtual std::vector<BatchRecord> batches() = 0;

  // `key` holds the values of spec.key, in order.
  virtual std::optional<ExistingRecord> find(const model::EntitySpec& spec,
                                             std::span<const model::Value> key) = 0;
  // One stored field of a record with a single-column key, or nullopt if no such record.
  virtual std::optional<model::Value> field_of(const model::EntitySpec& spec, std::string_view id,
                                               std::string_view field) = 0;

  // `values` holds every stored field of spec (FieldSpec::in_store), in spec order.
  // Writes a new record; returns false, writing nothing, if one with its key exists.
  virtual bool insert_if_new(const model::EntitySpec& spec, std::span<const model::Value> values,
                             const RowMeta& meta) = 0;
  // Moves the current version to the entity's history table, then writes `values`.
  virtual void update_keeping_history(const model::EntitySpec& spec,
                                      std::span<const model::Value> values,
                                      const RowMeta& meta) = 0;
  virtual void append_status_change(const StatusChange& change) = 0;

  // About how many records the entity has (cheap; exact after deletes is not needed).
  virtual int64_t approximate_count(const model::EntitySpec& spec) = 0;
  // For a bulk load inside a transaction: drop the entity's secondary indexes now
  // and build them again, sorted in one pass, at rebuild_deferred_indexes(). A
  // rollback brings them back by itself.
  virtual void defer_indexes(const model::EntitySpec& spec) = 0;
  virtual void rebuild_deferred_indexes() = 0;

  virtual Status status() = 0;

  // Reading for analysis. Every current record of an entity, the named stored fields
  // only, in key order. Narrative fields are refused: analysis never needs the text.
  virtual void for_each_record(const model::EntitySpec& spec, std::span<const std::string_view> fields,
                               const std::function<void(std::span<const model::Value>)>& visit) = 0;
  virtual void for_each_screening(const std::function<void(const ScreeningSummary&)>& visit) = 0;
  // Every recorded status change of every deficiency, by deficiency and date.
  virtual std::vector<StatusChange> status_history() = 0;

  // Risk runs. save_risk_run writes the run and all its rows (call inside a transaction, so
  // readers see the whole run or none) and returns its id.
  virtual int64_t save_risk_run(const RiskRun& run, const std::vector<RiskScoreRow>& rows) = 0;
  virtual std::optional<RiskRun> latest_risk_run() = 0;
  virtual std::optional<RiskRun> risk_run(int64_t run_id) = 0;
  // Rows of one level by rank, from `offset`, at most `limit`.
  virtual std::vector<RiskScoreRow> risk_scores(int64_t run_id, const std::string& level, size_t offset,
                                                size_t limit) = 0;
  virtual std::optional<RiskScoreRow> risk_score(int64_t run_id, const std::string& level,
                                                 const std::string& entity_id) = 0;

  // Screening. Cases whose text has no screening for its current version by this
  // lexicon version (or every case, with `all`), in case-id order after `after_case_id`.
  virtual std::vector<CaseText> cases_to_screen(bool all, const std::string& lexicon_version,
                                                const std::string& after_case_id, size_t limit) = 0;
  virtual void save_screening(const ScreeningRecord& record) = 0;
  virtual std::optional<ScreeningRecord> screening(const std::string& case_id) = 0;
  virtual void add_feedback(const Feedback& feedback) = 0;
  virtual std::vector<Feedback> feedback() = 0;

  // Audit trail: append (seq must be last + 1), read the last entry, read in order.
  virtual void append_audit(const AuditRecord& record) = 0;
  virtual std::optional<AuditRecord> last_audit() = 0;
  virtual std::vector<AuditRecord> audit_entries(const AuditFilter& filter) = 0;
  // How many entries match the filter (limit and offset ignored), for paging.
  virtual int64_t count_audit(const AuditFilter& filter) = 0;
  // Every entry in seq order, for verification.
  virtual void for_each_audit(const std::function<void(const AuditRecord&)>& visit) = 0;

  // Texts at rest. With a cipher, narratives and screening evidence are sealed on
  // write and opened on read; without one the store refuses to read sealed texts.
  virtual void use_text_cipher(const privacy::TextCipher* cipher) = 0;
  virtual std::map<uint32_t, std::string> wrapped_data_keys() = 0;  // generation -> wrapped key
  virtual void add_wrapped_data_key(uint32_t generation, const std::string& wrapped) = 0;
  virtual void remove_data_keys_before(uint32_t generation) = 0;
  // Opens every stored text and seals it again with the cipher's current generation.
  virtual uint64_t reseal_texts() = 0;

  virtual std::vector<RetentionRule> retention_rules() = 0;
  virtual void set_retention(const std::string& category, int64_t days) = 0;  // throws for an unknown category
  // Removes what each rule's cutoff date (ISO, exclusive) has expired: text first, then
  // personal data, then whole records, then earlier versions. Call inside a transaction.
  virtual PurgeCounts purge(const std::map<std::string, std::string>& cutoff_by_category) = 0;

  // --- Server (migration 6). Each call is one statement; the caller holds the
  // transaction for writes. Names are unique; a missing row gives nullopt / false.
  virtual void create_user(const UserRecord& user) = 0;  // throws if the name is taken
  virtual std::optional<UserRecord> find_user(const std::string& name) = 0;
  virtual std::vector<UserRecord> users() = 0;  // by name
  virtual bool set_user_disabled(const std::string& name, bool disabled) = 0;  // false: no such user
  virtual bool set_user_password(const std::string& name, const std::string& password_hash) = 0;

  virtual void create_session(const SessionRecord& session) = 0;
  virtual std::optional<SessionRecord> find_session(const std::string& token_hash) = 0;
  virtual void touch_session(const std::string& token_hash, const std::string& last_seen_at) = 0;
  virtual void delete_session(const std::string& token_hash) = 0;
  virtual int64_t delete_sessions_of(const std::string& user_name) = 0;  // returns how many
  virtual int64_t delete_sessions_before(const std::string& cutoff) = 0;  // last_seen_at < cutoff or expired

  virtual void create_api_token(const ApiTokenRecord& token) = 0;
  virtual std::optional<ApiTokenRecord> find_api_token(const std::string& token_hash) = 0;
  virtual void touch_api_token(const std::string& token_hash, const std::string& last_used_at) = 0;

  virtual void add_assignment(const Assignment& assignment) = 0;  // idempotent
  virtual std::vector<std::string> assigned_units(const std::string& user_name) = 0;

  virtual int64_t add_triage_decision(const TriageDecision& decision) = 0;  // returns decision_id
  virtual std::vector<TriageDecision> triage_decisions(const std::string& case_id) = 0;  // oldest first
  virtual TriagePage triage_queue(const TriageQuery& query) = 0;
  virtual ScreeningCounts screening_counts() = 0;
  virtual std::vector<Feedback> feedback_for(const std::string& case_id) = 0;  // oldest first

  // --- Follow-up and planning (migration 8). Writes: the caller holds the transaction.
  // Sets the deficiency's current status and status_date (and deadline, if given) and appends
  // the change to its status history; false, writing nothing, if there is no such deficiency.
  virtual bool set_deficiency_status(const DeficiencyStatusUpdate& update) = 0;
  virtual int64_t save_plan(const PlanRecord& plan, const std::vector<PlanItemRecord>& items) = 0;  // plan_id
  virtual std::vector<PlanRecord> plans() = 0;  // newest first
  virtual std::optional<PlanRecord> plan(int64_t plan_id) = 0;
  virtual std::vector<PlanItemRecord> plan_items(int64_t plan_id) = 0;  // by position
};

// Commits on commit(), rolls back if destroyed before (an exception, an early return).
class Transaction {
 public:
  explicit Transaction(Store& store, WriteKind kind = WriteKind::normal) : store_(store) {
    store_.begin(kind);
  }
  ~Transaction() {
    if (!done_) {
      try {
        store_.rollback();
      } catch (...) {  // the connection is gone; SQLite discards the transaction itself
      }
    }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit() {
    store_.commit();
    done_ = true;
  }

 private:
  Store& store_;
  bool done_ = false;
};

}  // namespace vaksam::store
