#include "screen/utf8.h"

namespace vaksam::screen {
namespace {

constexpr size_t kMaxReportedOffsets = 16;

inline bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Length of the maximal ill-formed subpart at the start of s (at least 1), so that a truncated
// sequence becomes one U+FFFD rather than several.
int ill_formed_length(std::string_view s) {
  auto b0 = static_cast<unsigned char>(s[0]);
  int expected = b0 >= 0xF0 && b0 <= 0xF4 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 && b0 <= 0xDF ? 2 : 1;
  int n = 1;
  while (n < expected && n < static_cast<int>(s.size())) {
    auto b = static_cast<unsigned char>(s[n]);
    if (!is_continuation(b)) break;
    if (n == 1) {  // the second byte's range depends on the first (no overlongs, no surrogates)
      if ((b0 == 0xE0 && b < 0xA0) || (b0 == 0xED && b > 0x9F) || (b0 == 0xF0 && b < 0x90) ||
          (b0 == 0xF4 && b > 0x8F))
        break;
    }
    ++n;
  }
  return n;
}

}  // namespace

int valid_sequence_length(std::string_view s) {
  if (s.empty()) return 0;
  auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 < 0x80) return 1;
  int len = b0 >= 0xC2 && b0 <= 0xDF ? 2 : b0 >= 0xE0 && b0 <= 0xEF ? 3 : b0 >= 0xF0 && b0 <= 0xF4 ? 4 : 0;
  if (len == 0 || static_cast<int>(s.size()) < len) return 0;
  auto b1 = static_cast<unsigned char>(s[1]);
  if (!is_continuation(b1)) return 0;
  if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 > 0x9F) || (b0 == 0xF0 && b1 < 0x90) ||
      (b0 == 0xF4 && b1 > 0x8F))
    return 0;
  for (int i = 2; i < len; ++i)
    if (!is_continuation(static_cast<unsigned char>(s[i]))) return 0;
  return len;
}

char32_t decode_sequence(const char* p, int len) {
  auto b = [p](int i) { return static_cast<char32_t>(static_cast<unsigned char>(p[i])); };
  switch (len) {
    case 1: return b(0);
    case 2: return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3: return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    default: return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
  }
}

RepairedUtf8 repair_utf8(std::string_view input) {
  RepairedUtf8 r;
  size_t i = 0;
  // Fast path: find the first ill-formed byte; valid input is not copied.
  while (i < input.size()) {
    if (static_cast<unsigned char>(input[i]) < 0x80) { ++i; continue; }
    int len = valid_sequence_length(input.substr(i));
    if (len == 0) break;
    i += len;
  }
  if (i == input.size()) return r;

  r.text.reserve(input.size() + 16);
  r.to_input.reserve(input.size() + 16);
  for (size_t k = 0; k < i; ++k) r.to_input.push_back(static_cast<uint32_t>(k));
  r.text.append(input.substr(0, i));
  while (i < input.size()) {
    int len = static_cast<unsigned char>(input[i]) < 0x80 ? 1 : valid_sequence_length(input.substr(i));
    if (len > 0) {
      for (int k = 0; k < len; ++k) r.to_input.push_back(static_cast<uint32_t>(i + k));
      r.text.append(input.substr(i, len));
      i += len;
      continue;
    }
    int bad = ill_formed_length(input.substr(i));
    if (r.replaced_at.size() < kMaxReportedOffsets) r.replaced_at.push_back(static_cast<uint32_t>(i));
    ++r.replaced;
    size_t before = r.text.size();
    append_utf8(r.text, kReplacementChar);
    for (size_t k = before; k < r.text.size(); ++k) r.to_input.push_back(static_cast<uint32_t>(i));
    i += bad;
  }
  r.to_input.push_back(static_cast<uint32_t>(input.size()));
  return r;
}

}  // namespace vaksam::screen
