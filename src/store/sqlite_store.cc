#include "store/sqlite_store.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <tuple>
#include <unordered_map>

#include "common/date.h"
#include "common/error.h"
#include "reference/geography.h"
#include "store/sqlite_migrations.h"

namespace vaksam::store {

namespace {

using model::EntitySpec;
using model::Value;

// A prepared statement, reset after each use.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt_, nullptr) != SQLITE_OK)
      throw Error("database error preparing a statement: " + std::string(sqlite3_errmsg(db)));
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // `borrowed`: the caller keeps the value alive until the statement has run, so
  // SQLite need not copy it (the hot path of bulk imports).
  Statement& bind(int index, const Value& v, bool borrowed = false) {
    int rc;
    if (const auto* s = std::get_if<std::string>(&v))
      rc = sqlite3_bind_text(stmt_, index, s->data(), static_cast<int>(s->size()),
                             borrowed ? SQLITE_STATIC : SQLITE_TRANSIENT);
    else if (const auto* i = std::get_if<int64_t>(&v))
      rc = sqlite3_bind_int64(stmt_, index, *i);
    else if (const auto* d = std::get_if<double>(&v))
      rc = sqlite3_bind_double(stmt_, index, *d);
    else
      rc = sqlite3_bind_null(stmt_, index);
    check(rc);
    return *this;
  }
  Statement& bind_blob(int index, std::string_view b) {
    check(sqlite3_bind_blob(stmt_, index, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT));
    return *this;
  }

