#include "store/postgres_store.h"

#include <cstdlib>
#include <map>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "common/date.h"
#include "common/error.h"
#include "reference/geography.h"
#include "store/postgres_connection.h"
#include "store/postgres_migrations.h"

namespace vaksam::store {

namespace {

using model::EntitySpec;
using model::Value;
using pg::Params;
using pg::Result;

// Any constant shared by every vaksam process: the advisory lock that lets one of
// them at a time apply migrations.
constexpr int64_t kMigrationLock = 0x7661'6b73'616d;  // "vaksam"

// Reads of unbounded size come in pages of this many rows, so that memory stays flat
// and the caller's visitor may use the store between pages.
constexpr int kPageRows = 10000;

// A bulk load answers "is this key new?" from the keys of the table, read once. Above
// this many existing rows it asks the server row by row instead.
constexpr int64_t kMaxBulkKeys = 2'000'000;

std::vector<std::string> columns(const EntitySpec& spec) {
  std::vector<std::string> out;
  for (const auto& f : spec.fields)
    if (f.in_store()) out.push_back(std::string(f.name));
  return out;
}

std::string join(const std::vector<std::string>& parts, const std::string& separator = ", ") {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

// "$a, $a+1, ..., $a+count-1"
std::string placeholders(size_t first, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) out += (i ? ", $" : "$") + std::to_string(first + i);
  return out;
}

// A text[] literal: {"a","b"} with " and \\ escaped, for = ANY($n::text[]).
std::string array_literal(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const auto& item : items) {
    out += out.size() > 1 ? ",\"" : "\"";
    for (char c : item) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

size_t stored_index(const EntitySpec& spec, std::string_view name) {
  size_t i = 0;
  for (const auto& f : spec.fields) {
    if (!f.in_store()) continue;
    if (f.name == name) return i;
    ++i;
  }
  throw Error("no stored field " + std::string(name));
}

size_t stored_field_count(const EntitySpec& spec) {
  size_t n = 0;
  for (const auto& f : spec.fields) n += f.in_store();
  return n;
}

bool is_narrative(const model::FieldSpec& f) { return f.type == model::FieldType::narrative; }

// The SQL of one entity, generated from its spec (prepared on first use).
struct EntitySql {
  std::string find, insert, update_keeping_history, copy;
  std::map<std::string, std::string, std::less<>> field_of;
};

// The state of a bulk load into one table: the keys it holds, or none if too many.
struct BulkTable {
  bool usable = false;
  std::unordered_set<std::string> keys;  // in the table when locked, and every key sent since
};

// A text key of a record, for the bulk load's key set.
constexpr char kKeySeparator = '\x1f';

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(const std::string& conninfo) : conn_(conninfo) {}

  // The connection, with any streamed COPY finished first: every statement but the
  // bulk load's rows needs the rows sent before it to be in the table.
  pg::Connection& db() {
    if (conn_.in_copy()) conn_.copy_end();
    return conn_;
  }

  void begin(WriteKind kind) override {
    db().exec("BEGIN");
    bulk_ = kind == WriteKind::bulk;
  }

  void commit() override {
    db();  // the rows still in flight; a refused one throws, and the caller rolls back
    rebuild_deferred_indexes();
    if (conn_.transaction_state() == pg::Connection::TxState::failed) {
      // PostgreSQL would turn this COMMIT into a silent ROLLBACK: say so instead.
      end_transaction_state();
      conn_.exec("ROLLBACK");
      throw Error("database error: a statement of this transaction failed, so nothing of it was saved");
    }
    conn_.exec("COMMIT");
    end_transaction_state();
  }

  void rollback() override {
    conn_.copy_abort();
    deferred_indexes_.clear();  // the rollback restores them
    end_transaction_state();
    if (conn_.transaction_state() != pg::Connection::TxState::idle) conn_.exec("ROLLBACK");
  }

  void end_transaction_state() {
    bulk_ = false;
    bulk_tables_.clear();
  }

  int schema_version() override {
    Result r = db().run("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    return static_cast<int>(r.integer(0, 0));
  }

  // Which tables the current schema holds: none for `create`, ours for `open_existing`.
  void check_mode(OpenMode mode, const std::string& location) {
    Result r = db().run(
        "SELECT current_schema() IS NOT NULL, COUNT(*) FILTER (WHERE tablename = 'schema_migrations'), COUNT(*) "
        "FROM pg_tables WHERE schemaname = current_schema()");
    if (!r.boolean(0, 0))
      throw Error(location + ": no schema to create tables in (the search_path names none that exists)");
    const bool ours = r.integer(0, 1) > 0;
    const int64_t tables = r.integer(0, 2);
    if (mode == OpenMode::create && ours)
      throw Error(location + ": a vaksam database already exists here; drop it first or choose another database");
    if (mode == OpenMode::create && tables > 0)
      throw Error(location + ": the database is not empty (" + std::to_string(tables) +
                  " tables); vaksam init wants an empty database");
    if (mode != OpenMode::create && !ours)
      throw Error(location + ": no vaksam database here; create one with `vaksam init --db " + location + "`");
  }

  void migrate() {
    for (const auto& m : postgres_migrations()) {
      Transaction tx(*this);
      db().run("SELECT pg_advisory_xact_lock($1)", Params().integer(kMigrationLock));
      db().exec("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, "
                "description TEXT NOT NULL, applied_at TEXT NOT NULL)");
      if (m.version <= schema_version()) continue;  // applied, here or by another process meanwhile
      db().exec(m.sql);
      if (m.version == 1) seed_geography();
      db().run("INSERT INTO schema_migrations VALUES ($1, $2, $3)",
               Params().integer(m.version).text(std::string(m.description)).text(utc_timestamp()));
      tx.commit();
    }
  }

  int64_t create_batch(const BatchInfo& b) override {
    Result r = db().run(
        "INSERT INTO import_batches (entity, file_name, file_digest, format, encoding, imported_by, started_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING batch_id",
        Params().text(b.entity).text(b.file_name).text(b.file_digest).text(b.format).text(b.encoding)
            .text(b.imported_by).text(utc_timestamp()));
    return r.integer(0, 0);
  }

  void finish_batch(int64_t id, const std::string& digest, const BatchCounts& c) override {
    db().run("UPDATE import_batches SET file_digest = $2, finished_at = $3, rows_total = $4, rows_new = $5, "
             "rows_changed = $6, rows_unchanged = $7, rows_rejected = $8 WHERE batch_id = $1",
             Params().integer(id).text(digest).text(utc_timestamp()).integer(static_cast<int64_t>(c.rows))
                 .integer(static_cast<int64_t>(c.added)).integer(static_cast<int64_t>(c.changed))
                 .integer(static_cast<int64_t>(c.unchanged)).integer(static_cast<int64_t>(c.rejected)));
  }

  std::vector<BatchRecord> batches() override {
    Result r = db().run(
        "SELECT batch_id, entity, file_name, file_digest, format, encoding, imported_by, started_at, "
        "COALESCE(finished_at, ''), rows_total, rows_new, rows_changed, rows_unchanged, rows_rejected "
        "FROM import_batches ORDER BY batch_id");
    std::vector<BatchRecord> out;
    for (int i = 0; i < r.rows(); ++i) {
      BatchRecord b;
      b.batch_id = r.integer(i, 0);
      b.info = {r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5), r.text(i, 6)};
      b.started_at = r.text(i, 7);
      b.finished_at = r.text(i, 8);
      b.counts = {static_cast<uint64_t>(r.integer(i, 9)), static_cast<uint64_t>(r.integer(i, 10)),
                  static_cast<uint64_t>(r.integer(i, 11)), static_cast<uint64_t>(r.integer(i, 12)),
                  static_cast<uint64_t>(r.integer(i, 13))};
      out.push_back(std::move(b));
    }
    return out;
  }

  std::optional<ExistingRecord> find(const EntitySpec& spec, std::span<const Value> key) override {
    Params p;
    for (const auto& v : key) p.value(v);
    Result r = db().run(sql(spec).find, p);
    if (r.rows() == 0) return std::nullopt;
    return ExistingRecord{r.text(0, 0), r.integer(0, 1)};
  }

  std::optional<Value> field_of(const EntitySpec& spec, std::string_view id, std::string_view field) override {
    auto& st = sql(spec);
    auto it = st.field_of.find(field);
    if (it == st.field_of.end()) {
      const auto* f = spec.field(field);
      if (!f || !f->in_store()) throw Error("no field " + std::string(field) + " in " + std::string(spec.name));
      it = st.field_of.emplace(std::string(field), "SELECT " + std::string(field) + " FROM " +
                                                       std::string(spec.table) + " WHERE " + key_condition(spec))
               .first;
    }
    Result r = db().run(it->second, Params().text(std::string(id)));
    if (r.rows() == 0) return std::nullopt;
    Value out = r.value(0, 0);
    if (std::holds_alternative<std::string>(out) && is_narrative(*spec.field(field)))
      out = open_text(std::get<std::string>(out), text_context(spec, field, std::string(id)));
    return out;
  }

  bool insert_if_new(const EntitySpec& spec, std::span<const Value> values, const RowMeta& meta) override {
    if (bulk_) {
      if (auto* table = bulk_table(spec); table && table->usable) return stream_if_new(spec, *table, values, meta);
    }
    Params p = value_params(spec, values);
    p.bytes(meta.row_hash).integer(1).integer(meta.batch_id).integer(static_cast<int64_t>(meta.source_line));
    return db().run(sql(spec).insert, p).affected() > 0;
  }

  void update_keeping_history(const EntitySpec& spec, std::span<const Value> values, const RowMeta& meta) override {
    Params p = value_params(spec, values);
    p.bytes(meta.row_hash).integer(meta.batch_id).integer(static_cast<int64_t>(meta.source_line)).text(utc_timestamp());
    db().run(sql(spec).update_keeping_history, p);
  }

  void append_status_change(const StatusChange& c) override {
    Params p;
    p.text(c.deficiency_id).text(c.status).text(c.status_date).text(c.changed_by);
    if (c.batch_id) p.integer(c.batch_id);
    else p.null();
    db().run("INSERT INTO deficiency_status_history (deficiency_id, status, status_date, changed_by, batch_id, "
             "recorded_at) VALUES ($1, $2, $3, $4, $5, $6)",
             p.text(utc_timestamp()));
  }

  int64_t approximate_count(const EntitySpec& spec) override {
    // The planner's estimate; a table never analysed yet (-1) is counted.
    Result r = db().run("SELECT reltuples::bigint FROM pg_class WHERE oid = $1::regclass",
                        Params().text(std::string(spec.table)));
    const int64_t estimate = r.rows() ? r.integer(0, 0) : -1;
    if (estimate >= 0) return estimate;
    return db().run_once("SELECT COUNT(*) FROM " + std::string(spec.table)).integer(0, 0);
  }

  void defer_indexes(const EntitySpec& spec) override {
    Result r = db().run(
        "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
        "WHERE x.indrelid = $1::regclass AND NOT x.indisprimary AND NOT x.indisunique",
        Params().text(std::string(spec.table)));
    for (int i = 0; i < r.rows(); ++i) {
      db().exec("DROP INDEX " + r.text(i, 0));
      deferred_indexes_.push_back(r.text(i, 1));
    }
  }

  void rebuild_deferred_indexes() override {
    if (deferred_indexes_.empty()) return;
    db().exec("SET LOCAL maintenance_work_mem = '256MB'");  // sort the index in memory
    for (const auto& create : deferred_indexes_) db().exec(create);
    deferred_indexes_.clear();
  }

  Status status() override {
    Status st;
    st.schema_version = schema_version();
    for (const auto& spec : model::all_entities()) {
      Result r = db().run("SELECT COUNT(*) FROM " + std::string(spec.table));
      st.counts.push_back({std::string(spec.name), "", r.integer(0, 0)});
    }
    Result kinds = db().run("SELECT case_kind, COUNT(*) FROM cases GROUP BY case_kind ORDER BY case_kind");
    for (int i = 0; i < kinds.rows(); ++i) st.counts.push_back({"cases", kinds.text(i, 0), kinds.integer(i, 1)});
    Result range = db().run("SELECT MIN(received_date), MAX(received_date) FROM cases");
    if (!range.null(0, 0)) {
      st.first_received = range.text(0, 0);
      st.last_received = range.text(0, 1);
    }
    auto all = batches();
    if (!all.empty()) st.last_batch = all.back();
    return st;
  }

  void for_each_record(const EntitySpec& spec, std::span<const std::string_view> fields,
                       const std::function<void(std::span<const Value>)>& visit) override {
    std::vector<std::string> cols;
    for (auto name : fields) {
      const auto* f = spec.field(name);
      if (!f || !f->in_store()) throw Error("no stored field '" + std::string(name) + "' in " + std::string(spec.name));
      if (is_narrative(*f)) throw Error("analysis does not read the text field '" + std::string(name) + "'");
      cols.push_back(std::string(name));
    }
    std::vector<Value> row(cols.size());
    for_each_page(join(cols), std::string(spec.table), {spec.key.begin(), spec.key.end()},
                  [&](const Result& r, int i) {
                    for (size_t c = 0; c < cols.size(); ++c) row[c] = r.value(i, static_cast<int>(c));
                    visit(row);
                  });
  }

  void for_each_screening(const std::function<void(const ScreeningSummary&)>& visit) override {
    for_each_page("case_id, violence, score, severity, handling_deficiency, categories", "screenings", {"case_id"},
                  [&](const Result& r, int i) {
                    visit({r.text(i, 0), r.boolean(i, 1), r.real(i, 2), r.text(i, 3), r.boolean(i, 4), r.text(i, 5)});
                  });
  }

  std::vector<StatusChange> status_history() override {
    Result r = db().run(
        "SELECT deficiency_id, status, status_date, changed_by, COALESCE(batch_id, 0) "
        "FROM deficiency_status_history ORDER BY deficiency_id, status_date, change_id");
    std::vector<StatusChange> out;
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.integer(i, 4)});
    return out;
  }

