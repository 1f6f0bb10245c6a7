// UTF-8 decoding and repair. Pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/utf8.h"

namespace vaksam::screen {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Length of the well-formed UTF-8 sequence at the start of s (1-4), or 0 if the bytes there
// are not well-formed (overlong forms, surrogates and code points past U+10FFFF included).
int valid_sequence_length(std::string_view s);

// Decodes the well-formed sequence of `len` bytes at p (as reported by valid_sequence_length).
char32_t decode_sequence(const char* p, int len);

// Decodes the code point at p, of which n > 0 bytes are readable: returns its length and sets *c,
// or returns 0 if the bytes there are not well-formed. Inline for ASCII and two-byte characters
// (all of Swedish), as valid_sequence_length and decode_sequence otherwise.
inline int decode_utf8(const char* p, size_t n, char32_t* c) {
  auto b0 = static_cast<unsigned char>(p[0]);
  if (b0 < 0x80) {
    *c = b0;
    return 1;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (n < 2) return 0;
    auto b1 = static_cast<unsigned char>(p[1]);
    if ((b1 & 0xC0) != 0x80) return 0;
    *c = (static_cast<char32_t>(b0 & 0x1F) << 6) | (b1 & 0x3F);
    return 2;
  }
  int len = valid_sequence_length(std::string_view(p, n));
  if (len) *c = decode_sequence(p, len);
  return len;
}

using vaksam::append_utf8;  // common/utf8.h

// Text whose ill-formed sequences were each replaced by U+FFFD. `to_input` maps every byte of
// `text` (and its end) to a byte offset in the input; it is empty when the input was valid,
// in which case `text` is empty too and the input itself should be used.
struct RepairedUtf8 {
  std::string text;
  std::vector<uint32_t> to_input;
  size_t replaced = 0;                 // number of ill-formed sequences
  std::vector<uint32_t> replaced_at;   // input offsets of the first few of them
};

// Replaces ill-formed sequences (maximal subparts, as the Unicode standard recommends).
RepairedUtf8 repair_utf8(std::string_view input);

}  // namespace vaksam::screen
