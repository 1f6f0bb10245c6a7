#include "ingest/jsonl_reader.h"

#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>

#include "common/error.h"

namespace vaksam::ingest {

namespace {

using json = nlohmann::json;

enum class Problem { none, syntax, number_range, not_object, nested, duplicate };

// Builds a RawRecord from nlohmann's parse events, so that no JSON tree is made per line.
// Handlers return false to stop at the first problem.
class RecordBuilder {
 public:
  RecordBuilder(RawRecord& record, size_t max_field_bytes)
      : record_(record), max_field_bytes_(max_field_bytes) {
    record_.oversized_field.reset();
  }

  // Number of values built; record_.values and names may hold more, stale, entries.
  size_t count() const { return count_; }
  Problem problem() const { return problem_; }
  size_t error_position() const { return error_position_; }
  const std::string& key() const { return key_; }

  bool null() {
    if (depth_ == 0) return stop(Problem::not_object);
    return true;  // a null key or array element is left out
  }
  bool boolean(bool b) { return scalar(b ? "true" : "false"); }
  bool number_integer(json::number_integer_t v) { return number(v); }
  bool number_unsigned(json::number_unsigned_t v) { return number(v); }
  bool number_float(json::number_float_t v, const json::string_t&) { return number(v); }
  bool string(json::string_t& s) { return scalar(s); }
  bool binary(json::binary_t&) { return stop(Problem::syntax); }  // not produced by JSON text

  bool start_object(size_t) {
    if (depth_ == 0 && !seen_object_) {
      seen_object_ = true;
      depth_ = 1;
      return true;
    }
    return stop(depth_ == 0 ? Problem::not_object : Problem::nested);
  }
  bool end_object() {
    depth_ = 0;
    return true;
  }
  bool key(json::string_t& k) {
    for (size_t i = 0; i < count_; ++i) {
      if (record_.names[i] == k) {
        key_ = k;
        return stop(Problem::duplicate);
      }
    }
    key_ = k;
    return true;
  }
  bool start_array(size_t) {
    if (depth_ == 0) return stop(Problem::not_object);
    if (in_array_) return stop(Problem::nested);
    in_array_ = true;
    first_element_ = true;
    open_value().clear();
    return true;
  }
  bool end_array() {
    in_array_ = false;
    close_value();
    return true;
  }

  bool parse_error(size_t position, const std::string&, const nlohmann::detail::exception& e) {
    error_position_ = position;
    // 406: a number too large for a double. Others are syntax errors.
    return stop(e.id == 406 ? Problem::number_range : Problem::syntax);
  }

 private:
  bool stop(Problem p) {
    problem_ = p;
    return false;
  }

  template <typename T>
  bool number(T v) {
    char buf[64];
    // to_chars gives the shortest text that reads back as the same number.
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return scalar(std::string_view(buf, static_cast<size_t>(end - buf)));
  }

  bool scalar(std::string_view text) {
    if (depth_ == 0) return stop(Problem::not_object);
    if (in_array_) {
      std::string& value = record_.values[count_];
      if (!first_element_) value += '|';
      value += text;
      first_element_ = false;
      return true;
    }
    open_value().assign(text);
    close_value();
    return true;
  }

  // The value for key_, reusing the record's strings.
  std::string& open_value() {
    if (record_.values.size() <= count_) record_.values.resize(count_ + 1);
    if (record_.names.size() <= count_) record_.names.resize(count_ + 1);
    record_.names[count_] = key_;
    return record_.values[count_];
  }

  void close_value() {
    std::string& value = record_.values[count_];
    if (value.size() > max_field_bytes_) {
      truncate_utf8(value, max_field_bytes_);
      if (!record_.oversized_field) record_.oversized_field = count_;
    }
    ++count_;
  }

