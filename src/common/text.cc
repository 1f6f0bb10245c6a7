#include "common/text.h"

#include <cstdint>

namespace vaksam {

namespace {

// Length of a no-break space encoding at s[i], or 0.
size_t nbsp_at(std::string_view s, size_t i) {
  if (s.compare(i, 2, "\xC2\xA0") == 0) return 2;
  if (s.compare(i, 3, "\xE2\x80\xAF") == 0) return 3;
  return 0;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

std::string_view trim(std::string_view s) {
  for (;;) {
    if (!s.empty() && is_space(s.front())) {
      s.remove_prefix(1);
    } else if (size_t n = nbsp_at(s, 0)) {
      s.remove_prefix(n);
    } else {
      break;
    }
  }
  for (;;) {
    if (!s.empty() && is_space(s.back())) {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && nbsp_at(s, s.size() - 2) == 2) {
      s.remove_suffix(2);
    } else if (s.size() >= 3 && nbsp_at(s, s.size() - 3) == 3) {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  return s;
}

std::string fold_case_sv(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < out.size()) {
      unsigned char n = static_cast<unsigned char>(out[i + 1]);
      // U+00C0..U+00DE (except U+00D7) are the capitals of U+00E0..U+00FE.
      if (n >= 0x80 && n <= 0x9E && n != 0x97) out[i + 1] = static_cast<char>(n + 0x20);
      ++i;
    }
  }
  return out;
}

std::vector<std::string_view> split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t pos; (pos = s.find(separator, start)) != std::string_view::npos; start = pos + 1)
    parts.push_back(s.substr(start, pos - start));
  parts.push_back(s.substr(start));
  return parts;
}

bool has_control_chars(std::string_view s) {
  // Branch-free so the compiler vectorises it: this runs over every narrative.
  constexpr uint32_t kAllowed = (1u << '\t') | (1u << '\n') | (1u << '\r');
  unsigned bad = 0;
  for (unsigned char c : s) bad |= (c < 0x20 && !((kAllowed >> (c & 31)) & 1)) | (c == 0x7F);
  return bad != 0;
}

}  // namespace vaksam
