// Streaming reader for JSON Lines: one JSON object per line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/raw_record.h"
#include "ingest/text_decoder.h"

namespace vaksam::ingest {

struct JsonlOptions {
  Encoding encoding = Encoding::utf8;
  size_t max_line_bytes = size_t{4} << 20;
  // Longer string values are cut (at a character boundary) and record.oversized_field is set.
  size_t max_field_bytes = size_t{1} << 20;
};

// Turns each line's object into text values, so that CSV and JSONL feed the same validation:
// strings as they are; numbers in their shortest round-trip form ("3", "2.5"); true/false;
// arrays of scalars joined with '|' (null elements left out). A key whose value is null is left
// out. Blank lines are skipped.
//
// Errors throw vaksam::Error naming the line: malformed JSON, a line that is not an object,
// nested objects or arrays, a key that occurs twice, a line over max_line_bytes. Messages never
// quote values.
class JsonlReader {
 public:
  JsonlReader(std::istream& in, std::string file_name, JsonlOptions options = {});

  JsonlReader(const JsonlReader&) = delete;
  JsonlReader& operator=(const JsonlReader&) = delete;

  // Reads the next object into `record`, reusing its strings. Returns false at end of input.
  bool next(RawRecord& record);

  // Raw bytes taken from the stream so far, for progress bars.
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  // Sets `line` to the next physical line, without its line break. False at end of input.
  bool next_line(std::string_view& line);
  // Replaces buffer_ with the next decoded chunk. False at end of input.
  bool fill();
  void parse(std::string_view line, RawRecord& record);

  std::istream& in_;
  std::string file_;
  JsonlOptions options_;
  TextDecoder decoder_;
  std::vector<char> raw_;
  std::string buffer_;  // decoded text; buffer_[pos_] is the next character
  size_t pos_ = 0;
  std::string long_line_;  // a line that spans chunks
  uint64_t line_ = 0;      // the line last returned by next_line
  uint64_t bytes_read_ = 0;
  bool eof_ = false;
};

}  // namespace vaksam::ingest
