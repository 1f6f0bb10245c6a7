// Small text helpers shared by intake and reference data. Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vaksam {

// Removes ASCII whitespace and no-break spaces (U+00A0, U+202F) at both ends.
std::string_view trim(std::string_view s);

// Lowercases ASCII and the Swedish capitals Å Ä Ö É Ü (UTF-8), enough to
// compare codes and labels without ICU.
std::string fold_case_sv(std::string_view s);

std::vector<std::string_view> split(std::string_view s, char separator);

// True if s contains ASCII control characters other than tab, LF and CR.
bool has_control_chars(std::string_view s);

}  // namespace vaksam
