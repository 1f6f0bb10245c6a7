// UTF-8 encoding helpers shared by the text code.
#pragma once

#include <string>

namespace vaksam {

// Appends the UTF-8 encoding of code point `c` (which must be a valid scalar value).
void append_utf8(std::string& out, char32_t c);

}  // namespace vaksam