  std::vector<CaseText> cases_to_screen(bool all, const std::string& lexicon_version, const std::string& after,
                                        size_t limit) override {
    Result r = db().run(
        "SELECT c.case_id, c.version, c.narrative FROM cases c LEFT JOIN screenings s ON s.case_id = c.case_id "
        "WHERE c.case_id > $1 AND ($2::boolean OR s.case_id IS NULL OR s.case_version <> c.version "
        "OR s.lexicon_version <> $4) ORDER BY c.case_id LIMIT $3",
        Params().text(after).boolean(all).integer(static_cast<int64_t>(limit)).text(lexicon_version));
    std::vector<CaseText> out;
    const auto& cases = model::entity(model::EntityKind::case_record);
    for (int i = 0; i < r.rows(); ++i) {
      std::string id = r.text(i, 0);
      std::string text = r.null(i, 2) ? "" : open_text(r.text(i, 2), text_context(cases, "narrative", id));
      out.push_back({std::move(id), r.integer(i, 1), std::move(text)});
    }
    return out;
  }

  void save_screening(const ScreeningRecord& s) override {
    Params p;
    p.text(s.case_id).integer(s.case_version).text(s.lexicon_version).text(utc_timestamp()).boolean(s.violence);
    p.real(s.score).text(s.severity).boolean(s.handling_deficiency).text(s.categories);
    p.bytes(cipher_ ? cipher_->seal(s.result_json, "screenings.result_json/" + s.case_id) : s.result_json);
    // The latest screening replaces the one before, as SQLite's INSERT OR REPLACE.
    db().run("INSERT INTO screenings (case_id, case_version, lexicon_version, screened_at, violence, score, "
             "severity, handling_deficiency, categories, result_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
             "ON CONFLICT (case_id) DO UPDATE SET case_version = EXCLUDED.case_version, "
             "lexicon_version = EXCLUDED.lexicon_version, screened_at = EXCLUDED.screened_at, "
             "violence = EXCLUDED.violence, score = EXCLUDED.score, severity = EXCLUDED.severity, "
             "handling_deficiency = EXCLUDED.handling_deficiency, categories = EXCLUDED.categories, "
             "result_json = EXCLUDED.result_json",
             p);
  }

