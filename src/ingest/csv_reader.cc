#include "ingest/csv_reader.h"

#include <bit>
#include <cstring>

#include "common/error.h"

namespace vaksam::ingest {

namespace {

static_assert(std::endian::native == std::endian::little, "find_stop assumes little endian");

constexpr uint64_t kLowBits = 0x0101010101010101ull;
constexpr uint64_t kHighBits = 0x8080808080808080ull;

// High bit set in each byte of v that is zero (exact for the lowest such byte).
inline uint64_t zero_bytes(uint64_t v) { return (v - kLowBits) & ~v & kHighBits; }

// First delimiter, quote or '\n' in [p, end), or end. Eight bytes at a time, because Excel
// leaves long text unquoted unless it holds one of these.
const char* find_stop(const char* p, const char* end, char delimiter) {
  const uint64_t d = kLowBits * static_cast<unsigned char>(delimiter);
  const uint64_t q = kLowBits * static_cast<unsigned char>('"');
  const uint64_t nl = kLowBits * static_cast<unsigned char>('\n');
  while (end - p >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    const uint64_t m = zero_bytes(w ^ d) | zero_bytes(w ^ q) | zero_bytes(w ^ nl);
    if (m != 0) return p + (std::countr_zero(m) >> 3);
    p += 8;
  }
  while (p < end && *p != delimiter && *p != '"' && *p != '\n') ++p;
  return p;
}

uint64_t count_newlines(const char* p, const char* end) {
  uint64_t count = 0;
  while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p))))) {
    ++count;
    ++p;
  }
  return count;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v'; }

// Trims ASCII whitespace and no-break spaces (U+00A0, common in headers pasted from the web).
void trim(std::string& s) {
  size_t b = 0, e = s.size();
  for (;;) {
    if (b < e && is_space(s[b])) {
      ++b;
    } else if (e - b >= 2 && s.compare(b, 2, "\xC2\xA0") == 0) {
      b += 2;
    } else {
      break;
    }
  }
  for (;;) {
    if (e > b && is_space(s[e - 1])) {
      --e;
    } else if (e - b >= 2 && s.compare(e - 2, 2, "\xC2\xA0") == 0) {
      e -= 2;
    } else {
      break;
    }
  }
  s = s.substr(b, e - b);
}

}  // namespace

CsvReader::CsvReader(std::istream& in, std::string file_name, CsvOptions options)
    : in_(in),
      file_(std::move(file_name)),
      options_(options),
      decoder_(options.encoding, file_),
      raw_(kReadChunkBytes) {
  if (options_.delimiter == '"' || options_.delimiter == '\n' || options_.delimiter == '\r') {
    throw Error(Location{file_}, "the delimiter cannot be a quote or a line break");
  }
  buffer_.reserve(2 * kReadChunkBytes);
  skip_blank_lines_before_header();
  delimiter_ = options_.delimiter != 0 ? options_.delimiter : detect_delimiter();
  RawRecord record;
  next(record);  // there is text, so there is a record
  header_ = std::move(record.values);
  for (std::string& name : header_) trim(name);
}

Encoding CsvReader::encoding() const {
  const Encoding e = decoder_.detected();
  return e == Encoding::auto_detect ? Encoding::utf8 : e;  // ASCII so far is valid UTF-8
}

bool CsvReader::fill() {
  buffer_.erase(0, pos_);
  pos_ = 0;
  const size_t before = buffer_.size();
  while (buffer_.size() == before) {
    if (eof_) return false;
    in_.read(raw_.data(), static_cast<std::streamsize>(raw_.size()));
    if (in_.bad()) throw Error(Location{file_, line_}, "the file could not be read");
    const size_t n = static_cast<size_t>(in_.gcount());
    bytes_read_ += n;
    if (n > 0) decoder_.decode(std::string_view(raw_.data(), n), buffer_);
    if (n < raw_.size()) {  // a short read means end of input
      eof_ = true;
      decoder_.finish(buffer_);
    }
  }
  decoded_any_ = true;
  return true;
}

void CsvReader::skip_blank_lines_before_header() {
  for (;;) {
    size_t i = pos_;
    while (i < buffer_.size() && buffer_[i] != '\n' && is_space(buffer_[i])) ++i;
    if (i < buffer_.size()) {
      if (buffer_[i] != '\n') return;  // the header starts at pos_
      pos_ = i + 1;
      ++line_;
      continue;
    }
    if (!fill()) {
      throw Error(Location{file_}, decoded_any_
                                       ? "the file has no header line: it contains only blank lines"
                                       : "the file is empty");
    }
  }
}

char CsvReader::detect_delimiter() {
  static constexpr char kCandidates[] = {';', ',', '\t'};  // ties go to the first
  size_t counts[3] = {};
  bool quoted = false;
  size_t i = pos_;
  for (;;) {
    if (i == buffer_.size()) {
      // A header line longer than a chunk is nonsense (likely an unclosed quote): decide on
      // what was seen rather than read the whole file into memory.
      const size_t seen = i - pos_;
      if (seen >= kReadChunkBytes || !fill()) break;
      i = pos_ + seen;
      continue;
    }
    const char c = buffer_[i++];
    if (c == '"') {
      quoted = !quoted;  // a doubled quote toggles twice
    } else if (!quoted) {
      if (c == '\n') break;
      for (int k = 0; k < 3; ++k) counts[k] += c == kCandidates[k];
    }
  }
  int best = 0;
  for (int k = 1; k < 3; ++k)
    if (counts[k] > counts[best]) best = k;
  return counts[best] > 0 ? kCandidates[best] : '\0';
}

