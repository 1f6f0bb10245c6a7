// Writes rejected rows with their line and reason, in the input's format, so a
// user can correct them and import the file again. Identity numbers are never
// written: the identity column is left empty and free text is masked.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "common/date.h"
#include "ingest/raw_record.h"
#include "model/entity.h"

namespace vaksam::ingest {

struct RowError;

class RejectWriter {
 public:
  // Writes to `path`.tmp and renames on close(), so a crash leaves no half file.
  RejectWriter(std::string path, const model::EntitySpec& spec);
  ~RejectWriter();
  RejectWriter(const RejectWriter&) = delete;
  RejectWriter& operator=(const RejectWriter&) = delete;

  // `columns` maps CSV columns to spec fields (empty for JSON Lines).
  void write(const RawRecord& record, const std::vector<int>& columns,
             const std::vector<RowError>& problems, const Date& today);
  void close();

 private:
  void write_csv(const RawRecord& record, const std::vector<int>& columns, const std::string& reason,
                 const Date& today);
  void write_jsonl(const RawRecord& record, const std::string& reason, const Date& today);

  std::string path_;
  const model::EntitySpec& spec_;
  std::FILE* out_ = nullptr;
  bool header_written_ = false;
};

}  // namespace vaksam::ingest
