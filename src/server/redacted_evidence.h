// Evidence spans point into the original text. When a role sees the redacted text,
// each span is moved to where the same words are in the redacted text, widened to
// a whole placeholder where it overlaps one, and its quoted text is taken from the
// redacted text, so the evidence never shows an identifier the text hides. Pure.
#pragma once

#include <cstddef>
#include <vector>

#include "privacy/redaction.h"

namespace vaksam::server {

struct ByteSpan {
  size_t begin = 0, end = 0;
};

// `redactions` as privacy::find_pii returns them (sorted, non-overlapping).
ByteSpan map_to_redacted(const std::vector<privacy::Redaction>& redactions, ByteSpan original);

}  // namespace vaksam::server
