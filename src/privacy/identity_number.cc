#include "privacy/identity_number.h"

namespace vaksam::privacy {

namespace {

constexpr int kCoordinationDayOffset = 60;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
  for (char c : s)
    if (!is_digit(c)) return false;
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  const size_t first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

IdentityParse failure(IdentityProblem p) { return IdentityParse{std::nullopt, p}; }

// The latest year ending in `yy` that puts month/day on or before `today`,
// i.e. the birth year of someone who is 0..99 years old.
int year_under_100(int yy, int month, int day, const Date& today) {
  int year = today.year - ((today.year - yy) % 100 + 100) % 100;
  // Compared as a tuple, so this also works for Feb 29 in a non-leap year.
  if (Date{year, month, day} > today) year -= 100;
  return year;
}

}  // namespace

bool IdentityNumber::is_male() const {
  return digits12.size() == 12 && (digits12[10] - '0') % 2 == 1;
}

std::string_view describe(IdentityProblem p) {
  switch (p) {
    case IdentityProblem::none:
      return "valid";
    case IdentityProblem::empty:
      return "the identity number is empty";
    case IdentityProblem::bad_format:
      return "not an identity number in the form YYMMDD-NNNN or YYYYMMDD-NNNN";
    case IdentityProblem::bad_date:
      return "the date part is not a real date";
    case IdentityProblem::bad_checksum:
      return "the check digit does not match";
    case IdentityProblem::in_future:
      return "the date of birth is in the future";
  }
  return "unknown problem";
}

char luhn_check_digit(std::string_view digits) {
  // Weights alternate 2,1,2,... from the left; a two-digit product counts as
  // the sum of its digits.
  int sum = 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    int v = (digits[i] - '0') * (i % 2 == 0 ? 2 : 1);
    sum += v > 9 ? v - 9 : v;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

IdentityParse parse_identity_number(std::string_view text, Date today) {
  text = trim(text);
  if (text.empty()) return failure(IdentityProblem::empty);

  // Split into the date part (6 or 8 digits) and the birth number (4 digits).
  char separator = 0;
  std::string_view date_part, birth_part;
  const size_t n = text.size();
  if ((n == 10 || n == 12) && all_digits(text)) {
    date_part = text.substr(0, n - 4);
    birth_part = text.substr(n - 4);
  } else if ((n == 11 || n == 13) && (text[n - 5] == '-' || text[n - 5] == '+')) {
    separator = text[n - 5];
    date_part = text.substr(0, n - 5);
    birth_part = text.substr(n - 4);
    if (!all_digits(date_part) || !all_digits(birth_part)) {
      return failure(IdentityProblem::bad_format);
    }
  } else {
    return failure(IdentityProblem::bad_format);
  }
  const bool full_year = date_part.size() == 8;
  // With an explicit century the '+' (100 or older) adds nothing but doubt.
  if (full_year && separator == '+') return failure(IdentityProblem::bad_format);

  const std::string_view yymmdd = date_part.substr(date_part.size() - 6);
  const int month = to_int(yymmdd.substr(2, 2));
  int day = to_int(yymmdd.substr(4, 2));
  IdentityKind kind = IdentityKind::personnummer;
  if (day > kCoordinationDayOffset) {
    kind = IdentityKind::samordningsnummer;
    day -= kCoordinationDayOffset;
  }
  int year;
  if (full_year) {
    year = to_int(date_part.substr(0, 4));
  } else {
    year = year_under_100(to_int(yymmdd.substr(0, 2)), month, day, today);
    if (separator == '+') year -= 100;
  }
  if (!is_valid_date(year, month, day)) return failure(IdentityProblem::bad_date);

  std::string digits10;
  digits10.reserve(10);
  digits10.append(yymmdd).append(birth_part);
  if (luhn_check_digit(std::string_view(digits10).substr(0, 9)) != digits10[9]) {
    return failure(IdentityProblem::bad_checksum);
  }

  const Date birth{year, month, day};
  if (birth > today) return failure(IdentityProblem::in_future);

  // The century in front of the 10-digit form; is_valid_date kept the year in 1..9999.
  std::string digits12 = std::to_string(year / 100);
  digits12.insert(0, 2 - digits12.size(), '0');
  digits12.append(digits10);
  return IdentityParse{IdentityNumber{kind, birth, std::move(digits12)}, IdentityProblem::none};
}

}  // namespace vaksam::privacy
