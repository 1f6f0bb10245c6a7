#include "ingest/importer.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include "common/error.h"
#include "ingest/csv_reader.h"
#include "ingest/hashing_reader.h"
#include "ingest/jsonl_reader.h"
#include "ingest/reject_writer.h"
#include "ingest/row_builder.h"
#include "ingest/row_hash.h"

namespace vaksam::ingest {

namespace {

using model::EntityKind;
using model::EntitySpec;
using model::Value;

enum class Format { csv, jsonl };

// Files this large are loaded as bulk writes (see store::WriteKind).
constexpr uint64_t kBulkBytes = 16 << 20;

Format format_of(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  if (ext == ".csv" || ext == ".txt" || ext == ".tsv") return Format::csv;
  if (ext == ".jsonl" || ext == ".ndjson") return Format::jsonl;
  throw Error({path, 0, ""}, "unknown file type '" + ext +
                                 "': name CSV files *.csv and JSON Lines files *.jsonl");
}

// Answers reference questions from the store, remembering what it has seen.
class StoreResolver final : public ReferenceResolver {
 public:
  explicit StoreResolver(store::Store& store) : store_(store) {}

  bool exists(EntityKind kind, std::string_view id) override {
    auto& known = known_[kind];
    if (known.count(std::string(id))) return true;
    const auto& spec = model::entity(kind);
    std::vector<Value> key{std::string(id)};
    if (!store_.find(spec, key)) return false;
    known.insert(std::string(id));
    return true;
  }

  std::optional<std::string> principal_of_unit(std::string_view unit_id) override {
    auto it = unit_principal_.find(std::string(unit_id));
    if (it != unit_principal_.end()) return it->second;
    auto v = store_.field_of(model::entity(EntityKind::unit), unit_id, "principal_id");
    if (!v || !std::holds_alternative<std::string>(*v)) return std::nullopt;
    unit_principal_.emplace(std::string(unit_id), std::get<std::string>(*v));
    return std::get<std::string>(*v);
  }

 private:
  store::Store& store_;
  std::unordered_map<EntityKind, std::unordered_set<std::string>> known_;
  std::unordered_map<std::string, std::string> unit_principal_;
};

std::string key_text(const std::vector<Value>& key) {
  std::string out;
  for (const auto& k : key) out += (out.empty() ? "" : " / ") + model::to_text(k);
  return out;
}

class Import {
 public:
  Import(store::Store& store, const privacy::Pseudonymizer& pseudonymizer, const std::string& path,
         const ImportOptions& options)
      : store_(store), pseudonymizer_(pseudonymizer), path_(path), options_(options),
        resolver_(store) {}

  ImportReport run() {
    report_.file = path_;
    const Format format = format_of(path_);
    report_.format = format == Format::csv ? "csv" : "jsonl";
    HashingFileBuf buf(path_);
    file_size_ = buf.size();
    std::istream in(&buf);
    store::Transaction tx(store_, file_size_ >= kBulkBytes ? store::WriteKind::bulk : store::WriteKind::normal);
    if (format == Format::csv) {
      CsvOptions csv_options;
      csv_options.encoding = options_.encoding;
      csv_options.max_field_bytes = model::kMaxNarrativeBytes + 1;
      CsvReader reader(in, path_, csv_options);
      start(reader.header());
      columns_ = map_columns(reader.header());
      RawRecord record;
      while (reader.next(record)) {
        report_.encoding = std::string(name(reader.encoding()));
        handle_csv(record);
        tick(buf);
      }
      report_.encoding = std::string(name(reader.encoding()));
    } else {
      JsonlOptions jsonl_options;
      jsonl_options.encoding = options_.encoding == Encoding::auto_detect ? Encoding::utf8 : options_.encoding;
      jsonl_options.max_field_bytes = model::kMaxNarrativeBytes + 1;
      JsonlReader reader(in, path_, jsonl_options);
      report_.encoding = std::string(name(jsonl_options.encoding));
      RawRecord record;
      bool started = false;
      while (reader.next(record)) {
        if (!started) {
          start(record.names);
          started = true;
        }
        handle_jsonl(record);
        tick(buf);
      }
      if (!started) throw Error({path_, 0, ""}, "the file holds no records");
    }
    report_.file_digest = buf.digest_hex();
    if (options_.progress) options_.progress(buf.size(), buf.size());
    finish(tx);
    return std::move(report_);
  }

 private:
  // Fixes the entity and prepares per-entity state, from the first header or record.
  void start(const std::vector<std::string>& names) {
    const EntityKind kind = options_.entity ? *options_.entity : detect_entity(names, path_);
    spec_ = &model::entity(kind);
    report_.entity = std::string(spec_->name);
    builder_.emplace(*spec_, pseudonymizer_, resolver_, options_.today);
    raw_.assign(spec_->fields.size(), std::nullopt);
    if (!options_.reject_file.empty()) rejects_.emplace(options_.reject_file, *spec_);
    store::BatchInfo info{report_.entity, std::filesystem::path(path_).filename().string(), "",
                          report_.format, "", options_.imported_by};
    if (!options_.dry_run) batch_id_ = store_.create_batch(info);
    // A file that may hold as many rows as the table already has is loaded faster by
    // building the secondary indexes afterwards, sorted, than by updating them row by row.
    constexpr uint64_t kBytesPerRowAtLeast = 100;
    if (!options_.dry_run && file_size_ >= kBulkBytes &&
        file_size_ / kBytesPerRowAtLeast >= static_cast<uint64_t>(store_.approximate_count(*spec_)))
      store_.defer_indexes(*spec_);
  }

