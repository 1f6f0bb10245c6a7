// Writes `;`-separated UTF-8 CSV the way the intake reads it, buffered, with
// quoting only where a value needs it.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace vaksam::synth {

class CsvOut {
 public:
  // Creates or truncates `path`; throws vaksam::Error if it cannot.
  CsvOut(const std::string& path, std::string_view header);
  ~CsvOut();
  CsvOut(const CsvOut&) = delete;
  CsvOut& operator=(const CsvOut&) = delete;

  CsvOut& field(std::string_view value);
  CsvOut& field(long long value);
  CsvOut& field(double value, int decimals);
  void end_row();
  void close();

 private:
  void flush_if_full();
  std::string path_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  bool first_in_row_ = true;
};

}  // namespace vaksam::synth
