#include "screen/analyzed_text.h"

#include "screen/lexicon.h"

namespace vaksam::screen {

AnalyzedText analyze(std::string_view original, const Lexicon& lexicon) {
  AnalyzedText t;
  t.original = original;
  t.norm = normalize_text(original);
  t.seg = segment(t.norm, original, lexicon.abbreviations());
  // One marker word is enough: "ar" and "pa" are not Swedish words on their own.
  for (uint32_t i = 0; i < t.seg.tokens.size() && !t.diacritic_free; ++i)
    t.diacritic_free = lexicon.is_diacritic_free_marker(t.token_text(i));
  return t;
}

}  // namespace vaksam::screen