  std::optional<ScreeningRecord> screening(const std::string& case_id) override {
    Result r = db().run(
        "SELECT case_id, case_version, lexicon_version, screened_at, violence, score, severity, "
        "handling_deficiency, categories, result_json FROM screenings WHERE case_id = $1",
        Params().text(case_id));
    if (r.rows() == 0) return std::nullopt;
    return ScreeningRecord{r.text(0, 0),   r.integer(0, 1), r.text(0, 2),    r.text(0, 3),
                           r.boolean(0, 4), r.real(0, 5),    r.text(0, 6),    r.boolean(0, 7),
                           r.text(0, 8),   open_text(r.text(0, 9), "screenings.result_json/" + case_id)};
  }

  void add_feedback(const Feedback& f) override {
    Params p;
    p.text(f.case_id).text(f.target).text(f.verdict).text(f.lexicon_version).text(f.decided_by).text(utc_timestamp());
    if (f.note.empty()) p.null();
    else p.text(f.note);
    db().run_guarded("INSERT INTO screening_feedback (case_id, target, verdict, lexicon_version, decided_by, decided_at, "
             "note) VALUES ($1, $2, $3, $4, $5, $6, $7)",
             p);
  }

  std::vector<Feedback> feedback() override {
    Result r = db().run(
        "SELECT case_id, target, verdict, lexicon_version, decided_by, decided_at, COALESCE(note, '') "
        "FROM screening_feedback ORDER BY feedback_id");
    std::vector<Feedback> out;
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5), r.text(i, 6)});
    return out;
  }

  static constexpr const char* kAuditColumns =
      "seq, at, actor, action, object_type, object_id, origin, details, prev_mac, mac";

  static AuditRecord audit_at(const Result& r, int i) {
    return {r.integer(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4),
            r.text(i, 5),    r.text(i, 6), r.text(i, 7), r.text(i, 8), r.text(i, 9)};
  }

  void append_audit(const AuditRecord& a) override {
    db().run_guarded("INSERT INTO audit_log (" + std::string(kAuditColumns) + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
             Params().integer(a.seq).text(a.at).text(a.actor).text(a.action).text(a.object_type).text(a.object_id)
                 .text(a.origin).text(a.details).text(a.prev_mac).text(a.mac));
  }

  std::optional<AuditRecord> last_audit() override {
    Result r = db().run("SELECT " + std::string(kAuditColumns) + " FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (r.rows() == 0) return std::nullopt;
    return audit_at(r, 0);
  }

  // The filter's conditions, on parameters $1..$6.
  static constexpr const char* kAuditWhere =
      " FROM audit_log WHERE ($1 = '' OR actor = $1) AND ($2 = '' OR object_type = $2) "
      "AND ($3 = '' OR object_id = $3) AND ($4 = '' OR at >= $4) AND ($5 = '' OR at <= $5) "
      "AND ($6 = '' OR action = $6)";

  static Params audit_filter(const AuditFilter& f) {
    return Params().text(f.actor).text(f.object_type).text(f.object_id).text(f.since).text(f.until).text(f.action);
  }

  std::vector<AuditRecord> audit_entries(const AuditFilter& f) override {
    Result r = db().run("SELECT " + std::string(kAuditColumns) + kAuditWhere + " ORDER BY seq LIMIT $7 OFFSET $8",
                        audit_filter(f).integer(static_cast<int64_t>(f.limit)).integer(static_cast<int64_t>(f.offset)));
    std::vector<AuditRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(audit_at(r, i));
    return out;
  }

  int64_t count_audit(const AuditFilter& f) override {
    return db().run(std::string("SELECT COUNT(*)") + kAuditWhere, audit_filter(f)).integer(0, 0);
  }

  void for_each_audit(const std::function<void(const AuditRecord&)>& visit) override {
    for_each_page(kAuditColumns, "audit_log", {"seq"}, [&](const Result& r, int i) { visit(audit_at(r, i)); });
  }

  void use_text_cipher(const privacy::TextCipher* cipher) override { cipher_ = cipher; }

  std::map<uint32_t, std::string> wrapped_data_keys() override {
    Result r = db().run("SELECT generation, wrapped FROM data_keys ORDER BY generation");
    std::map<uint32_t, std::string> out;
    for (int i = 0; i < r.rows(); ++i) out[static_cast<uint32_t>(r.integer(i, 0))] = r.text(i, 1);
    return out;
  }

  void add_wrapped_data_key(uint32_t generation, const std::string& wrapped) override {
    db().run("INSERT INTO data_keys (generation, wrapped, created_at) VALUES ($1, $2, $3)",
             Params().integer(generation).bytes(wrapped).text(utc_timestamp()));
  }

  void remove_data_keys_before(uint32_t generation) override {
    db().run("DELETE FROM data_keys WHERE generation < $1", Params().integer(generation));
  }

  uint64_t reseal_texts() override {
    if (!cipher_) throw Error("no cipher: cannot reseal texts");
    uint64_t n = 0;
    // (table, text column, the record key in the context, the column to page by and where it starts)
    const std::tuple<const char*, const char*, const char*, const char*, const char*> texts[] = {
        {"cases", "narrative", "case_id", "case_id", ""},
        {"cases_history", "narrative", "case_id", "history_id", "0"},
        {"inspections", "summary", "inspection_id", "inspection_id", ""},
        {"inspections_history", "summary", "inspection_id", "history_id", "0"},
        {"screenings", "result_json", "case_id", "case_id", ""},
    };
    for (const auto& [table, column, key, page_by, start] : texts) {
      const std::string t(table), c(column), k(key), by(page_by);
      const std::string prefix = (t == "screenings" ? t : t.substr(0, t.find("_history"))) + "." + c + "/";
      const std::string read = "SELECT " + by + ", " + k + ", " + c + " FROM " + t + " WHERE " + c +
                               " IS NOT NULL AND " + by + " > $1 ORDER BY " + by + " LIMIT 4096";
      const std::string write = "UPDATE " + t + " SET " + c + " = $1 WHERE " + by + " = $2";
      std::string after = start;
      for (;;) {
        Result r = db().run(read, Params().text(after));
        if (r.rows() == 0) break;
        for (int i = 0; i < r.rows(); ++i) {
          const std::string context = prefix + r.text(i, 1);
          db().run(write, Params().bytes(cipher_->seal(open_text(r.text(i, 2), context), context)).text(r.text(i, 0)));
          ++n;
        }
        after = r.text(r.rows() - 1, 0);
      }
    }
    return n;
  }

  std::vector<RetentionRule> retention_rules() override {
    Result r = db().run("SELECT category, days, description FROM retention_policy ORDER BY category");
    std::vector<RetentionRule> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.text(i, 0), r.integer(i, 1), r.text(i, 2)});
    return out;
  }

  void set_retention(const std::string& category, int64_t days) override {
    if (days <= 0) throw Error("a retention time must be at least one day");
    if (db().run("UPDATE retention_policy SET days = $2 WHERE category = $1", Params().text(category).integer(days))
            .affected() == 0)
      throw Error("no retention category named " + category);
  }

  int64_t run_counted(const std::string& sql, const std::string& cutoff) {
    return db().run(sql, Params().text(cutoff)).affected();
  }

  PurgeCounts purge(const std::map<std::string, std::string>& cutoff) override {
    PurgeCounts c;
    auto at = [&](const char* category) -> const std::string* {
      auto it = cutoff.find(category);
      return it == cutoff.end() ? nullptr : &it->second;
    };
    if (const auto* t = at("case_text")) {
      c.texts = run_counted("UPDATE cases SET narrative = NULL WHERE received_date < $1 AND narrative IS NOT NULL", *t);
      c.texts += run_counted(
          "UPDATE cases_history SET narrative = NULL WHERE received_date < $1 AND narrative IS NOT NULL", *t);
      c.screening_evidence = run_counted(
          "UPDATE screenings SET result_json = convert_to('{\"purged\": true}', 'UTF8') "
          "WHERE result_json <> convert_to('{\"purged\": true}', 'UTF8') "
          "AND case_id IN (SELECT case_id FROM cases WHERE received_date < $1)", *t);
    }
    if (std::getenv("VAKSAM_FAILPOINT") && std::string(std::getenv("VAKSAM_FAILPOINT")) == "purge")
      throw Error("failpoint: purge stopped midway (for testing)");
    if (const auto* t = at("personal_data")) {
      c.personal_data = run_counted(
          "UPDATE cases SET subject_pseudonym = NULL, vulnerabilities = NULL WHERE received_date < $1 "
          "AND (subject_pseudonym IS NOT NULL OR vulnerabilities IS NOT NULL)", *t);
      run_counted("UPDATE cases_history SET subject_pseudonym = NULL, vulnerabilities = NULL "
                  "WHERE received_date < $1", *t);
    }
    if (const auto* t = at("case_records")) {
      run_counted("INSERT INTO purged_case_counts SELECT substr(c.received_date, 1, 7), c.case_kind, c.unit_id, "
                  "c.principal_id, c.subject_sex, c.subject_age_band, s.violence, COUNT(*) FROM cases c "
                  "LEFT JOIN screenings s ON s.case_id = c.case_id WHERE c.received_date < $1 "
                  "GROUP BY 1, 2, 3, 4, 5, 6, 7", *t);
      for (const char* table : {"screening_feedback", "triage_decisions", "screenings", "cases_history"})
        run_counted(std::string("DELETE FROM ") + table +
                        " WHERE case_id IN (SELECT case_id FROM cases WHERE received_date < $1)", *t);
      c.case_records = run_counted("DELETE FROM cases WHERE received_date < $1", *t);
    }
    if (const auto* t = at("superseded_versions")) {
      for (const auto& spec : model::all_entities())
        c.superseded_versions +=
            run_counted("DELETE FROM " + std::string(spec.table) + "_history WHERE superseded_at < $1", *t);
    }
    return c;
  }

  // --- Risk runs (migration 7) ---

  bool set_deficiency_status(const DeficiencyStatusUpdate& u) override {
    Params p;
    p.text(u.deficiency_id).text(u.status).text(u.status_date);
    if (u.deadline.empty()) p.null();
    else p.text(u.deadline);
    if (db().run("UPDATE deficiencies SET status = $2, status_date = $3, deadline = COALESCE($4, deadline) "
                 "WHERE deficiency_id = $1",
                 p)
            .affected() == 0)
      return false;
    Params h;
    h.text(u.deficiency_id).text(u.status).text(u.status_date).text(u.changed_by).text(utc_timestamp());
    if (u.note.empty()) h.null();
    else h.text(u.note);
    db().run("INSERT INTO deficiency_status_history (deficiency_id, status, status_date, changed_by, batch_id, "
             "recorded_at, note) VALUES ($1, $2, $3, $4, NULL, $5, $6)",
             h);
    return true;
  }

  int64_t save_plan(const PlanRecord& p, const std::vector<PlanItemRecord>& items) override {
    Params r;
    r.text(p.created_at.empty() ? utc_timestamp() : p.created_at).text(p.created_by).text(p.level).text(p.as_of)
        .integer(p.capacity).real(p.random_share).integer(p.seed);
    if (p.risk_run_id) r.integer(p.risk_run_id);
    else r.null();
    r.text(p.settings_json);
    const int64_t id = db().run("INSERT INTO inspection_plans (created_at, created_by, level, as_of, capacity, "
                                "random_share, seed, risk_run_id, settings_json) "
                                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING plan_id",
                                r)
                           .integer(0, 0);
    for (const auto& x : items)
      db().run("INSERT INTO inspection_plan_items (plan_id, position, entity_id, name, region_code, selection, rank, "
               "score, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
               Params().integer(id).integer(x.position).text(x.entity_id).text(x.name).text(x.region_code)
                   .text(x.selection).integer(x.rank).real(x.score).text(x.reason));
    return id;
  }

  static constexpr const char* kPlanColumns =
      "SELECT plan_id, created_at, created_by, level, as_of, capacity, random_share, seed, risk_run_id, "
      "settings_json FROM inspection_plans";

  static PlanRecord plan_at(const Result& r, int i) {
    PlanRecord p;
    p.plan_id = r.integer(i, 0);
    p.created_at = r.text(i, 1);
    p.created_by = r.text(i, 2);
    p.level = r.text(i, 3);
    p.as_of = r.text(i, 4);
    p.capacity = r.integer(i, 5);
    p.random_share = r.real(i, 6);
    p.seed = r.integer(i, 7);
    p.risk_run_id = r.null(i, 8) ? 0 : r.integer(i, 8);
    p.settings_json = r.text(i, 9);
    return p;
  }

  std::vector<PlanRecord> plans() override {
    Result r = db().run(std::string(kPlanColumns) + " ORDER BY plan_id DESC");
    std::vector<PlanRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(plan_at(r, i));
    return out;
  }

  std::optional<PlanRecord> plan(int64_t plan_id) override {
    Result r = db().run(std::string(kPlanColumns) + " WHERE plan_id = $1", Params().integer(plan_id));
    if (r.rows() == 0) return std::nullopt;
    return plan_at(r, 0);
  }

  std::vector<PlanItemRecord> plan_items(int64_t plan_id) override {
    Result r = db().run("SELECT position, entity_id, name, region_code, selection, rank, score, reason "
                        "FROM inspection_plan_items WHERE plan_id = $1 ORDER BY position",
                        Params().integer(plan_id));
    std::vector<PlanItemRecord> out;
    for (int i = 0; i < r.rows(); ++i) {
      PlanItemRecord x;
      x.position = r.integer(i, 0);
      x.entity_id = r.text(i, 1);
      x.name = r.text(i, 2);
      x.region_code = r.text(i, 3);
      x.selection = r.text(i, 4);
      x.rank = r.integer(i, 5);
      x.score = r.real(i, 6);
      x.reason = r.text(i, 7);
      out.push_back(std::move(x));
    }
    return out;
  }

  int64_t save_risk_run(const RiskRun& run, const std::vector<RiskScoreRow>& rows) override {
    const int64_t id =
        db().run("INSERT INTO risk_runs (computed_at, computed_by, as_of, model_version, fingerprint, summary_json) "
                 "VALUES ($1, $2, $3, $4, $5, $6) RETURNING run_id",
                 Params().text(run.computed_at.empty() ? utc_timestamp() : run.computed_at).text(run.computed_by)
                     .text(run.as_of).text(run.model_version).text(run.fingerprint).text(run.summary_json))
            .integer(0, 0);
    for (const auto& x : rows)
      db().run("INSERT INTO risk_scores (run_id, level, entity_id, name, rank, rank_low, rank_high, score, flagged, "
               "alarm, method_dependent, explanation_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
               Params().integer(id).text(x.level).text(x.entity_id).text(x.name).integer(x.rank).integer(x.rank_low)
                   .integer(x.rank_high).real(x.score).boolean(x.flagged).boolean(x.alarm)
                   .boolean(x.method_dependent).text(x.explanation_json));
    return id;
  }

  static constexpr const char* kRiskRunColumns =
      "SELECT run_id, computed_at, computed_by, as_of, model_version, fingerprint, summary_json FROM risk_runs";

  static RiskRun risk_run_at(const Result& r) {
    return {r.integer(0, 0), r.text(0, 1), r.text(0, 2), r.text(0, 3), r.text(0, 4), r.text(0, 5), r.text(0, 6)};
  }

  std::optional<RiskRun> latest_risk_run() override {
    Result r = db().run(std::string(kRiskRunColumns) + " ORDER BY run_id DESC LIMIT 1");
    if (r.rows() == 0) return std::nullopt;
    return risk_run_at(r);
  }

  std::optional<RiskRun> risk_run(int64_t run_id) override {
    Result r = db().run(std::string(kRiskRunColumns) + " WHERE run_id = $1", Params().integer(run_id));
    if (r.rows() == 0) return std::nullopt;
    return risk_run_at(r);
  }

  static constexpr const char* kRiskScoreColumns =
      "SELECT level, entity_id, name, rank, rank_low, rank_high, score, flagged, alarm, method_dependent, "
      "explanation_json FROM risk_scores";

  static RiskScoreRow risk_row_at(const Result& r, int i) {
    RiskScoreRow x;
    x.level = r.text(i, 0);
    x.entity_id = r.text(i, 1);
    x.name = r.text(i, 2);
    x.rank = r.integer(i, 3);
    x.rank_low = r.integer(i, 4);
    x.rank_high = r.integer(i, 5);
    x.score = r.real(i, 6);
    x.flagged = r.boolean(i, 7);
    x.alarm = r.boolean(i, 8);
    x.method_dependent = r.boolean(i, 9);
    x.explanation_json = r.text(i, 10);
    return x;
  }

  std::vector<RiskScoreRow> risk_scores(int64_t run_id, const std::string& level, size_t offset,
                                        size_t limit) override {
    Result r = db().run(std::string(kRiskScoreColumns) +
                            " WHERE run_id = $1 AND level = $2 ORDER BY rank LIMIT $3 OFFSET $4",
                        Params().integer(run_id).text(level).integer(static_cast<int64_t>(limit))
                            .integer(static_cast<int64_t>(offset)));
    std::vector<RiskScoreRow> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(risk_row_at(r, i));
    return out;
  }

  std::optional<RiskScoreRow> risk_score(int64_t run_id, const std::string& level,
                                         const std::string& entity_id) override {
    Result r = db().run(std::string(kRiskScoreColumns) + " WHERE run_id = $1 AND level = $2 AND entity_id = $3",
                        Params().integer(run_id).text(level).text(entity_id));
    if (r.rows() == 0) return std::nullopt;
    return risk_row_at(r, 0);
  }

  // --- Server (migration 6) ---

  void create_user(const UserRecord& u) override {
    db().run_guarded("INSERT INTO users (name, role, password_hash, disabled, created_at, created_by) "
             "VALUES ($1, $2, $3, $4, $5, $6)",
             Params().text(u.name).text(u.role).text(u.password_hash).boolean(u.disabled).text(utc_timestamp())
                 .text(u.created_by));
  }

  static UserRecord user_at(const Result& r, int i) {
    return {r.text(i, 0), r.text(i, 1), r.text(i, 2), r.boolean(i, 3), r.text(i, 4), r.text(i, 5)};
  }

  std::optional<UserRecord> find_user(const std::string& name) override {
    Result r = db().run("SELECT name, role, password_hash, disabled, created_at, created_by FROM users WHERE name = $1",
                        Params().text(name));
    if (r.rows() == 0) return std::nullopt;
    return user_at(r, 0);
  }

  std::vector<UserRecord> users() override {
    Result r = db().run("SELECT name, role, password_hash, disabled, created_at, created_by FROM users ORDER BY name");
    std::vector<UserRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(user_at(r, i));
    return out;
  }

  bool set_user_disabled(const std::string& name, bool disabled) override {
    return db().run("UPDATE users SET disabled = $2 WHERE name = $1", Params().text(name).boolean(disabled))
               .affected() > 0;
  }

  bool set_user_password(const std::string& name, const std::string& password_hash) override {
    return db().run("UPDATE users SET password_hash = $2 WHERE name = $1", Params().text(name).text(password_hash))
               .affected() > 0;
  }

  void create_session(const SessionRecord& s) override {
    db().run_guarded("INSERT INTO sessions (token_hash, csrf_hash, user_name, created_at, last_seen_at, expires_at, origin) "
             "VALUES ($1, $2, $3, $4, $5, $6, $7)",
             Params().text(s.token_hash).text(s.csrf_hash).text(s.user_name).text(s.created_at).text(s.last_seen_at)
                 .text(s.expires_at).text(s.origin));
  }

  std::optional<SessionRecord> find_session(const std::string& token_hash) override {
    Result r = db().run("SELECT token_hash, csrf_hash, user_name, created_at, last_seen_at, expires_at, origin "
                        "FROM sessions WHERE token_hash = $1",
                        Params().text(token_hash));
    if (r.rows() == 0) return std::nullopt;
    return SessionRecord{r.text(0, 0), r.text(0, 1), r.text(0, 2), r.text(0, 3), r.text(0, 4), r.text(0, 5), r.text(0, 6)};
  }

  void touch_session(const std::string& token_hash, const std::string& last_seen_at) override {
    db().run("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1", Params().text(token_hash).text(last_seen_at));
  }

  void delete_session(const std::string& token_hash) override {
    db().run("DELETE FROM sessions WHERE token_hash = $1", Params().text(token_hash));
  }

  int64_t delete_sessions_of(const std::string& user_name) override {
    return db().run("DELETE FROM sessions WHERE user_name = $1", Params().text(user_name)).affected();
  }

  int64_t delete_sessions_before(const std::string& cutoff) override {
    return db().run("DELETE FROM sessions WHERE last_seen_at < $1 OR expires_at < $2",
                    Params().text(cutoff).text(utc_timestamp()))
        .affected();
  }

  void create_api_token(const ApiTokenRecord& t) override {
    db().run_guarded("INSERT INTO api_tokens (token_hash, user_name, label, created_at, revoked) VALUES ($1, $2, $3, $4, $5)",
             Params().text(t.token_hash).text(t.user_name).text(t.label).text(utc_timestamp()).boolean(t.revoked));
  }

  std::optional<ApiTokenRecord> find_api_token(const std::string& token_hash) override {
    Result r = db().run("SELECT token_hash, user_name, label, created_at, COALESCE(last_used_at, ''), revoked "
                        "FROM api_tokens WHERE token_hash = $1",
                        Params().text(token_hash));
    if (r.rows() == 0) return std::nullopt;
    return ApiTokenRecord{r.text(0, 0), r.text(0, 1), r.text(0, 2), r.text(0, 3), r.text(0, 4), r.boolean(0, 5)};
  }

  void touch_api_token(const std::string& token_hash, const std::string& last_used_at) override {
    db().run("UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1", Params().text(token_hash).text(last_used_at));
  }

  void add_assignment(const Assignment& a) override {
    db().run("INSERT INTO assignments (user_name, unit_id, assigned_by, assigned_at) VALUES ($1, $2, $3, $4) "
             "ON CONFLICT DO NOTHING",
             Params().text(a.user_name).text(a.unit_id).text(a.assigned_by).text(utc_timestamp()));
  }

  std::vector<std::string> assigned_units(const std::string& user_name) override {
    Result r = db().run("SELECT unit_id FROM assignments WHERE user_name = $1 ORDER BY unit_id", Params().text(user_name));
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
    return out;
  }

  int64_t add_triage_decision(const TriageDecision& d) override {
    Params p;
    p.text(d.case_id).text(d.decision).text(d.reason);
    if (d.forwarded_to.empty()) p.null();
    else p.text(d.forwarded_to);
    p.text(d.decided_by).text(utc_timestamp());
    return db().run_guarded("INSERT INTO triage_decisions (case_id, decision, reason, forwarded_to, decided_by, decided_at) "
                    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING decision_id",
                    p)
        .integer(0, 0);
  }

  std::vector<TriageDecision> triage_decisions(const std::string& case_id) override {
    Result r = db().run("SELECT decision_id, case_id, decision, reason, COALESCE(forwarded_to, ''), decided_by, "
                        "decided_at FROM triage_decisions WHERE case_id = $1 ORDER BY decision_id",
                        Params().text(case_id));
    std::vector<TriageDecision> out;
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({r.integer(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5), r.text(i, 6)});
    return out;
  }

  // Every filter is a bound value; a list is bound as a text[] literal. The category is
  // matched with position() on '|'-delimited text, so no character in it is special.
  TriagePage triage_queue(const TriageQuery& q) override {
    const std::string where =
        " FROM screenings s JOIN cases c ON c.case_id = s.case_id "
        "LEFT JOIN (SELECT DISTINCT ON (case_id) case_id, decision FROM triage_decisions "
        "ORDER BY case_id, decision_id DESC) d ON d.case_id = c.case_id "
        "WHERE s.violence "
        "AND (cardinality($1::text[]) = 0 OR s.severity = ANY($1::text[])) "
        "AND ($2 = '' OR position('|' || $2 || '|' IN '|' || s.categories || '|') > 0) "
        "AND ($3 = '' OR c.case_kind = $3) "
        "AND (cardinality($4::text[]) = 0 OR c.unit_id = ANY($4::text[])) "
        "AND ($5 = '' OR c.received_date >= $5) AND ($6 = '' OR c.received_date <= $6) "
        "AND ($7::int = -1 OR (d.case_id IS NOT NULL) = ($7::int = 1))";
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
    auto filters = [&] {
      return Params().text(array_literal(q.severities)).text(q.category).text(q.case_kind)
          .text(array_literal(q.unit_ids)).text(q.received_from).text(q.received_to)
          .integer(q.decided ? (*q.decided ? 1 : 0) : -1);
    };
    TriagePage page;
    page.total = db().run("SELECT COUNT(*)" + where, filters()).integer(0, 0);
    Result r = db().run("SELECT c.case_id, c.case_kind, c.received_date, COALESCE(c.unit_id, ''), "
                        "COALESCE(c.principal_id, ''), s.severity, s.categories, s.score, s.handling_deficiency, "
                        "COALESCE(d.decision, '')" + where + order + " LIMIT $8 OFFSET $9",
                        filters().integer(static_cast<int64_t>(q.limit)).integer(static_cast<int64_t>(q.offset)));
    for (int i = 0; i < r.rows(); ++i)
      page.rows.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5),
                           r.text(i, 6), r.real(i, 7), r.boolean(i, 8), r.text(i, 9)});
    return page;
  }

  ScreeningCounts screening_counts() override {
    ScreeningCounts c;
    Result totals = db().run("SELECT COUNT(*), COUNT(*) FILTER (WHERE violence), "
                             "COUNT(*) FILTER (WHERE handling_deficiency) FROM screenings");
    c.screened = totals.integer(0, 0);
    c.violence = totals.integer(0, 1);
    c.handling_deficiency = totals.integer(0, 2);
    Result sev = db().run("SELECT severity, COUNT(*) FROM screenings WHERE violence GROUP BY severity");
    for (int i = 0; i < sev.rows(); ++i) c.violence_by_severity[sev.text(i, 0)] = sev.integer(i, 1);
    Result month = db().run("SELECT substr(c.received_date, 1, 7), COUNT(*) FROM screenings s "
                            "JOIN cases c ON c.case_id = s.case_id WHERE s.violence GROUP BY 1 ORDER BY 1");
    for (int i = 0; i < month.rows(); ++i) c.violence_by_month[month.text(i, 0)] = month.integer(i, 1);
    return c;
  }

  std::vector<Feedback> feedback_for(const std::string& case_id) override {
    Result r = db().run("SELECT case_id, target, verdict, lexicon_version, decided_by, decided_at, COALESCE(note, '') "
                        "FROM screening_feedback WHERE case_id = $1 ORDER BY feedback_id",
                        Params().text(case_id));
    std::vector<Feedback> out;
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5), r.text(i, 6)});
    return out;
  }

 private:
  // "k1 = $first AND k2 = $first+1 ..."
  static std::string key_condition(const EntitySpec& spec, size_t first = 1) {
    std::vector<std::string> parts;
    for (size_t i = 0; i < spec.key.size(); ++i) parts.push_back(std::string(spec.key[i]) + " = $" + std::to_string(first + i));
    return join(parts, " AND ");
  }

  EntitySql& sql(const EntitySpec& spec) {
    auto it = sql_.find(spec.kind);
    if (it != sql_.end()) return it->second;
    const std::string table(spec.table);
    const std::string cols = join(columns(spec)), meta = "row_hash, version, batch_id, source_line";
    const size_t n = stored_field_count(spec);
    EntitySql st;
    st.find = "SELECT row_hash, version FROM " + table + " WHERE " + key_condition(spec);
    st.insert = "INSERT INTO " + table + " (" + cols + ", " + meta + ") VALUES (" + placeholders(1, n + 4) +
                ") ON CONFLICT DO NOTHING";
    st.copy = "COPY " + table + " (" + cols + ", " + meta + ") FROM STDIN";
    // $1..$n are the stored values in spec order (the key among them), then the meta.
    std::string sets, where;
    for (size_t i = 1; const auto& c : columns(spec)) sets += c + " = $" + std::to_string(i++) + ", ";
    sets += "row_hash = $" + std::to_string(n + 1) + ", version = version + 1, batch_id = $" + std::to_string(n + 2) +
            ", source_line = $" + std::to_string(n + 3);
    for (size_t k = 0; k < spec.key.size(); ++k)
      where += (k ? " AND " : "") + std::string(spec.key[k]) + " = $" +
               std::to_string(stored_index(spec, spec.key[k]) + 1);
    // One statement, one round trip: the CTE and the UPDATE see the same snapshot, so the
    // history gets the version the UPDATE replaces.
    st.update_keeping_history = "WITH superseded AS (INSERT INTO " + table + "_history (" + cols + ", " + meta +
                                ", superseded_at, superseded_by_batch) SELECT " + cols + ", " + meta + ", $" +
                                std::to_string(n + 4) + ", $" + std::to_string(n + 2) + " FROM " + table + " WHERE " +
                                where + ") UPDATE " + table + " SET " + sets + " WHERE " + where;
    return sql_.emplace(spec.kind, std::move(st)).first->second;
  }

  // The stored values as parameters, free text sealed when a cipher is set (always BYTEA).
  Params value_params(const EntitySpec& spec, std::span<const Value> values) {
    if (values.size() != stored_field_count(spec))
      throw Error("internal error: wrong number of values for " + std::string(spec.name));
    Params p;
    size_t i = 0;
    for (const auto& f : spec.fields) {
      if (!f.in_store()) continue;
      const Value& v = values[i++];
      if (is_narrative(f) && std::holds_alternative<std::string>(v))
        p.bytes(sealed_if_cipher(spec, f, values, std::get<std::string>(v)));
      else
        p.value(v);
    }
    return p;
  }

  std::string sealed_if_cipher(const EntitySpec& spec, const model::FieldSpec& f, std::span<const Value> values,
                               const std::string& text) const {
    return cipher_ ? cipher_->seal(text, text_context(spec, f.name, key_of(spec, values))) : text;
  }

  // --- Bulk load: rows streamed with COPY, "is it new?" answered from the keys in memory.

  // The table's bulk state, reading its keys under a lock on first use in this
  // transaction. SHARE ROW EXCLUSIVE lets readers in but no other writer, so the keys
  // read stay the table's keys until commit.
  BulkTable* bulk_table(const EntitySpec& spec) {
    auto [it, fresh] = bulk_tables_.try_emplace(spec.kind);
    if (!fresh) return &it->second;
    const std::string table(spec.table);
    db().exec("LOCK TABLE " + table + " IN SHARE ROW EXCLUSIVE MODE");
    std::vector<std::string> key(spec.key.begin(), spec.key.end());
    Result r = db().run_once("SELECT " + join(key) + " FROM " + table + " LIMIT " + std::to_string(kMaxBulkKeys + 1));
    if (r.rows() > kMaxBulkKeys) return &it->second;  // too many to hold: row by row
    it->second.keys.reserve(static_cast<size_t>(r.rows()) * 2);
    for (int i = 0; i < r.rows(); ++i) {
      std::string k;
      for (int c = 0; c < r.columns(); ++c) (c ? k += kKeySeparator : k) += r.text(i, c);
      it->second.keys.insert(std::move(k));
    }
    it->second.usable = true;
    return &it->second;
  }

  bool stream_if_new(const EntitySpec& spec, BulkTable& table, std::span<const Value> values, const RowMeta& meta) {
    std::string k;
    for (size_t i = 0; i < spec.key.size(); ++i)
      (i ? k += kKeySeparator : k) += model::to_text(values[stored_index(spec, spec.key[i])]);
    if (!table.keys.insert(std::move(k)).second) return false;
    if (values.size() != stored_field_count(spec))
      throw Error("internal error: wrong number of values for " + std::string(spec.name));
    if (conn_.in_copy() && copying_ != spec.kind) conn_.copy_end();
    if (!conn_.in_copy()) {
      conn_.copy_begin(sql(spec).copy);
      copying_ = spec.kind;
    }
    line_.clear();
    size_t i = 0;
    for (const auto& f : spec.fields) {
      if (!f.in_store()) continue;
      const Value& v = values[i++];
      if (const auto* s = std::get_if<std::string>(&v)) {
        if (is_narrative(f)) pg::append_copy_bytes(line_, sealed_if_cipher(spec, f, values, *s));
        else pg::append_copy_text(line_, *s);
      } else if (model::is_null(v)) {
        line_ += "\\N";
      } else {
        line_ += model::to_text(v);
      }
      line_ += '\t';
    }
    pg::append_copy_bytes(line_, meta.row_hash);
    line_ += "\t1\t" + std::to_string(meta.batch_id) + '\t' + std::to_string(meta.source_line) + '\n';
    conn_.copy_row(line_);
    return true;
  }

  // Pages through `table` in key order: SELECT <cols>, <key> ... WHERE (key) > (last) LIMIT n.
  void for_each_page(const std::string& cols, const std::string& table, const std::vector<std::string>& key,
                     const std::function<void(const Result&, int)>& visit) {
    const std::string k = join(key);
    const std::string select = "SELECT " + cols + ", " + k + " FROM " + table;
    const std::string order = " ORDER BY " + k + " LIMIT " + std::to_string(kPageRows);
    const std::string first = select + order;
    const std::string next = select + " WHERE (" + k + ") > (" + placeholders(1, key.size()) + ")" + order;
    std::vector<std::string> last;
    for (;;) {
      Params p;
      for (const auto& v : last) p.text(v);
      Result r = db().run(last.empty() ? first : next, p);
      for (int i = 0; i < r.rows(); ++i) visit(r, i);
      if (r.rows() < kPageRows) return;
      last.clear();
      for (size_t c = 0; c < key.size(); ++c) last.push_back(r.text(r.rows() - 1, r.columns() - static_cast<int>(key.size() - c)));
    }
  }

  static std::string key_of(const EntitySpec& spec, std::span<const Value> values) {
    std::string key;
    for (auto k : spec.key) {
      if (!key.empty()) key += '/';
      key += model::to_text(values[stored_index(spec, k)]);
    }
    return key;
  }

  static std::string text_context(const EntitySpec& spec, std::string_view field, const std::string& key) {
    return std::string(spec.table) + "." + std::string(field) + "/" + key;
  }

  std::string open_text(std::string stored, const std::string& context) const {
    if (!privacy::TextCipher::is_sealed(stored)) return stored;
    if (!cipher_) throw Error("the stored texts are encrypted: open the database with its key file");
    return cipher_->open(stored, context);
  }

  void seed_geography() {
    const auto& geo = reference::Geography::builtin();
    for (const auto& g : geo.regions())
      db().run("INSERT INTO regions VALUES ($1, $2, $3, $4)",
               Params().text(g.code).text(g.name).integer(g.population).integer(g.population_year));
    for (const auto& g : geo.municipalities())
      db().run("INSERT INTO municipalities VALUES ($1, $2, $3, $4, $5)",
               Params().text(g.code).text(g.name).text(g.region_code).integer(g.population).integer(g.population_year));
  }

  pg::Connection conn_;
  std::unordered_map<model::EntityKind, EntitySql> sql_;
  std::vector<std::string> deferred_indexes_;  // CREATE INDEX statements to run again
  bool bulk_ = false;                          // in a WriteKind::bulk transaction
  std::unordered_map<model::EntityKind, BulkTable> bulk_tables_;
  model::EntityKind copying_{};  // the table the open COPY writes to
  std::string line_;             // the COPY row being built
  const privacy::TextCipher* cipher_ = nullptr;
};

}  // namespace

bool is_postgres_location(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string printable_location(const std::string& location) { return pg::redact_password(location); }

std::unique_ptr<Store> open_postgres(const std::string& conninfo, OpenMode mode) {
  auto store = std::make_unique<PostgresStore>(conninfo);
  store->check_mode(mode, printable_location(conninfo));
  store->migrate();
  return store;
}

}  // namespace vaksam::store
