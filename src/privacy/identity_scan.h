// Finding identity numbers inside free text: narratives and comments may
// contain them, and they must be masked before the text is stored.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"

namespace vaksam::privacy {

// Byte offsets into UTF-8 text, [begin, end).
struct TextSpan {
  size_t begin;
  size_t end;
};

// Finds every substring that is a valid personnummer or samordningsnummer in
// any written form: YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN, YYMMDD+NNNN,
// YYMMDDNNNN, also with a single space instead of '-'. Word processors turn
// hyphens and spaces into typographic ones, so a no-break space (U+00A0), a
// non-breaking hyphen (U+2011) and an en dash (U+2013) count as separators too.
//
// A candidate must not be part of a longer run of digits and must pass
// parse_identity_number, so dates and phone numbers are left alone.
// Spans are in text order and do not overlap.
std::vector<TextSpan> find_identity_numbers(std::string_view text, Date today);

// Returns `text` with each number found above replaced by `placeholder`.
std::string mask_identity_numbers(std::string_view text, Date today,
                                  std::string_view placeholder = "[PERSONNUMMER]");

}  // namespace vaksam::privacy
