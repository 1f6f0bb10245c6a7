// Who acts and who is exposed: relationship and victim categories for violence mentions.
#pragma once

#include <cstdint>
#include <vector>

#include "screen/analyzed_text.h"
#include "screen/lexicon.h"
#include "screen/mention.h"

namespace vaksam::screen {

struct RoleFindings {
  uint32_t categories = 0;  // partner, family, staff_perpetrator, co_resident, child_victim, child_witness, elder_abuse
  uint32_t exposed = 0;     // ExposedRole bits
  bool child_in_text = false;    // a child is named (a child word, an age under 18, "jag är 13")
  bool elderly_in_text = false;  // an older person is named (an age of 65 or more)
};

// Looks around each counted mention for its perpetrator (subject of an active verb, agent after
// "av"/"från", a genitive "pappans våld") and its victim (object, "mot X", subject of a
// passive), resolving pronouns to the last person of the same gender and reading ages
// ("15-årig", "en dam på 88", "jag är 13").
RoleFindings find_roles(const Lexicon& lexicon, const AnalyzedText& text, const std::vector<Mention>& mentions);

// Age in years written at token t ("87-årig", "9 år" after a person or comma, "8 månader"),
// or -1.
int age_at(const AnalyzedText& text, uint32_t t, const Lexicon& lexicon);

}  // namespace vaksam::screen