  // Maps each file column to a spec field; unknown and missing columns are errors for the file.
  std::vector<int> map_columns(const std::vector<std::string>& header) {
    std::vector<int> map;
    std::unordered_set<std::string> seen;
    for (size_t c = 0; c < header.size(); ++c) {
      const std::string& name = header[c];
      auto index = spec_->field_index(name);
      if (!index || !spec_->fields[*index].in_file())
        throw Error({path_, 1, name}, "unknown column '" + name + "' for " + report_.entity +
                                          "; the columns are: " + column_list());
      if (!seen.insert(name).second) throw Error({path_, 1, name}, "the column appears twice");
      map.push_back(static_cast<int>(*index));
    }
    for (const auto& f : spec_->fields)
      if (f.required && !seen.count(std::string(f.name)))
        throw Error({path_, 1, std::string(f.name)},
                    "the header is missing the required column '" + std::string(f.name) + "'");
    return map;
  }

  std::string column_list() const {
    std::string out;
    for (const auto& f : spec_->fields)
      if (f.in_file()) out += (out.empty() ? "" : ", ") + std::string(f.name);
    return out;
  }

  void handle_csv(const RawRecord& record) {
    ++report_.counts.rows;
    std::vector<RowError> problems;
    if (record.values.size() != columns_.size()) {
      problems.push_back({record.line, "", "expected " + std::to_string(columns_.size()) +
                                               " values but found " + std::to_string(record.values.size()) +
                                               "; is the line cut short, or is a value with the delimiter not quoted?"});
      reject(record, problems);
      return;
    }
    std::fill(raw_.begin(), raw_.end(), std::nullopt);
    for (size_t c = 0; c < columns_.size(); ++c) raw_[columns_[c]] = record.values[c];
    handle(record, problems);
  }

  void handle_jsonl(const RawRecord& record) {
    ++report_.counts.rows;
    std::vector<RowError> problems;
    std::fill(raw_.begin(), raw_.end(), std::nullopt);
    for (size_t i = 0; i < record.names.size(); ++i) {
      auto index = spec_->field_index(record.names[i]);
      if (!index || !spec_->fields[*index].in_file()) {
        problems.push_back({record.line, record.names[i], "unknown field for " + report_.entity +
                                                              "; the fields are: " + column_list()});
        continue;
      }
      raw_[*index] = record.values[i];
    }
    handle(record, problems);
  }

  void handle(const RawRecord& record, std::vector<RowError>& problems) {
    if (record.oversized_field) {
      std::string field = record.names.empty()
                              ? std::string(spec_->fields[columns_[*record.oversized_field]].name)
                              : record.names[*record.oversized_field];
      problems.push_back({record.line, field, "the value is larger than the limit of " +
                                                  std::to_string(model::kMaxNarrativeBytes) + " bytes (1 MiB)"});
    }
    if (!problems.empty()) return reject(record, problems);
    BuiltRow row = builder_->build(raw_);
    for (auto& p : row.problems) problems.push_back({record.line, p.field, p.reason});
    if (!problems.empty()) return reject(record, problems);

    std::vector<Value> key;
    for (auto k : spec_->key) key.push_back(row.values[builder_->stored_index(k)]);
    std::string key_string = key_text(key);
    auto [it, fresh] = seen_keys_.emplace(key_string, record.line);
    if (!fresh) {
      problems.push_back({record.line, std::string(spec_->key[0]),
                          "the same " + std::string(spec_->key[0]) + " as line " + std::to_string(it->second)});
      return reject(record, problems);
    }
    store::RowMeta meta{row_hash(row.values), batch_id_, record.line};
    // Most rows of a bulk load are new: try the insert first, look up only on conflict.
    if (!options_.dry_run && store_.insert_if_new(*spec_, row.values, meta)) {
      ++report_.counts.added;
      if (spec_->kind == EntityKind::deficiency) append_status(row, key_string);
      return;
    }
    auto existing = store_.find(*spec_, key);
    if (existing && existing->row_hash == meta.row_hash) {
      ++report_.counts.unchanged;
      return;
    }
    ++(existing ? report_.counts.changed : report_.counts.added);
    if (options_.dry_run) return;
    // A deficiency's status history gains an entry when its status changes.
    const bool status_changed = spec_->kind == EntityKind::deficiency &&
                                (differs(row, key_string, "status") || differs(row, key_string, "status_date"));
    store_.update_keeping_history(*spec_, row.values, meta);
    if (status_changed) append_status(row, key_string);
  }

