// Swedish personal identity numbers (personnummer) and coordination numbers
// (samordningsnummer): validation and one canonical form.
//
// The raw number is personal data. Nothing here logs it, and a failed parse
// says why without repeating the input, so the reason can safely be shown.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"

namespace vaksam::privacy {

enum class IdentityKind { personnummer, samordningsnummer };

struct IdentityNumber {
  IdentityKind kind;
  Date birth_date;       // real date of birth (for samordningsnummer: day minus 60)
  std::string digits12;  // canonical form: 12 digits YYYYMMDDNNNC (samordningsnummer keeps day+60)

  // The third digit of the birth number is odd for men and even for women.
  bool is_male() const;
};

// Why a text is not a valid identity number. Never echoes the input.
enum class IdentityProblem { none, empty, bad_format, bad_date, bad_checksum, in_future };

// A short English reason, e.g. "the check digit does not match". Contains no digits.
std::string_view describe(IdentityProblem p);

struct IdentityParse {
  std::optional<IdentityNumber> number;
  IdentityProblem problem = IdentityProblem::none;
};

// Accepts 10 or 12 digits with '-', '+' or nothing between the date and the
// birth number; surrounding whitespace is ignored. '+' is only meaningful with
// 10 digits, so "YYYYMMDD+NNNN" is bad_format.
//
// With 10 digits the century follows Skatteverket's rule: '-' or no separator
// means the person is under 100 on `today`, '+' means 100 or older.
// A day of 61..91 marks a samordningsnummer. The Luhn check digit is verified
// over the 10-digit form, and the birth date must not be after `today`.
IdentityParse parse_identity_number(std::string_view text, Date today);

// The Luhn (mod 10) check digit for `digits`, which must all be '0'..'9'.
// Shared with organisation numbers, which use the same scheme.
char luhn_check_digit(std::string_view digits);

}  // namespace vaksam::privacy
