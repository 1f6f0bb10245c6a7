#include "ingest/reject_writer.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "ingest/importer.h"
#include "privacy/identity_scan.h"

namespace vaksam::ingest {

namespace {

std::string csv_quote(const std::string& v) {
  if (v.find_first_of(";\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string reason_text(const std::vector<RowError>& problems) {
  std::string out;
  for (const auto& p : problems)
    out += (out.empty() ? "" : "; ") + (p.field.empty() ? p.reason : p.field + ": " + p.reason);
  return out;
}

}  // namespace

RejectWriter::RejectWriter(std::string path, const model::EntitySpec& spec)
    : path_(std::move(path)), spec_(spec) {
  out_ = std::fopen((path_ + ".tmp").c_str(), "wb");
  if (!out_) throw Error({path_, 0, ""}, std::string("cannot write the reject file: ") + std::strerror(errno));
}

RejectWriter::~RejectWriter() {
  if (out_) {
    std::fclose(out_);
    std::remove((path_ + ".tmp").c_str());
  }
}

void RejectWriter::write(const RawRecord& record, const std::vector<int>& columns,
                         const std::vector<RowError>& problems, const Date& today) {
  if (record.names.empty()) write_csv(record, columns, reason_text(problems), today);
  else write_jsonl(record, reason_text(problems), today);
}

// Blank for identity numbers; everything else masked, since a number may sit in any text.
static std::string safe_value(const model::FieldSpec* field, const std::string& value, const Date& today) {
  if (field && field->type == model::FieldType::identity_number) return "";
  return privacy::mask_identity_numbers(value, today);
}

void RejectWriter::write_csv(const RawRecord& record, const std::vector<int>& columns,
                             const std::string& reason, const Date& today) {
  std::string line;
  if (!header_written_) {
    for (int c : columns) line += std::string(spec_.fields[c].name) + ";";
    line += "reject_line;reject_reason\r\n";
    header_written_ = true;
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    const std::string value = i < record.values.size() ? record.values[i] : "";
    line += csv_quote(safe_value(&spec_.fields[columns[i]], value, today)) + ";";
  }
  line += std::to_string(record.line) + ";" + csv_quote(reason) + "\r\n";
  if (std::fwrite(line.data(), 1, line.size(), out_) != line.size())
    throw Error({path_, 0, ""}, "cannot write the reject file (disk full?)");
}

void RejectWriter::write_jsonl(const RawRecord& record, const std::string& reason, const Date& today) {
  nlohmann::ordered_json row;
  for (size_t i = 0; i < record.names.size(); ++i)
    row[record.names[i]] = safe_value(spec_.field(record.names[i]), record.values[i], today);
  row["reject_line"] = record.line;
  row["reject_reason"] = reason;
  std::string line = row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (std::fwrite(line.data(), 1, line.size(), out_) != line.size())
    throw Error({path_, 0, ""}, "cannot write the reject file (disk full?)");
}

void RejectWriter::close() {
  if (!out_) return;
  const bool ok = std::fflush(out_) == 0 && std::fclose(out_) == 0;
  out_ = nullptr;
  if (!ok || std::rename((path_ + ".tmp").c_str(), path_.c_str()) != 0)
    throw Error({path_, 0, ""}, std::string("cannot write the reject file: ") + std::strerror(errno));
}

}  // namespace vaksam::ingest