  RawRecord& record_;
  size_t max_field_bytes_;
  size_t count_ = 0;
  int depth_ = 0;
  bool seen_object_ = false;
  bool in_array_ = false;
  bool first_element_ = false;
  std::string key_;
  Problem problem_ = Problem::none;
  size_t error_position_ = 0;
};

}  // namespace

JsonlReader::JsonlReader(std::istream& in, std::string file_name, JsonlOptions options)
    : in_(in),
      file_(std::move(file_name)),
      options_(options),
      decoder_(options.encoding, file_),
      raw_(kReadChunkBytes) {}

bool JsonlReader::fill() {
  buffer_.clear();
  pos_ = 0;
  while (buffer_.empty()) {
    if (eof_) return false;
    in_.read(raw_.data(), static_cast<std::streamsize>(raw_.size()));
    if (in_.bad()) throw Error(Location{file_, line_ + 1}, "the file could not be read");
    const size_t n = static_cast<size_t>(in_.gcount());
    bytes_read_ += n;
    if (n > 0) decoder_.decode(std::string_view(raw_.data(), n), buffer_);
    if (n < raw_.size()) {  // a short read means end of input
      eof_ = true;
      decoder_.finish(buffer_);
    }
  }
  return true;
}

bool JsonlReader::next_line(std::string_view& line) {
  long_line_.clear();
  bool partial = false;  // long_line_ holds the start of the line
  for (;;) {
    if (pos_ == buffer_.size() && !fill()) {
      if (!partial) return false;
      ++line_;  // the last line has no line break
      line = long_line_;
      return true;
    }
    const char* begin = buffer_.data() + pos_;
    const char* nl = static_cast<const char*>(std::memchr(begin, '\n', buffer_.size() - pos_));
    const size_t len = nl ? static_cast<size_t>(nl - begin) : buffer_.size() - pos_;
    if (long_line_.size() + len > options_.max_line_bytes) {
      throw Error(Location{file_, line_ + 1},
                  "line " + std::to_string(line_ + 1) + " is longer than the limit of " +
                      std::to_string(options_.max_line_bytes) +
                      " bytes; a JSON Lines file must hold one object per line");
    }
    pos_ += len;
    if (nl && !partial) {  // the common case: the whole line is in the buffer
      ++pos_;
      ++line_;
      line = std::string_view(begin, len);
      return true;
    }
    long_line_.append(begin, len);
    partial = true;
    if (nl) {
      ++pos_;
      ++line_;
      line = long_line_;
      return true;
    }
  }
}

bool JsonlReader::next(RawRecord& record) {
  std::string_view line;
  do {
    if (!next_line(line)) return false;
  } while (line.find_first_not_of(" \t\r") == std::string_view::npos);
  parse(line, record);
  return true;
}

void JsonlReader::parse(std::string_view line, RawRecord& record) {
  record.line = line_;
  RecordBuilder builder(record, options_.max_field_bytes);
  json::sax_parse(line.begin(), line.end(), &builder);
  record.values.resize(builder.count());
  record.names.resize(builder.count());

  const std::string at_line = " at line " + std::to_string(line_);
  const std::string column = std::to_string(builder.error_position());
  switch (builder.problem()) {
    case Problem::none:
      return;
    case Problem::syntax:
      if (builder.error_position() > line.size()) {
        throw Error(Location{file_, line_},
                    "malformed JSON" + at_line + ": the line ends before the object is complete");
      }
      throw Error(Location{file_, line_}, "malformed JSON" + at_line + ", column " + column);
    case Problem::number_range:
      throw Error(Location{file_, line_}, "number too large" + at_line + ", column " + column);
    case Problem::not_object:
      throw Error(Location{file_, line_},
                  "line " + std::to_string(line_) +
                      " is not a JSON object; each line must hold one object, {...}");
    case Problem::nested:
      throw Error(Location{file_, line_, builder.key()},
                  "field '" + builder.key() + "'" + at_line + ": nested objects are not supported");
    case Problem::duplicate:
      throw Error(Location{file_, line_, builder.key()},
                  "field '" + builder.key() + "' occurs twice" + at_line);
  }
}

}  // namespace vaksam::ingest