  // True if a row is available.
  bool step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    std::string message = sqlite3_errmsg(db_);
    sqlite3_reset(stmt_);
    throw Error("database error: " + message);
  }
  void run() {
    step();
    reset();
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  int64_t int_at(int col) { return sqlite3_column_int64(stmt_, col); }
  sqlite3_stmt* raw() { return stmt_; }
  bool null_at(int col) { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string text_at(int col) {
    const auto* p = sqlite3_column_blob(stmt_, col);
    return p ? std::string(static_cast<const char*>(p), sqlite3_column_bytes(stmt_, col)) : "";
  }
  Value value_at(int col) {
    switch (sqlite3_column_type(stmt_, col)) {
      case SQLITE_INTEGER: return int_at(col);
      case SQLITE_FLOAT: return sqlite3_column_double(stmt_, col);
      case SQLITE_NULL: return std::monostate{};
      default: return text_at(col);
    }
  }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) throw Error("database error binding a value: " + std::string(sqlite3_errmsg(db_)));
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// The SQL of one entity, generated from its spec.
struct EntityStatements {
  std::unique_ptr<Statement> find, insert, copy_to_history, update;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> field_of;
};

// The stored fields of an entity, in spec order.
std::vector<std::string> columns(const EntitySpec& spec) {
  std::vector<std::string> out;
  for (const auto& f : spec.fields)
    if (f.in_store()) out.push_back(std::string(f.name));
  return out;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

// "?a, ?a+1, ..., ?b"
std::string params(size_t first, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) out += (i ? ", ?" : "?") + std::to_string(first + i);
  return out;
}

std::string key_condition(const EntitySpec& spec, int first_param) {
  std::string out;
  for (size_t i = 0; i < spec.key.size(); ++i)
    out += (i ? " AND " : "") + std::string(spec.key[i]) + " = ?" + std::to_string(first_param + i);
  return out;
}

size_t stored_field_count(const EntitySpec& spec) {
  size_t n = 0;
  for (const auto& f : spec.fields) n += f.in_store();
  return n;
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  ~SqliteStore() override {
    statements_.clear();
    common_.clear();
    sqlite3_close_v2(db_);
  }

  void exec(std::string_view sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string message = err ? err : "unknown";
      sqlite3_free(err);
      throw Error("database error: " + message);
    }
  }

  void begin(WriteKind kind) override {
    // WAL writes every page twice (log, then checkpoint). A bulk load of new pages
    // is written once under a rollback journal, which holds only the few old pages
    // it changes. SQLite refuses the switch while other connections are open, and
    // then the load simply stays in WAL mode.
    if (kind == WriteKind::bulk) {
      Statement mode(db_, "PRAGMA journal_mode = DELETE");
      rollback_journal_ = mode.step() && mode.text_at(0) == "delete";
    }
    exec("BEGIN IMMEDIATE");
  }
  void commit() override {
    rebuild_deferred_indexes();  // never commit a table without its indexes
    exec("COMMIT");
    back_to_wal();
  }
  void rollback() override {
    deferred_indexes_.clear();  // the rollback restores them
    if (!sqlite3_get_autocommit(db_)) exec("ROLLBACK");
    back_to_wal();
  }

  void back_to_wal() {
    if (!rollback_journal_) return;
    rollback_journal_ = false;
    exec("PRAGMA journal_mode = WAL");
  }

  int schema_version() override {
    Statement s(db_, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    return s.step() ? static_cast<int>(s.int_at(0)) : 0;
  }

  void migrate() {
    exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
         "description TEXT NOT NULL, applied_at TEXT NOT NULL)");
    const int current = schema_version();
    for (const auto& m : sqlite_migrations()) {
      if (m.version <= current) continue;
      Transaction tx(*this);
      exec(m.sql);
      if (m.version == 1) seed_geography();
      Statement s(db_, "INSERT INTO schema_migrations VALUES (?1, ?2, ?3)");
      s.bind(1, int64_t{m.version}).bind(2, std::string(m.description)).bind(3, utc_timestamp()).run();
      tx.commit();
    }
  }

  int64_t create_batch(const BatchInfo& b) override {
    auto& s = common("INSERT INTO import_batches (entity, file_name, file_digest, format, encoding, "
                     "imported_by, started_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    s.bind(1, b.entity).bind(2, b.file_name).bind(3, b.file_digest).bind(4, b.format);
    s.bind(5, b.encoding).bind(6, b.imported_by).bind(7, utc_timestamp()).run();
    return sqlite3_last_insert_rowid(db_);
  }

  void finish_batch(int64_t id, const std::string& digest, const BatchCounts& c) override {
    auto& s = common("UPDATE import_batches SET file_digest = ?2, finished_at = ?3, rows_total = ?4, "
                     "rows_new = ?5, rows_changed = ?6, rows_unchanged = ?7, rows_rejected = ?8 "
                     "WHERE batch_id = ?1");
    s.bind(1, id).bind(2, digest).bind(3, utc_timestamp());
    s.bind(4, static_cast<int64_t>(c.rows)).bind(5, static_cast<int64_t>(c.added));
    s.bind(6, static_cast<int64_t>(c.changed)).bind(7, static_cast<int64_t>(c.unchanged));
    s.bind(8, static_cast<int64_t>(c.rejected)).run();
  }

  std::vector<BatchRecord> batches() override {
    Statement s(db_, "SELECT batch_id, entity, file_name, file_digest, format, encoding, imported_by, "
                     "started_at, COALESCE(finished_at, ''), rows_total, rows_new, rows_changed, "
                     "rows_unchanged, rows_rejected FROM import_batches ORDER BY batch_id");
    std::vector<BatchRecord> out;
    while (s.step()) {
      BatchRecord r;
      r.batch_id = s.int_at(0);
      r.info = {s.text_at(1), s.text_at(2), s.text_at(3), s.text_at(4), s.text_at(5), s.text_at(6)};
      r.started_at = s.text_at(7);
      r.finished_at = s.text_at(8);
      r.counts = {static_cast<uint64_t>(s.int_at(9)), static_cast<uint64_t>(s.int_at(10)),
                  static_cast<uint64_t>(s.int_at(11)), static_cast<uint64_t>(s.int_at(12)),
                  static_cast<uint64_t>(s.int_at(13))};
      out.push_back(std::move(r));
    }
    return out;
  }

  std::optional<ExistingRecord> find(const EntitySpec& spec, std::span<const Value> key) override {
    auto& s = *statements(spec).find;
    for (size_t i = 0; i < key.size(); ++i) s.bind(static_cast<int>(i + 1), key[i]);
    std::optional<ExistingRecord> out;
    if (s.step()) out = ExistingRecord{s.text_at(0), s.int_at(1)};
    s.reset();
    return out;
  }

  std::optional<Value> field_of(const EntitySpec& spec, std::string_view id,
                                std::string_view field) override {
    auto& st = statements(spec);
    auto it = st.field_of.find(field);
    if (it == st.field_of.end()) {
      if (!spec.field(field)) throw Error("no field " + std::string(field) + " in " + std::string(spec.name));
      std::string sql = "SELECT " + std::string(field) + " FROM " + std::string(spec.table) +
                        " WHERE " + key_condition(spec, 1);
      it = st.field_of.emplace(std::string(field), std::make_unique<Statement>(db_, sql)).first;
    }
    auto& s = *it->second;
    s.bind(1, std::string(id));
    std::optional<Value> out;
    if (s.step()) out = s.value_at(0);
    s.reset();
    if (out && std::holds_alternative<std::string>(*out) && spec.field(field)->type == model::FieldType::narrative)
      out = open_text(std::get<std::string>(*out), text_context(spec, field, std::string(id)));
    return out;
  }

  bool insert_if_new(const EntitySpec& spec, std::span<const Value> values, const RowMeta& meta) override {
    auto& s = *statements(spec).insert;
    const int n = bind_values(s, spec, values);
    s.bind_blob(n + 1, meta.row_hash).bind(n + 2, int64_t{1}).bind(n + 3, meta.batch_id);
    s.bind(n + 4, static_cast<int64_t>(meta.source_line)).run();
    return sqlite3_changes(db_) > 0;
  }

  void update_keeping_history(const EntitySpec& spec, std::span<const Value> values,
                              const RowMeta& meta) override {
    auto& st = statements(spec);
    // The key values come first among the stored fields' positions; collect them by name.
    std::vector<Value> key;
    for (auto k : spec.key) key.push_back(values[stored_index(spec, k)]);
    st.copy_to_history->bind(1, utc_timestamp()).bind(2, meta.batch_id);
    for (size_t i = 0; i < key.size(); ++i) st.copy_to_history->bind(static_cast<int>(i + 3), key[i]);
    st.copy_to_history->run();
    auto& u = *st.update;
    const int n = bind_values(u, spec, values);
    u.bind_blob(n + 1, meta.row_hash).bind(n + 2, meta.batch_id);
    u.bind(n + 3, static_cast<int64_t>(meta.source_line)).run();
  }

  void append_status_change(const StatusChange& c) override {
    auto& s = common("INSERT INTO deficiency_status_history (deficiency_id, status, status_date, "
                     "changed_by, batch_id, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    s.bind(1, c.deficiency_id).bind(2, c.status).bind(3, c.status_date).bind(4, c.changed_by);
    s.bind(5, c.batch_id ? Value(c.batch_id) : Value()).bind(6, utc_timestamp()).run();
  }

  int64_t approximate_count(const EntitySpec& spec) override {
    Statement s(db_, "SELECT COALESCE(MAX(rowid), 0) FROM " + std::string(spec.table));
    return s.step() ? s.int_at(0) : 0;
  }

  void defer_indexes(const EntitySpec& spec) override {
    Statement s(db_, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = ?1");
    s.bind(1, std::string(spec.table));
    std::vector<std::pair<std::string, std::string>> found;
    while (s.step()) found.emplace_back(s.text_at(0), s.text_at(1));
    for (auto& [name, sql] : found) {
      exec("DROP INDEX " + name);
      deferred_indexes_.push_back(std::move(sql));
    }
  }

  void rebuild_deferred_indexes() override {
    for (const auto& sql : deferred_indexes_) exec(sql);
    deferred_indexes_.clear();
  }

  std::vector<CaseText> cases_to_screen(bool all, const std::string& lexicon_version, const std::string& after,
                                        size_t limit) override {
    auto& s = common(
        "SELECT c.case_id, c.version, COALESCE(c.narrative, '') FROM cases c "
        "LEFT JOIN screenings s ON s.case_id = c.case_id "
        "WHERE c.case_id > ?1 AND (?2 OR s.case_id IS NULL OR s.case_version <> c.version "
        "OR s.lexicon_version <> ?4) ORDER BY c.case_id LIMIT ?3");
    s.bind(1, after).bind(2, int64_t{all}).bind(3, static_cast<int64_t>(limit)).bind(4, lexicon_version);
    std::vector<CaseText> out;
    const auto& cases = model::entity(model::EntityKind::case_record);
    try {
      while (s.step())
        out.push_back({s.text_at(0), s.int_at(1), open_text(s.text_at(2), text_context(cases, "narrative", s.text_at(0)))});
    } catch (...) {
      s.reset();
      throw;
    }
    s.reset();
    return out;
  }

  void for_each_record(const EntitySpec& spec, std::span<const std::string_view> fields,
                       const std::function<void(std::span<const Value>)>& visit) override {
    std::vector<std::string> cols;
    for (auto name : fields) {
      const auto* f = spec.field(name);
      if (!f || !f->in_store()) throw Error("no stored field '" + std::string(name) + "' in " + std::string(spec.name));
      if (f->type == model::FieldType::narrative)
        throw Error("analysis does not read the text field '" + std::string(name) + "'");
      cols.push_back(std::string(name));
    }
    std::vector<std::string> key(spec.key.begin(), spec.key.end());
    Statement s(db_, "SELECT " + join(cols) + " FROM " + std::string(spec.table) + " ORDER BY " + join(key));
    std::vector<Value> row(cols.size());
    while (s.step()) {
      for (size_t i = 0; i < cols.size(); ++i) row[i] = s.value_at(static_cast<int>(i));
      visit(row);
    }
  }

  void for_each_screening(const std::function<void(const ScreeningSummary&)>& visit) override {
    Statement s(db_, "SELECT case_id, violence, score, severity, handling_deficiency, categories "
                     "FROM screenings ORDER BY case_id");
    while (s.step())
      visit({s.text_at(0), s.int_at(1) != 0, std::get<double>(s.value_at(2)), s.text_at(3), s.int_at(4) != 0,
             s.text_at(5)});
  }

  std::vector<StatusChange> status_history() override {
    Statement s(db_, "SELECT deficiency_id, status, status_date, changed_by, COALESCE(batch_id, 0) "
                     "FROM deficiency_status_history ORDER BY deficiency_id, status_date, rowid");
    std::vector<StatusChange> out;
    while (s.step()) out.push_back({s.text_at(0), s.text_at(1), s.text_at(2), s.text_at(3), s.int_at(4)});
    return out;
  }

  bool set_deficiency_status(const DeficiencyStatusUpdate& u) override {
    Statement up(db_, "UPDATE deficiencies SET status = ?2, status_date = ?3, "
                      "deadline = COALESCE(?4, deadline) WHERE deficiency_id = ?1");
    up.bind(1, u.deficiency_id).bind(2, u.status).bind(3, u.status_date);
    up.bind(4, u.deadline.empty() ? Value() : Value(u.deadline)).run();
    if (sqlite3_changes(db_) == 0) return false;
    Statement h(db_, "INSERT INTO deficiency_status_history (deficiency_id, status, status_date, changed_by, "
                     "batch_id, recorded_at, note) VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?6)");
    h.bind(1, u.deficiency_id).bind(2, u.status).bind(3, u.status_date).bind(4, u.changed_by);
    h.bind(5, utc_timestamp()).bind(6, u.note.empty() ? Value() : Value(u.note)).run();
    return true;
  }

  int64_t save_plan(const PlanRecord& p, const std::vector<PlanItemRecord>& items) override {
    Statement r(db_, "INSERT INTO inspection_plans (created_at, created_by, level, as_of, capacity, random_share, "
                     "seed, risk_run_id, settings_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    r.bind(1, p.created_at.empty() ? utc_timestamp() : p.created_at).bind(2, p.created_by).bind(3, p.level);
    r.bind(4, p.as_of).bind(5, p.capacity).bind(6, p.random_share).bind(7, p.seed);
    r.bind(8, p.risk_run_id ? Value(p.risk_run_id) : Value()).bind(9, p.settings_json).run();
    const int64_t id = sqlite3_last_insert_rowid(db_);
    Statement s(db_, "INSERT INTO inspection_plan_items (plan_id, position, entity_id, name, region_code, selection, "
                     "rank, score, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    for (const auto& x : items) {
      s.bind(1, id).bind(2, x.position).bind(3, x.entity_id).bind(4, x.name).bind(5, x.region_code);
      s.bind(6, x.selection).bind(7, x.rank).bind(8, x.score).bind(9, x.reason).run();
    }
    return id;
  }

  static PlanRecord plan_at(Statement& s) {
    PlanRecord p;
    p.plan_id = s.int_at(0);
    p.created_at = s.text_at(1);
    p.created_by = s.text_at(2);
    p.level = s.text_at(3);
    p.as_of = s.text_at(4);
    p.capacity = s.int_at(5);
    p.random_share = sqlite3_column_double(s.raw(), 6);
    p.seed = s.int_at(7);
    p.risk_run_id = s.null_at(8) ? 0 : s.int_at(8);
    p.settings_json = s.text_at(9);
    return p;
  }

  std::vector<PlanRecord> plans() override {
    Statement s(db_, "SELECT plan_id, created_at, created_by, level, as_of, capacity, random_share, seed, "
                     "risk_run_id, settings_json FROM inspection_plans ORDER BY plan_id DESC");
    std::vector<PlanRecord> out;
    while (s.step()) out.push_back(plan_at(s));
    return out;
  }

  std::optional<PlanRecord> plan(int64_t plan_id) override {
    Statement s(db_, "SELECT plan_id, created_at, created_by, level, as_of, capacity, random_share, seed, "
                     "risk_run_id, settings_json FROM inspection_plans WHERE plan_id = ?1");
    s.bind(1, plan_id);
    if (!s.step()) return std::nullopt;
    return plan_at(s);
  }

  std::vector<PlanItemRecord> plan_items(int64_t plan_id) override {
    Statement s(db_, "SELECT position, entity_id, name, region_code, selection, rank, score, reason "
                     "FROM inspection_plan_items WHERE plan_id = ?1 ORDER BY position");
    s.bind(1, plan_id);
    std::vector<PlanItemRecord> out;
    while (s.step()) {
      PlanItemRecord x;
      x.position = s.int_at(0);
      x.entity_id = s.text_at(1);
      x.name = s.text_at(2);
      x.region_code = s.text_at(3);
      x.selection = s.text_at(4);
      x.rank = s.int_at(5);
      x.score = sqlite3_column_double(s.raw(), 6);
      x.reason = s.text_at(7);
      out.push_back(std::move(x));
    }
    return out;
  }

  int64_t save_risk_run(const RiskRun& run, const std::vector<RiskScoreRow>& rows) override {
    Statement r(db_, "INSERT INTO risk_runs (computed_at, computed_by, as_of, model_version, fingerprint, "
                     "summary_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    r.bind(1, run.computed_at.empty() ? utc_timestamp() : run.computed_at).bind(2, run.computed_by);
    r.bind(3, run.as_of).bind(4, run.model_version).bind(5, run.fingerprint).bind(6, run.summary_json).run();
    const int64_t id = sqlite3_last_insert_rowid(db_);
    Statement s(db_, "INSERT INTO risk_scores (run_id, level, entity_id, name, rank, rank_low, rank_high, score, "
                     "flagged, alarm, method_dependent, explanation_json) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    for (const auto& x : rows) {
      s.bind(1, id).bind(2, x.level).bind(3, x.entity_id).bind(4, x.name).bind(5, x.rank).bind(6, x.rank_low);
      s.bind(7, x.rank_high).bind(8, x.score).bind(9, int64_t{x.flagged}).bind(10, int64_t{x.alarm});
      s.bind(11, int64_t{x.method_dependent}).bind(12, x.explanation_json).run();
    }
    return id;
  }

  static RiskRun risk_run_at(Statement& s) {
    return {s.int_at(0), s.text_at(1), s.text_at(2), s.text_at(3), s.text_at(4), s.text_at(5), s.text_at(6)};
  }

  std::optional<RiskRun> latest_risk_run() override {
    Statement s(db_, "SELECT run_id, computed_at, computed_by, as_of, model_version, fingerprint, summary_json "
                     "FROM risk_runs ORDER BY run_id DESC LIMIT 1");
    if (!s.step()) return std::nullopt;
    return risk_run_at(s);
  }

  std::optional<RiskRun> risk_run(int64_t run_id) override {
    Statement s(db_, "SELECT run_id, computed_at, computed_by, as_of, model_version, fingerprint, summary_json "
                     "FROM risk_runs WHERE run_id = ?1");
    s.bind(1, run_id);
    if (!s.step()) return std::nullopt;
    return risk_run_at(s);
  }

  static RiskScoreRow risk_row_at(Statement& s) {
    RiskScoreRow x;
    x.level = s.text_at(0);
    x.entity_id = s.text_at(1);
    x.name = s.text_at(2);
    x.rank = s.int_at(3);
    x.rank_low = s.int_at(4);
    x.rank_high = s.int_at(5);
    x.score = sqlite3_column_double(s.raw(), 6);
    x.flagged = s.int_at(7) != 0;
    x.alarm = s.int_at(8) != 0;
    x.method_dependent = s.int_at(9) != 0;
    x.explanation_json = s.text_at(10);
    return x;
  }

  std::vector<RiskScoreRow> risk_scores(int64_t run_id, const std::string& level, size_t offset,
                                        size_t limit) override {
    Statement s(db_, "SELECT level, entity_id, name, rank, rank_low, rank_high, score, flagged, alarm, "
                     "method_dependent, explanation_json FROM risk_scores WHERE run_id = ?1 AND level = ?2 "
                     "ORDER BY rank LIMIT ?3 OFFSET ?4");
    s.bind(1, run_id).bind(2, level).bind(3, static_cast<int64_t>(limit)).bind(4, static_cast<int64_t>(offset));
    std::vector<RiskScoreRow> out;
    while (s.step()) out.push_back(risk_row_at(s));
    return out;
  }

  std::optional<RiskScoreRow> risk_score(int64_t run_id, const std::string& level,
                                         const std::string& entity_id) override {
    Statement s(db_, "SELECT level, entity_id, name, rank, rank_low, rank_high, score, flagged, alarm, "
                     "method_dependent, explanation_json FROM risk_scores WHERE run_id = ?1 AND level = ?2 "
                     "AND entity_id = ?3");
    s.bind(1, run_id).bind(2, level).bind(3, entity_id);
    if (!s.step()) return std::nullopt;
    return risk_row_at(s);
  }

  void save_screening(const ScreeningRecord& r) override {
    auto& s = common(
        "INSERT OR REPLACE INTO screenings (case_id, case_version, lexicon_version, screened_at, violence, "
        "score, severity, handling_deficiency, categories, result_json) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    s.bind(1, r.case_id).bind(2, r.case_version).bind(3, r.lexicon_version).bind(4, utc_timestamp());
    s.bind(5, int64_t{r.violence}).bind(6, r.score).bind(7, r.severity).bind(8, int64_t{r.handling_deficiency});
    s.bind(9, r.categories);
    if (cipher_) s.bind_blob(10, cipher_->seal(r.result_json, "screenings.result_json/" + r.case_id));
    else s.bind(10, r.result_json);
    s.run();
  }

  std::optional<ScreeningRecord> screening(const std::string& case_id) override {
    auto& s = common(
        "SELECT case_id, case_version, lexicon_version, screened_at, violence, score, severity, "
        "handling_deficiency, categories, result_json FROM screenings WHERE case_id = ?1");
    s.bind(1, case_id);
    std::optional<ScreeningRecord> out;
    if (s.step()) {
      out = ScreeningRecord{s.text_at(0), s.int_at(1), s.text_at(2), s.text_at(3), s.int_at(4) != 0,
                            std::get<double>(s.value_at(5)), s.text_at(6), s.int_at(7) != 0, s.text_at(8),
                            s.text_at(9)};
    }
    s.reset();
    if (out) out->result_json = open_text(out->result_json, "screenings.result_json/" + case_id);
    return out;
  }

  void add_feedback(const Feedback& f) override {
    auto& s = common(
        "INSERT INTO screening_feedback (case_id, target, verdict, lexicon_version, decided_by, decided_at, note) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    s.bind(1, f.case_id).bind(2, f.target).bind(3, f.verdict).bind(4, f.lexicon_version).bind(5, f.decided_by);
    s.bind(6, utc_timestamp()).bind(7, f.note.empty() ? Value() : Value(f.note)).run();
  }

  std::vector<Feedback> feedback() override {
    Statement s(db_, "SELECT case_id, target, verdict, lexicon_version, decided_by, decided_at, "
                     "COALESCE(note, '') FROM screening_feedback ORDER BY feedback_id");
    std::vector<Feedback> out;
    while (s.step())
      out.push_back({s.text_at(0), s.text_at(1), s.text_at(2), s.text_at(3), s.text_at(4), s.text_at(5), s.text_at(6)});
    return out;
  }

  void append_audit(const AuditRecord& r) override {
    auto& s = common("INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, origin, details, "
                     "prev_mac, mac) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    s.bind(1, r.seq).bind(2, r.at).bind(3, r.actor).bind(4, r.action).bind(5, r.object_type);
    s.bind(6, r.object_id).bind(7, r.origin).bind(8, r.details).bind(9, r.prev_mac).bind(10, r.mac).run();
  }

  static AuditRecord audit_at(Statement& s) {
    return {s.int_at(0), s.text_at(1), s.text_at(2), s.text_at(3), s.text_at(4),
            s.text_at(5), s.text_at(6), s.text_at(7), s.text_at(8), s.text_at(9)};
  }

  std::optional<AuditRecord> last_audit() override {
    auto& s = common("SELECT seq, at, actor, action, object_type, object_id, origin, details, prev_mac, mac "
                     "FROM audit_log ORDER BY seq DESC LIMIT 1");
    std::optional<AuditRecord> out;
    if (s.step()) out = audit_at(s);
    s.reset();
    return out;
  }

  std::vector<AuditRecord> audit_entries(const AuditFilter& f) override {
    Statement s(db_, "SELECT seq, at, actor, action, object_type, object_id, origin, details, prev_mac, mac "
                     "FROM audit_log WHERE (?1 = '' OR actor = ?1) AND (?2 = '' OR object_type = ?2) "
                     "AND (?3 = '' OR object_id = ?3) AND (?4 = '' OR at >= ?4) AND (?5 = '' OR at <= ?5) "
                     "AND (?8 = '' OR action = ?8) ORDER BY seq LIMIT ?6 OFFSET ?7");
    s.bind(1, f.actor).bind(2, f.object_type).bind(3, f.object_id).bind(4, f.since).bind(5, f.until);
    s.bind(6, static_cast<int64_t>(f.limit)).bind(7, static_cast<int64_t>(f.offset)).bind(8, f.action);
    std::vector<AuditRecord> out;
    while (s.step()) out.push_back(audit_at(s));
    return out;
  }

  int64_t count_audit(const AuditFilter& f) override {
    Statement s(db_, "SELECT COUNT(*) FROM audit_log WHERE (?1 = '' OR actor = ?1) AND (?2 = '' OR object_type = ?2) "
                     "AND (?3 = '' OR object_id = ?3) AND (?4 = '' OR at >= ?4) AND (?5 = '' OR at <= ?5) "
                     "AND (?6 = '' OR action = ?6)");
    s.bind(1, f.actor).bind(2, f.object_type).bind(3, f.object_id).bind(4, f.since).bind(5, f.until).bind(6, f.action);
    return s.step() ? s.int_at(0) : 0;
  }

  void for_each_audit(const std::function<void(const AuditRecord&)>& visit) override {
    Statement s(db_, "SELECT seq, at, actor, action, object_type, object_id, origin, details, prev_mac, mac "
                     "FROM audit_log ORDER BY rowid");
    while (s.step()) visit(audit_at(s));
  }

  void use_text_cipher(const privacy::TextCipher* cipher) override { cipher_ = cipher; }

  std::map<uint32_t, std::string> wrapped_data_keys() override {
    Statement s(db_, "SELECT generation, wrapped FROM data_keys ORDER BY generation");
    std::map<uint32_t, std::string> out;
    while (s.step()) out[static_cast<uint32_t>(s.int_at(0))] = s.text_at(1);
    return out;
  }

  void add_wrapped_data_key(uint32_t generation, const std::string& wrapped) override {
    Statement s(db_, "INSERT INTO data_keys (generation, wrapped, created_at) VALUES (?1, ?2, ?3)");
    s.bind(1, int64_t{generation}).bind_blob(2, wrapped).bind(3, utc_timestamp()).run();
  }

  void remove_data_keys_before(uint32_t generation) override {
    Statement s(db_, "DELETE FROM data_keys WHERE generation < ?1");
    s.bind(1, int64_t{generation}).run();
  }

  uint64_t reseal_texts() override {
    if (!cipher_) throw Error("no cipher: cannot reseal texts");
    uint64_t n = 0;
    // (table, column, key column, context prefix)
    const std::tuple<const char*, const char*, const char*, std::string> columns[] = {
        {"cases", "narrative", "case_id", "cases.narrative/"},
        {"cases_history", "narrative", "case_id", "cases.narrative/"},
        {"inspections", "summary", "inspection_id", "inspections.summary/"},
        {"inspections_history", "summary", "inspection_id", "inspections.summary/"},
        {"screenings", "result_json", "case_id", "screenings.result_json/"},
    };
    for (const auto& [table, column, key, prefix] : columns) {
      // In chunks by rowid, read first and written after, never updating under an open scan.
      Statement read(db_, std::string("SELECT rowid, ") + key + ", " + column + " FROM " + table + " WHERE " +
                              column + " IS NOT NULL AND rowid > ?1 ORDER BY rowid LIMIT 4096");
      Statement write(db_, std::string("UPDATE ") + table + " SET " + column + " = ?1 WHERE rowid = ?2");
      int64_t after = 0;
      for (;;) {
        std::vector<std::pair<int64_t, std::string>> chunk;
        read.bind(1, after);
        while (read.step()) {
          const std::string context = prefix + read.text_at(1);
          chunk.emplace_back(read.int_at(0), cipher_->seal(open_text(read.text_at(2), context), context));
        }
        read.reset();
        if (chunk.empty()) break;
        for (const auto& [rowid, sealed] : chunk) {
          write.bind_blob(1, sealed).bind(2, rowid).run();
          ++n;
        }
        after = chunk.back().first;
      }
    }
    return n;
  }

  std::vector<RetentionRule> retention_rules() override {
    Statement s(db_, "SELECT category, days, description FROM retention_policy ORDER BY category");
    std::vector<RetentionRule> out;
    while (s.step()) out.push_back({s.text_at(0), s.int_at(1), s.text_at(2)});
    return out;
  }

  void set_retention(const std::string& category, int64_t days) override {
    if (days <= 0) throw Error("a retention time must be at least one day");
    Statement s(db_, "UPDATE retention_policy SET days = ?2 WHERE category = ?1");
    s.bind(1, category).bind(2, days).run();
    if (sqlite3_changes(db_) == 0) throw Error("no retention category named " + category);
  }

  int64_t run_counted(const std::string& sql, const std::string& cutoff) {
    Statement s(db_, sql);
    s.bind(1, cutoff).run();
    return sqlite3_changes(db_);
  }

  PurgeCounts purge(const std::map<std::string, std::string>& cutoff) override {
    PurgeCounts c;
    auto at = [&](const char* category) -> const std::string* {
      auto it = cutoff.find(category);
      return it == cutoff.end() ? nullptr : &it->second;
    };
    if (const auto* t = at("case_text")) {
      c.texts = run_counted("UPDATE cases SET narrative = NULL WHERE received_date < ?1 AND narrative IS NOT NULL", *t);
      c.texts += run_counted(
          "UPDATE cases_history SET narrative = NULL WHERE received_date < ?1 AND narrative IS NOT NULL", *t);
      c.screening_evidence = run_counted(
          "UPDATE screenings SET result_json = '{\"purged\": true}' WHERE result_json <> '{\"purged\": true}' "
          "AND case_id IN (SELECT case_id FROM cases WHERE received_date < ?1)", *t);
    }
    if (std::getenv("VAKSAM_FAILPOINT") && std::string(std::getenv("VAKSAM_FAILPOINT")) == "purge")
      throw Error("failpoint: purge stopped midway (for testing)");
    if (const auto* t = at("personal_data")) {
      c.personal_data = run_counted(
          "UPDATE cases SET subject_pseudonym = NULL, vulnerabilities = NULL WHERE received_date < ?1 "
          "AND (subject_pseudonym IS NOT NULL OR vulnerabilities IS NOT NULL)", *t);
      run_counted("UPDATE cases_history SET subject_pseudonym = NULL, vulnerabilities = NULL "
                  "WHERE received_date < ?1", *t);
    }
    if (const auto* t = at("case_records")) {
      run_counted("INSERT INTO purged_case_counts SELECT substr(c.received_date, 1, 7), c.case_kind, c.unit_id, "
                  "c.principal_id, c.subject_sex, c.subject_age_band, s.violence, COUNT(*) FROM cases c "
                  "LEFT JOIN screenings s ON s.case_id = c.case_id WHERE c.received_date < ?1 "
                  "GROUP BY 1, 2, 3, 4, 5, 6, 7", *t);
      const char* child_tables[] = {"screening_feedback", "triage_decisions", "screenings", "cases_history"};
      for (const char* table : child_tables)
        run_counted(std::string("DELETE FROM ") + table +
                        " WHERE case_id IN (SELECT case_id FROM cases WHERE received_date < ?1)", *t);
      c.case_records = run_counted("DELETE FROM cases WHERE received_date < ?1", *t);
    }
    if (const auto* t = at("superseded_versions")) {
      for (const auto& spec : model::all_entities())
        c.superseded_versions +=
            run_counted("DELETE FROM " + std::string(spec.table) + "_history WHERE superseded_at < ?1", *t);
    }
    return c;
  }

  // --- Server (migration 6) ---

  void create_user(const UserRecord& u) override {
    Statement s(db_, "INSERT INTO users (name, role, password_hash, disabled, created_at, created_by) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    s.bind(1, u.name).bind(2, u.role).bind(3, u.password_hash).bind(4, int64_t{u.disabled});
    s.bind(5, utc_timestamp()).bind(6, u.created_by).run();
  }

  static UserRecord user_at(Statement& s) {
    return {s.text_at(0), s.text_at(1), s.text_at(2), s.int_at(3) != 0, s.text_at(4), s.text_at(5)};
  }

  std::optional<UserRecord> find_user(const std::string& name) override {
    auto& s = common("SELECT name, role, password_hash, disabled, created_at, created_by FROM users WHERE name = ?1");
    s.bind(1, name);
    std::optional<UserRecord> out;
    if (s.step()) out = user_at(s);
    s.reset();
    return out;
  }

  std::vector<UserRecord> users() override {
    Statement s(db_, "SELECT name, role, password_hash, disabled, created_at, created_by FROM users ORDER BY name");
    std::vector<UserRecord> out;
    while (s.step()) out.push_back(user_at(s));
    return out;
  }

  bool set_user_disabled(const std::string& name, bool disabled) override {
    Statement s(db_, "UPDATE users SET disabled = ?2 WHERE name = ?1");
    s.bind(1, name).bind(2, int64_t{disabled}).run();
    return sqlite3_changes(db_) > 0;
  }

  bool set_user_password(const std::string& name, const std::string& password_hash) override {
    Statement s(db_, "UPDATE users SET password_hash = ?2 WHERE name = ?1");
    s.bind(1, name).bind(2, password_hash).run();
    return sqlite3_changes(db_) > 0;
  }

  void create_session(const SessionRecord& r) override {
    Statement s(db_, "INSERT INTO sessions (token_hash, csrf_hash, user_name, created_at, last_seen_at, expires_at, "
                     "origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    s.bind(1, r.token_hash).bind(2, r.csrf_hash).bind(3, r.user_name).bind(4, r.created_at);
    s.bind(5, r.last_seen_at).bind(6, r.expires_at).bind(7, r.origin).run();
  }

  std::optional<SessionRecord> find_session(const std::string& token_hash) override {
    auto& s = common("SELECT token_hash, csrf_hash, user_name, created_at, last_seen_at, expires_at, origin "
                     "FROM sessions WHERE token_hash = ?1");
    s.bind(1, token_hash);
    std::optional<SessionRecord> out;
    if (s.step())
      out = SessionRecord{s.text_at(0), s.text_at(1), s.text_at(2), s.text_at(3), s.text_at(4), s.text_at(5),
                          s.text_at(6)};
    s.reset();
    return out;
  }

  void touch_session(const std::string& token_hash, const std::string& last_seen_at) override {
    auto& s = common("UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1");
    s.bind(1, token_hash).bind(2, last_seen_at).run();
  }

  void delete_session(const std::string& token_hash) override {
    Statement s(db_, "DELETE FROM sessions WHERE token_hash = ?1");
    s.bind(1, token_hash).run();
  }

  int64_t delete_sessions_of(const std::string& user_name) override {
    Statement s(db_, "DELETE FROM sessions WHERE user_name = ?1");
    s.bind(1, user_name).run();
    return sqlite3_changes(db_);
  }

  int64_t delete_sessions_before(const std::string& cutoff) override {
    Statement s(db_, "DELETE FROM sessions WHERE last_seen_at < ?1 OR expires_at < ?2");
    s.bind(1, cutoff).bind(2, utc_timestamp()).run();
    return sqlite3_changes(db_);
  }

  void create_api_token(const ApiTokenRecord& t) override {
    Statement s(db_, "INSERT INTO api_tokens (token_hash, user_name, label, created_at, revoked) "
                     "VALUES (?1, ?2, ?3, ?4, ?5)");
    s.bind(1, t.token_hash).bind(2, t.user_name).bind(3, t.label).bind(4, utc_timestamp());
    s.bind(5, int64_t{t.revoked}).run();
  }

  std::optional<ApiTokenRecord> find_api_token(const std::string& token_hash) override {
    auto& s = common("SELECT token_hash, user_name, label, created_at, COALESCE(last_used_at, ''), revoked "
                     "FROM api_tokens WHERE token_hash = ?1");
    s.bind(1, token_hash);
    std::optional<ApiTokenRecord> out;
    if (s.step())
      out = ApiTokenRecord{s.text_at(0), s.text_at(1), s.text_at(2), s.text_at(3), s.text_at(4), s.int_at(5) != 0};
    s.reset();
    return out;
  }

  void touch_api_token(const std::string& token_hash, const std::string& last_used_at) override {
    auto& s = common("UPDATE api_tokens SET last_used_at = ?2 WHERE token_hash = ?1");
    s.bind(1, token_hash).bind(2, last_used_at).run();
  }

  void add_assignment(const Assignment& a) override {
    Statement s(db_, "INSERT INTO assignments (user_name, unit_id, assigned_by, assigned_at) "
                     "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING");
    s.bind(1, a.user_name).bind(2, a.unit_id).bind(3, a.assigned_by).bind(4, utc_timestamp()).run();
  }

  std::vector<std::string> assigned_units(const std::string& user_name) override {
    auto& s = common("SELECT unit_id FROM assignments WHERE user_name = ?1 ORDER BY unit_id");
    s.bind(1, user_name);
    std::vector<std::string> out;
    while (s.step()) out.push_back(s.text_at(0));
    s.reset();
    return out;
  }

  int64_t add_triage_decision(const TriageDecision& d) override {
    Statement s(db_, "INSERT INTO triage_decisions (case_id, decision, reason, forwarded_to, decided_by, decided_at) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    s.bind(1, d.case_id).bind(2, d.decision).bind(3, d.reason);
    s.bind(4, d.forwarded_to.empty() ? Value() : Value(d.forwarded_to)).bind(5, d.decided_by);
    s.bind(6, utc_timestamp()).run();
    return sqlite3_last_insert_rowid(db_);
  }

  std::vector<TriageDecision> triage_decisions(const std::string& case_id) override {
    Statement s(db_, "SELECT decision_id, case_id, decision, reason, COALESCE(forwarded_to, ''), decided_by, "
                     "decided_at FROM triage_decisions WHERE case_id = ?1 ORDER BY decision_id");
    s.bind(1, case_id);
    std::vector<TriageDecision> out;
    while (s.step())
      out.push_back({s.int_at(0), s.text_at(1), s.text_at(2), s.text_at(3), s.text_at(4), s.text_at(5), s.text_at(6)});
    return out;
  }

  // Filters are bound values; a list filter is matched through json_each over a
  // bound JSON array, so no SQL text ever comes from a request.
  TriagePage triage_queue(const TriageQuery& q) override {
    auto json_list = [](const std::vector<std::string>& items) {
      std::string out = "[";
      for (const auto& i : items) {
        out += out.size() > 1 ? ",\"" : "\"";
        for (char c : i) {
          if (c == '"' || c == '\\') out += '\\';
          if (static_cast<unsigned char>(c) >= 0x20) out += c;
        }
        out += '"';
      }
      return out + "]";
    };
    const std::string where =
        " FROM screenings s JOIN cases c ON c.case_id = s.case_id "
        "LEFT JOIN (SELECT case_id, decision, MAX(decision_id) FROM triage_decisions GROUP BY case_id) d "
        "ON d.case_id = c.case_id "
        "WHERE s.violence = 1 "
        "AND (?1 = '[]' OR s.severity IN (SELECT value FROM json_each(?1))) "
        "AND (?2 = '' OR ('|' || s.categories || '|') LIKE ('%|' || ?2 || '|%') ESCAPE '\\') "
        "AND (?3 = '' OR c.case_kind = ?3) "
        "AND (?4 = '[]' OR c.unit_id IN (SELECT value FROM json_each(?4))) "
        "AND (?5 = '' OR c.received_date >= ?5) AND (?6 = '' OR c.received_date <= ?6) "
        "AND (?7 = -1 OR (d.case_id IS NOT NULL) = ?7)";
    const char* order = "";
    switch (q.sort) {
      case TriageSort::newest: order = " ORDER BY c.received_date DESC, c.case_id"; break;
      case TriageSort::oldest: order = " ORDER BY c.received_date, c.case_id"; break;
      case TriageSort::most_severe:
        order = " ORDER BY CASE s.severity WHEN 'high' THEN 3 WHEN 'moderate' THEN 2 WHEN 'low' THEN 1 ELSE 0 END "
                "DESC, c.received_date DESC, c.case_id";
        break;
      case TriageSort::highest_score: order = " ORDER BY s.score DESC, c.received_date DESC, c.case_id"; break;
      case TriageSort::case_id: order = " ORDER BY c.case_id"; break;
    }
    // LIKE treats % and _ as wildcards: escape them so a category is matched literally.
    std::string category;
    for (char c : q.category) {
      if (c == '%' || c == '_' || c == '\\') category += '\\';
      category += c;
    }
    auto bind_filters = [&](Statement& st) {
      st.bind(1, json_list(q.severities)).bind(2, category).bind(3, q.case_kind).bind(4, json_list(q.unit_ids));
      st.bind(5, q.received_from).bind(6, q.received_to);
      st.bind(7, int64_t{q.decided ? (*q.decided ? 1 : 0) : -1});
    };
    TriagePage page;
    Statement count(db_, "SELECT COUNT(*)" + where);
    bind_filters(count);
    if (count.step()) page.total = count.int_at(0);
    Statement rows(db_, "SELECT c.case_id, c.case_kind, c.received_date, COALESCE(c.unit_id, ''), "
                        "COALESCE(c.principal_id, ''), s.severity, s.categories, s.score, s.handling_deficiency, "
                        "COALESCE(d.decision, '')" + where + order + " LIMIT ?8 OFFSET ?9");
    bind_filters(rows);
    rows.bind(8, static_cast<int64_t>(q.limit)).bind(9, static_cast<int64_t>(q.offset));
    while (rows.step())
      page.rows.push_back({rows.text_at(0), rows.text_at(1), rows.text_at(2), rows.text_at(3), rows.text_at(4),
                           rows.text_at(5), rows.text_at(6), std::get<double>(rows.value_at(7)), rows.int_at(8) != 0,
                           rows.text_at(9)});
    return page;
  }

  ScreeningCounts screening_counts() override {
    ScreeningCounts c;
    Statement totals(db_, "SELECT COUNT(*), COALESCE(SUM(violence), 0), COALESCE(SUM(handling_deficiency), 0) "
                          "FROM screenings");
    if (totals.step()) {
      c.screened = totals.int_at(0);
      c.violence = totals.int_at(1);
      c.handling_deficiency = totals.int_at(2);
    }
    Statement sev(db_, "SELECT severity, COUNT(*) FROM screenings WHERE violence = 1 GROUP BY severity");
    while (sev.step()) c.violence_by_severity[sev.text_at(0)] = sev.int_at(1);
    Statement month(db_, "SELECT substr(c.received_date, 1, 7), COUNT(*) FROM screenings s "
                         "JOIN cases c ON c.case_id = s.case_id WHERE s.violence = 1 GROUP BY 1 ORDER BY 1");
    while (month.step()) c.violence_by_month[month.text_at(0)] = month.int_at(1);
    return c;
  }

  std::vector<Feedback> feedback_for(const std::string& case_id) override {
    Statement s(db_, "SELECT case_id, target, verdict, lexicon_version, decided_by, decided_at, "
                     "COALESCE(note, '') FROM screening_feedback WHERE case_id = ?1 ORDER BY feedback_id");
    s.bind(1, case_id);
    std::vector<Feedback> out;
    while (s.step())
      out.push_back({s.text_at(0), s.text_at(1), s.text_at(2), s.text_at(3), s.text_at(4), s.text_at(5), s.text_at(6)});
    return out;
  }

  Status status() override {
    Status st;
    st.schema_version = schema_version();
    for (const auto& spec : model::all_entities()) {
      Statement s(db_, "SELECT COUNT(*) FROM " + std::string(spec.table));
      if (s.step()) st.counts.push_back({std::string(spec.name), "", s.int_at(0)});
    }
    Statement kinds(db_, "SELECT case_kind, COUNT(*) FROM cases GROUP BY case_kind ORDER BY case_kind");
    while (kinds.step()) st.counts.push_back({"cases", kinds.text_at(0), kinds.int_at(1)});
    Statement range(db_, "SELECT MIN(received_date), MAX(received_date) FROM cases");
    if (range.step() && !range.null_at(0)) {
      st.first_received = range.text_at(0);
      st.last_received = range.text_at(1);
    }
    auto all = batches();
    if (!all.empty()) st.last_batch = all.back();
    return st;
  }

 private:
  Statement& common(std::string_view sql) {
    auto it = common_.find(sql);
    if (it == common_.end())
      it = common_.emplace(std::string(sql), std::make_unique<Statement>(db_, sql)).first;
    return *it->second;
  }

  static size_t stored_index(const EntitySpec& spec, std::string_view name) {
    size_t i = 0;
    for (const auto& f : spec.fields) {
      if (!f.in_store()) continue;
      if (f.name == name) return i;
      ++i;
    }
    throw Error("no stored field " + std::string(name));
  }

  // Binds the stored values to ?1..?n, free text sealed when a cipher is set; returns n.
  int bind_values(Statement& s, const EntitySpec& spec, std::span<const Value> values) {
    if (values.size() != stored_field_count(spec))
      throw Error("internal error: wrong number of values for " + std::string(spec.name));
    size_t i = 0;
    for (const auto& f : spec.fields) {
      if (!f.in_store()) continue;
      const Value& v = values[i];
      if (cipher_ && f.type == model::FieldType::narrative && std::holds_alternative<std::string>(v)) {
        sealed_ = cipher_->seal(std::get<std::string>(v), text_context(spec, f.name, key_of(spec, values)));
        s.bind_blob(static_cast<int>(i + 1), sealed_);
      } else {
        s.bind(static_cast<int>(i + 1), v, true);
      }
      ++i;
    }
    return static_cast<int>(values.size());
  }

  static std::string key_of(const EntitySpec& spec, std::span<const Value> values) {
    std::string key;
    for (auto k : spec.key) key += (key.empty() ? "" : "/") + model::to_text(values[stored_index(spec, k)]);
    return key;
  }

  // What a sealed text is bound to: its table, column and record.
  static std::string text_context(const EntitySpec& spec, std::string_view field, const std::string& key) {
    return std::string(spec.table) + "." + std::string(field) + "/" + key;
  }

  // A stored text as the caller may read it: opened when sealed.
  std::string open_text(std::string stored, const std::string& context) const {
    if (!privacy::TextCipher::is_sealed(stored)) return stored;
    if (!cipher_) throw Error("the stored texts are encrypted: open the database with its key file");
    return cipher_->open(stored, context);
  }

  EntityStatements& statements(const EntitySpec& spec) {
    auto it = statements_.find(spec.kind);
    if (it != statements_.end()) return it->second;
    const std::string table(spec.table);
    const std::string cols = join(columns(spec)), meta = "row_hash, version, batch_id, source_line";
    const size_t n = stored_field_count(spec);
    EntityStatements st;
    st.find = std::make_unique<Statement>(
        db_, "SELECT row_hash, version FROM " + table + " WHERE " + key_condition(spec, 1));
    st.insert = std::make_unique<Statement>(
        db_, "INSERT INTO " + table + " (" + cols + ", " + meta + ") VALUES (" + params(1, n + 4) +
                 ") ON CONFLICT DO NOTHING");
    st.copy_to_history = std::make_unique<Statement>(
        db_, "INSERT INTO " + table + "_history (" + cols + ", " + meta + ", superseded_at, superseded_by_batch) SELECT " +
                 cols + ", " + meta + ", ?1, ?2 FROM " + table + " WHERE " + key_condition(spec, 3));
    // ?1..?n are the stored values in spec order; the key is among them.
    std::string sets, where;
    for (size_t i = 1; const auto& c : columns(spec)) sets += c + " = ?" + std::to_string(i++) + ", ";
    sets += "row_hash = ?" + std::to_string(n + 1) + ", version = version + 1, batch_id = ?" +
            std::to_string(n + 2) + ", source_line = ?" + std::to_string(n + 3);
    for (size_t k = 0; k < spec.key.size(); ++k)
      where += (k ? " AND " : "") + std::string(spec.key[k]) + " = ?" +
               std::to_string(stored_index(spec, spec.key[k]) + 1);
    st.update = std::make_unique<Statement>(db_, "UPDATE " + table + " SET " + sets + " WHERE " + where);
    return statements_.emplace(spec.kind, std::move(st)).first->second;
  }

  void seed_geography() {
    const auto& geo = reference::Geography::builtin();
    Statement r(db_, "INSERT INTO regions VALUES (?1, ?2, ?3, ?4)");
    for (const auto& g : geo.regions())
      r.bind(1, g.code).bind(2, g.name).bind(3, g.population).bind(4, int64_t{g.population_year}).run();
    Statement m(db_, "INSERT INTO municipalities VALUES (?1, ?2, ?3, ?4, ?5)");
    for (const auto& g : geo.municipalities())
      m.bind(1, g.code).bind(2, g.name).bind(3, g.region_code).bind(4, g.population)
          .bind(5, int64_t{g.population_year}).run();
  }

  sqlite3* db_;
  std::unordered_map<model::EntityKind, EntityStatements> statements_;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> common_;
  std::vector<std::string> deferred_indexes_;  // CREATE INDEX statements to run again
  bool rollback_journal_ = false;              // in a bulk transaction outside WAL mode
  const privacy::TextCipher* cipher_ = nullptr;  // seals free text at rest when set
  std::string sealed_;                          // the sealed text bound to the current statement
};

bool file_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace

std::unique_ptr<Store> open_sqlite(const std::string& path, OpenMode mode) {
  const bool exists = file_exists(path);
  if (mode == OpenMode::create && exists)
    throw Error(path + ": a database already exists here; remove it first or choose another path");
  if (mode != OpenMode::create && !exists)
    throw Error(path + ": no database here; create one with `vaksam init --db " + path + "`");
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (mode == OpenMode::create ? SQLITE_OPEN_CREATE : 0) |
                    SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    throw Error(path + ": cannot open the database: " + message);
  }
  auto store = std::make_unique<SqliteStore>(db);
  sqlite3_busy_timeout(db, 5000);
  store->exec("PRAGMA page_size = 16384");  // only takes effect on a new file; fewer, fuller pages for narratives
  store->exec("PRAGMA journal_mode = WAL");
  // FULL: a commit is on disk when it returns, so an audit entry is durable before the
  // data it records is sent, and the audit anchor (written after) is never ahead of it.
  store->exec("PRAGMA synchronous = FULL");
  store->exec("PRAGMA foreign_keys = ON");
  store->exec("PRAGMA cache_size = -65536");  // 64 MiB
  store->exec("PRAGMA temp_store = MEMORY");
  if (mode != OpenMode::another_connection) {
    Statement check(db, "PRAGMA quick_check");
    if (!check.step() || check.text_at(0) != "ok")
      throw Error(path + ": the database file is damaged (PRAGMA quick_check failed)");
  }
  store->migrate();
  return store;
}

}  // namespace vaksam::store
