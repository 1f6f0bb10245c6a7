// Swedish organisation numbers (organisationsnummer) of legal persons.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vaksam::privacy {

// Accepts "NNNNNN-NNNN" or 10 digits, optionally prefixed "16" (the century
// slot used in 12-digit registers); surrounding whitespace is ignored. Valid
// when the Luhn check over the 10 digits holds and the third digit is 2 or
// more, which sets legal persons apart from personnummer (months 01..12).
// Returns the canonical form "NNNNNN-NNNN", or nullopt.
std::optional<std::string> normalize_org_number(std::string_view text);

}  // namespace vaksam::privacy