bool CsvReader::next(RawRecord& record) {
  // Skip blank lines (nothing, or only a CR, before the line break).
  for (;;) {
    if (pos_ == buffer_.size() && !fill()) return false;
    if (buffer_[pos_] == '\n') {
      ++pos_;
      ++line_;
      continue;
    }
    if (buffer_[pos_] == '\r') {
      if (pos_ + 1 == buffer_.size() && !fill()) {
        pos_ = buffer_.size();  // a CR alone at the end of the file
        return false;
      }
      if (buffer_[pos_ + 1] == '\n') {
        pos_ += 2;
        ++line_;
        continue;
      }
    }
    break;
  }

  record.line = line_;
  record.names.clear();
  record.oversized_field.reset();
  size_t count = 0;
  for (bool more = true; more;) {
    if (count == record.values.size()) record.values.emplace_back();
    std::string& value = record.values[count];
    value.clear();
    const size_t column = count++;
    if (pos_ == buffer_.size() && !fill()) break;  // a delimiter ended the file: empty field
    bool cut = false;
    more =
        buffer_[pos_] == '"' ? read_quoted(value, cut, column) : read_unquoted(value, cut, column);
    if (cut && !record.oversized_field) record.oversized_field = column;
  }
  record.values.resize(count);
  return true;
}

bool CsvReader::read_quoted(std::string& value, bool& cut, size_t column) {
  const uint64_t start_line = line_;
  ++pos_;  // the opening quote
  for (;;) {
    if (pos_ == buffer_.size() && !fill()) {
      fail(start_line, column,
           "unbalanced quotes: the quoted field that starts at line " + std::to_string(start_line) +
               " is never closed");
    }
    const char* begin = buffer_.data() + pos_;
    const char* end = buffer_.data() + buffer_.size();
    const char* quote = static_cast<const char*>(std::memchr(begin, '"', end - begin));
    const char* stop = quote ? quote : end;
    line_ += count_newlines(begin, stop);
    append(value, cut, begin, static_cast<size_t>(stop - begin));
    pos_ += static_cast<size_t>(stop - begin);
    if (!quote) continue;
    ++pos_;
    // The quote closes the field, unless it is doubled.
    if (pos_ == buffer_.size() && !fill()) return false;
    if (buffer_[pos_] != '"') break;
    append(value, cut, "\"", 1);
    ++pos_;
  }
  const char c = buffer_[pos_];
  if (c == delimiter_) {
    ++pos_;
    return true;
  }
  if (c == '\n') {
    ++pos_;
    ++line_;
    return false;
  }
  if (c == '\r') {
    if (pos_ + 1 == buffer_.size() && !fill()) {
      pos_ = buffer_.size();
      return false;
    }
    if (buffer_[pos_ + 1] == '\n') {
      pos_ += 2;
      ++line_;
      return false;
    }
  }
  fail(line_, column,
       "unexpected character after closing quote at line " + std::to_string(line_) + ", column " +
           std::to_string(column + 1) +
           "; a quote inside a quoted field must be written as two quotes (\"\")");
}

bool CsvReader::read_unquoted(std::string& value, bool& cut, size_t column) {
  for (;;) {
    const char* begin = buffer_.data() + pos_;
    const char* end = buffer_.data() + buffer_.size();
    const char* stop = find_stop(begin, end, delimiter_);
    // The CR of a CRLF is not part of the value (nor counted against its limit).
    const bool crlf = stop != end && *stop == '\n' && stop != begin && stop[-1] == '\r';
    append(value, cut, begin, static_cast<size_t>(stop - begin) - crlf);
    pos_ += static_cast<size_t>(stop - begin);
    if (stop == end) {
      if (fill()) continue;
    } else if (*stop == delimiter_) {
      ++pos_;
      return true;
    } else if (*stop == '"') {
      fail(line_, column,
           "unexpected quote at line " + std::to_string(line_) + ", column " +
               std::to_string(column + 1) +
               "; a field that contains quotes must be enclosed in quotes, with each quote "
               "inside it written as two quotes (\"\")");
    } else {  // '\n'
      ++pos_;
      ++line_;
      if (stop != begin) return false;
    }
    // The record ended at the start of a chunk or at the end of the file: a CR left at the end
    // of the value came from a CRLF split between chunks, or ends the file.
    if (!cut && !value.empty() && value.back() == '\r') value.pop_back();
    return false;
  }
}

void CsvReader::append(std::string& value, bool& cut, const char* p, size_t n) const {
  if (cut) return;
  const size_t max = options_.max_field_bytes;
  if (value.size() + n <= max) {
    value.append(p, n);
    return;
  }
  // One byte past the limit lets truncate_utf8 see whether the cut splits a character.
  value.append(p, max - value.size() + 1);
  truncate_utf8(value, max);
  cut = true;
}

void CsvReader::fail(uint64_t line, size_t column, const std::string& message) const {
  throw Error(Location{file_, line, column < header_.size() ? header_[column] : std::string()},
              message);
}

}  // namespace vaksam::ingest
