// Streaming reader for CSV files as Excel writes them, including Swedish Excel's ';'.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "ingest/raw_record.h"
#include "ingest/text_decoder.h"

namespace vaksam::ingest {

struct CsvOptions {
  Encoding encoding = Encoding::auto_detect;
  // 0 = detect from the header line: the most frequent of ';' ',' '\t' outside quotes (ties in
  // that order); if none occurs, the file has one column.
  char delimiter = 0;
  // Longer values are cut (at a character boundary): record.oversized_field is set and the rest
  // of the value is skipped.
  size_t max_field_bytes = size_t{1} << 20;
};

// Reads records in chunks of kReadChunkBytes, so files of any size use little memory.
//
// Lines end with LF or CRLF. Quoted fields may hold delimiters, doubled quotes and line breaks
// (kept as they are, CR included). Values are not trimmed; header names are. Only truly blank
// lines are skipped; a line of only delimiters is a record of empty values.
//
// Errors throw vaksam::Error with the physical line; messages never quote field contents.
class CsvReader {
 public:
  // Reads the header. Throws "the file is empty" (no bytes, or only a byte order mark) and
  // "the file has no header line" (only whitespace and line breaks).
  CsvReader(std::istream& in, std::string file_name, CsvOptions options = {});

  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  const std::vector<std::string>& header() const { return header_; }
  // '\0' when the file has one column.
  char delimiter() const { return delimiter_; }
  // The encoding in use. A file that is ASCII so far reports UTF-8, and may still turn out to be
  // Windows-1252 further on.
  Encoding encoding() const;

  // Reads the next record into `record`, reusing its strings. Returns false at end of input.
  bool next(RawRecord& record);

  // Raw bytes taken from the stream so far, for progress bars.
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  // Appends more decoded text to buffer_, first dropping what lies before pos_. False at end of
  // input.
  bool fill();
  void skip_blank_lines_before_header();
  char detect_delimiter();
  // Reads one field into `value` and returns true if another field of the same record follows.
  bool read_quoted(std::string& value, bool& cut, size_t column);
  bool read_unquoted(std::string& value, bool& cut, size_t column);
  // Appends to a value, cutting it at max_field_bytes.
  void append(std::string& value, bool& cut, const char* p, size_t n) const;
  [[noreturn]] void fail(uint64_t line, size_t column, const std::string& message) const;

  std::istream& in_;
  std::string file_;
  CsvOptions options_;
  TextDecoder decoder_;
  std::vector<char> raw_;
  std::string buffer_;  // decoded text; buffer_[pos_] is the next character to parse
  size_t pos_ = 0;
  uint64_t line_ = 1;  // physical line at pos_
  uint64_t bytes_read_ = 0;
  bool eof_ = false;
  bool decoded_any_ = false;
  char delimiter_ = 0;
  std::vector<std::string> header_;
};

}  // namespace vaksam::ingest
