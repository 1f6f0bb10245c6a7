#include "synth/csv_out.h"

#include <cerrno>
#include <cstring>

#include "common/error.h"

namespace vaksam::synth {

CsvOut::CsvOut(const std::string& path, std::string_view header) : path_(path) {
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) throw Error({path, 0, ""}, std::string("cannot write: ") + std::strerror(errno));
  buffer_.reserve(1 << 20);
  buffer_.append(header);
  buffer_ += '\n';
}

CsvOut::~CsvOut() {
  try {
    close();
  } catch (...) {  // destructors do not throw; close() reports errors when called directly
  }
}

CsvOut& CsvOut::field(std::string_view v) {
  if (!first_in_row_) buffer_ += ';';
  first_in_row_ = false;
  if (v.find_first_of(";\"\n\r") == std::string_view::npos) {
    buffer_.append(v);
    return *this;
  }
  buffer_ += '"';
  for (char c : v) {
    if (c == '"') buffer_ += '"';
    buffer_ += c;
  }
  buffer_ += '"';
  return *this;
}

CsvOut& CsvOut::field(long long v) { return field(std::to_string(v)); }

CsvOut& CsvOut::field(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  for (char* p = buf; *p; ++p)
    if (*p == '.') *p = ',';  // decimal comma, as Swedish Excel writes it
  return field(std::string_view(buf));
}

void CsvOut::end_row() {
  buffer_ += '\n';
  first_in_row_ = true;
  flush_if_full();
}

void CsvOut::flush_if_full() {
  if (buffer_.size() < (1 << 20)) return;
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
    throw Error({path_, 0, ""}, "write failed (disk full?)");
  buffer_.clear();
}

void CsvOut::close() {
  if (!file_) return;
  const bool ok = std::fwrite(buffer_.data(), 1, buffer_.size(), file_) == buffer_.size();
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!ok || !closed) throw Error({path_, 0, ""}, "write failed (disk full?)");
}

}  // namespace vaksam::synth
