// What screening says about one text.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "screen/categories.h"

namespace vaksam::screen {

// One lexicon match: the words that fired, where they are, and what context did to them.
struct Evidence {
  uint32_t begin = 0, end = 0;      // byte span in the ORIGINAL text
  std::string text;                 // those bytes
  std::string entry_id;             // lexicon entry
  std::string compound_part;        // the lexicon form found inside a compound ("våld" in
                                    // "partnervåld"), empty for a whole word
  std::vector<std::string> rules;   // context rules that applied
  std::vector<std::string> contexts;  // their types ("negated", "alleged", ...)
  uint32_t categories = 0;          // Category bits the entry gives
  uint32_t markers = 0;             // RiskMarker bits
  float weight = 0;
  bool counted = false;             // false: suppressed by context (negated, hypothetical, ...)
};

// A sentence that describes a failure in handling violence.
struct DeficiencyEvidence {
  uint32_t begin = 0, end = 0;      // byte span in the original text
  std::string text;
  std::string rule_id;
};

enum class Severity : uint8_t { kNone, kLow, kModerate, kHigh };
std::string_view severity_name(Severity s);

struct ScreenResult {
  bool violence = false;
  double score = 0;                 // calibrated probability that the text concerns violence
  uint32_t categories = 0;          // Category bits (forms, victims, perpetrators, lethal_risk)
  uint32_t markers = 0;             // RiskMarker bits
  uint32_t exposed = 0;             // ExposedRole bits
  Severity severity = Severity::kNone;
  // Modifiers over the text's mentions.
  bool negated = false;             // some mention is denied, ruled out or answered "no"
  bool historical = false;          // every counted mention is framed as a closed past
  bool hypothetical = false;        // violence words only in routines, plans, generic statements
  bool alleged = false;             // some counted mention is reported or suspected
  bool handling_deficiency = false;
  std::vector<Evidence> evidence;   // counted first, then the suppressed ones
  std::vector<DeficiencyEvidence> deficiencies;
  std::string lexicon_version;
  size_t invalid_utf8 = 0;          // ill-formed UTF-8 sequences replaced by U+FFFD
  std::vector<uint32_t> invalid_utf8_offsets;  // where the first few were in the original

  std::vector<std::string> category_names() const { return screen::category_names(categories); }
  // The result as JSON (for the CLI and the API).
  std::string to_json() const;
};

}  // namespace vaksam::screen