  void append_status(const BuiltRow& row, const std::string& id) {
    store_.append_status_change(
        {id, text(row, "status"), text(row, "status_date"), "import:" + options_.imported_by, batch_id_});
  }

  const std::string& text(const BuiltRow& row, std::string_view field) const {
    return std::get<std::string>(row.values[builder_->stored_index(field)]);
  }

  // True if the stored record's field differs from the row's.
  bool differs(const BuiltRow& row, const std::string& id, std::string_view field) {
    auto stored = store_.field_of(*spec_, id, field);
    return !stored || *stored != row.values[builder_->stored_index(field)];
  }

  void reject(const RawRecord& record, const std::vector<RowError>& problems) {
    ++report_.counts.rejected;
    for (const auto& p : problems) {
      ++report_.error_count;
      if (report_.errors.size() < kMaxReportedErrors) report_.errors.push_back(p);
    }
    if (rejects_) rejects_->write(record, columns_, problems, options_.today);
  }

  void tick(const HashingFileBuf& buf) {
    if (options_.progress && (report_.counts.rows & 0x3FFF) == 0) options_.progress(buf.consumed(), buf.size());
  }

  void finish(store::Transaction& tx) {
    if (rejects_) rejects_->close();
    const auto& c = report_.counts;
    if (options_.dry_run) {
      report_.outcome = report_.error_count ? ImportOutcome::refused : ImportOutcome::validated;
      return;  // the transaction rolls back
    }
    if (report_.error_count && !rejects_) {
      report_.outcome = ImportOutcome::refused;
      return;
    }
    if (c.added + c.changed == 0) {
      report_.outcome = ImportOutcome::no_changes;
      return;
    }
    store_.finish_batch(batch_id_, report_.file_digest, c);
    report_.batch_id = batch_id_;
    report_.outcome = ImportOutcome::imported;
    if (options_.before_commit) options_.before_commit(report_);
    tx.commit();
    report_.outcome = ImportOutcome::imported;
  }

  store::Store& store_;
  const privacy::Pseudonymizer& pseudonymizer_;
  std::string path_;
  const ImportOptions& options_;
  StoreResolver resolver_;
  ImportReport report_;
  const EntitySpec* spec_ = nullptr;
  std::optional<RowBuilder> builder_;
  std::optional<RejectWriter> rejects_;
  std::vector<int> columns_;
  std::vector<std::optional<std::string_view>> raw_;
  std::unordered_map<std::string, uint64_t> seen_keys_;
  int64_t batch_id_ = 0;
  uint64_t file_size_ = 0;
};

}  // namespace

model::EntityKind detect_entity(const std::vector<std::string>& header, const std::string& file) {
  std::vector<const EntitySpec*> fits;
  for (const auto& spec : model::all_entities()) {
    bool all_known = true, keys_present = true;
    for (const auto& name : header) {
      const auto* f = spec.field(name);
      all_known = all_known && f && f->in_file();
    }
    for (auto k : spec.key) keys_present = keys_present && std::count(header.begin(), header.end(), k);
    if (all_known && keys_present) fits.push_back(&spec);
  }
  if (fits.size() == 1) return fits[0]->kind;
  if (fits.empty()) {
    // The entity with its keys present and the fewest unknown columns: point at those.
    const EntitySpec* closest = nullptr;
    std::string first_unknown;
    size_t fewest = SIZE_MAX;
    for (const auto& spec : model::all_entities()) {
      if (!std::all_of(spec.key.begin(), spec.key.end(),
                       [&](auto k) { return std::count(header.begin(), header.end(), k) > 0; }))
        continue;
      size_t unknown = 0;
      std::string first;
      for (const auto& name : header)
        if (!spec.field(name) || !spec.field(name)->in_file()) {
          if (!unknown++) first = name;
        }
      if (unknown < fewest) fewest = unknown, closest = &spec, first_unknown = first;
    }
    if (closest)
      throw Error({file, 1, first_unknown},
                  "unknown column '" + first_unknown + "' for " + std::string(closest->name));
    throw Error({file, 1, ""}, "cannot tell what the file holds: no known id column (case_id, unit_id, "
                               "principal_id, inspection_id, deficiency_id, indicator_id). If the header "
                               "shows as one column, the delimiter may be wrong: use ';' or ','");
  }
  throw Error({file, 1, ""}, "the header fits several kinds of records; pass --entity");
}

std::optional<model::EntityKind> peek_entity(const std::string& path, Encoding encoding) {
  try {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    if (format_of(path) == Format::csv) {
      CsvOptions options;
      options.encoding = encoding;
      return detect_entity(CsvReader(in, path, options).header(), path);
    }
    JsonlReader reader(in, path, {});
    RawRecord record;
    if (!reader.next(record)) return std::nullopt;
    return detect_entity(record.names, path);
  } catch (const Error&) {
    return std::nullopt;
  }
}

ImportReport import_file(store::Store& store, const privacy::Pseudonymizer& pseudonymizer,
                         const std::string& path, const ImportOptions& options) {
  return Import(store, pseudonymizer, path, options).run();
}

}  // namespace vaksam::ingest
