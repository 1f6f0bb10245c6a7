#include "privacy/org_number.h"

#include "privacy/identity_number.h"

namespace vaksam::privacy {

namespace {

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  const size_t first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

}  // namespace

std::optional<std::string> normalize_org_number(std::string_view text) {
  text = trim(text);
  if (text.size() == 12 || text.size() == 13) {
    if (text.substr(0, 2) != "16") return std::nullopt;
    text.remove_prefix(2);
  }
  std::string digits;
  if (text.size() == 10) {
    digits = text;
  } else if (text.size() == 11 && text[6] == '-') {
    digits.append(text.substr(0, 6)).append(text.substr(7));
  } else {
    return std::nullopt;
  }
  if (!all_digits(digits)) return std::nullopt;
  if (digits[2] < '2') return std::nullopt;
  if (luhn_check_digit(std::string_view(digits).substr(0, 9)) != digits[9]) return std::nullopt;
  digits.insert(6, 1, '-');
  return digits;
}

}  // namespace vaksam::privacy
