// A lexicon match after context rules were applied (internal to the screener).
#pragma once

#include <cstdint>
#include <vector>

#include "screen/matcher.h"

namespace vaksam::screen {

struct Mention {
  Match match;
  uint32_t entry = 0;              // index into Lexicon::entries()
  uint32_t categories = 0, markers = 0, exposed = 0;
  float weight = 0;
  std::vector<uint32_t> rules;     // context rules (Lexicon::context_rules()) in whose scope it is
  uint32_t contexts = 0;           // bit (1 << ContextType) for each of them
  bool counted = false;            // signals violence

  bool has(ContextType t) const { return contexts & (1u << static_cast<int>(t)); }
};

}  // namespace vaksam::screen
