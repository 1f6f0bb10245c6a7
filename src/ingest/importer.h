// Imports one file of one entity into the store: all rows or none (or, with a
// reject file, every valid row and a file of the rejected ones), never a raw
// identity number, and a re-import of the same rows changes nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "ingest/text_decoder.h"
#include "model/entity.h"
#include "privacy/pseudonymizer.h"
#include "store/store.h"

namespace vaksam::ingest {

struct ImportOptions {
  std::optional<model::EntityKind> entity;  // detected from the header when empty
  Encoding encoding = Encoding::auto_detect;
  std::string reject_file;  // empty: all-or-nothing
  bool dry_run = false;     // validate only; write nothing
  std::string imported_by = "cli";
  Date today = vaksam::today();
  // Called now and then with bytes read so far and the file's size.
  std::function<void(uint64_t done, uint64_t total)> progress;
  // Called inside the import's transaction just before it commits (e.g. to write the
  // audit entry that commits with it); not called when nothing is committed.
  std::function<void(const struct ImportReport&)> before_commit;
};

struct RowError {
  uint64_t line = 0;
  std::string field;   // empty when the problem is the whole row
  std::string reason;  // never quotes the value
};

enum class ImportOutcome {
  imported,        // the rows are in the store (possibly with some rejected)
  no_changes,      // every row was already in the store as it is
  refused,         // invalid rows and no reject file: nothing was written
  validated,       // dry run without errors
};

struct ImportReport {
  std::string file;
  std::string entity;
  std::string format;    // csv or jsonl
  std::string encoding;  // as detected
  std::string file_digest;
  ImportOutcome outcome = ImportOutcome::refused;
  int64_t batch_id = 0;
  store::BatchCounts counts;
  uint64_t error_count = 0;       // all problems found
  std::vector<RowError> errors;   // the first kMaxReportedErrors of them
};

constexpr size_t kMaxReportedErrors = 1000;

// Throws vaksam::Error (naming file and line) when the file as a whole cannot be
// read: missing, empty, bad encoding, unbalanced quotes, a header that does not
// fit. The store is then exactly as before.
ImportReport import_file(store::Store& store, const privacy::Pseudonymizer& pseudonymizer,
                         const std::string& path, const ImportOptions& options);

// Which entity a header belongs to: the one whose columns are all known and whose
// key columns are all present. Throws vaksam::Error if none or several fit.
model::EntityKind detect_entity(const std::vector<std::string>& header, const std::string& file);

// The entity a file holds, from its header or first record; nullopt if that
// cannot be told (the import itself then reports why).
std::optional<model::EntityKind> peek_entity(const std::string& path, Encoding encoding);

}  // namespace vaksam::ingest
