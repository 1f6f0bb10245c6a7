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
