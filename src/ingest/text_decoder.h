// Streaming conversion of input files to UTF-8, with detection of the encoding Excel used.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace vaksam::ingest {

enum class Encoding { auto_detect, utf8, windows1252 };

// "UTF-8", "Windows-1252" or "auto".
std::string_view name(Encoding e);

// How much the readers read from their stream at a time.
inline constexpr size_t kReadChunkBytes = size_t{1} << 20;

// Shortens `s` to at most `max_bytes` without leaving half a UTF-8 character at the end.
void truncate_utf8(std::string& s, size_t max_bytes);

// Decodes a byte stream, fed in chunks of any size, to UTF-8.
//
// auto_detect: a UTF-8 byte order mark means UTF-8. Otherwise the choice waits for the first
// non-ASCII byte: UTF-8 if it starts a valid UTF-8 sequence, else Windows-1252. A UTF-8 BOM is
// dropped unless Windows-1252 was requested.
//
// Problems throw vaksam::Error naming the physical line (counted here, from '\n' bytes) and the
// byte offset from the start of the file. Messages never quote the input.
class TextDecoder {
 public:
  TextDecoder(Encoding requested, std::string file_name_for_errors);

  // Appends the UTF-8 form of `in` to `out`. The bytes of a character that is split at the end
  // of `in` are held back until the next call.
  void decode(std::string_view in, std::string& out);

  // Call once at end of input: flushes held-back bytes, or throws if the input ended in the
  // middle of a character.
  void finish(std::string& out);

  // The encoding in use; auto_detect while all input so far was ASCII.
  Encoding detected() const { return encoding_; }

 private:
  // Decodes a prefix of [p, p+n) and returns its length; stops early only before a character
  // that is incomplete, and only when !at_end.
  size_t run(const unsigned char* p, size_t n, bool at_end, std::string& out);
  size_t run_utf8(const unsigned char* p, size_t i, size_t n, bool at_end, std::string& out);
  size_t run_1252(const unsigned char* p, size_t i, size_t n, bool at_end, std::string& out);
  // Advances the position past `n` decoded bytes at `p`.
  void consumed(const unsigned char* p, size_t n);
  // Throws `what` + " at line N (byte offset B)" + `advice` for the byte at p[i].
  [[noreturn]] void fail(const unsigned char* p, size_t i, const std::string& what,
                         const std::string& advice) const;

  Encoding encoding_;
  bool at_start_ = true;  // before the position where a byte order mark could be
  std::string file_;
  unsigned char pending_[8];  // start of a split character
  size_t pending_size_ = 0;
  uint64_t offset_ = 0;  // bytes decoded before the current buffer
  uint64_t line_ = 1;    // physical line at offset_
};

}  // namespace vaksam::ingest
