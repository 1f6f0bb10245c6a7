#include "screen/analyzed_text.h"

#include "screen/lexicon.h"

namespace vaksam::screen {

void analyze_into(std::string_view original, const Lexicon& lexicon, AnalyzedText& t) {
  t.original = original;
  normalize_text_into(original, t.norm);
  segment_into(t.norm, original, lexicon.abbreviations(), t.seg);
  // The word ids, and whether a marker word says the text is written without å/ä/ö (one is
  // enough: "ar" and "pa" are not Swedish words on their own), in one probe per token.
  const size_t n = t.seg.tokens.size();
  t.ids.resize(n);
  t.literal_ids.resize(n);
  t.ascii_variants.resize(n);
  uint8_t flags = 0;
  for (uint32_t i = 0; i < n; ++i) {
    detail::TokenInfo info = lexicon.token_info(t.token_text(i));
    t.ids[i] = info.word;
    t.literal_ids[i] = info.literal;
    t.ascii_variants[i] = info.ascii;
    flags |= info.flags;
  }
  t.diacritic_free = flags & detail::kDiacriticFreeMarker;
}

AnalyzedText analyze(std::string_view original, const Lexicon& lexicon) {
  AnalyzedText t;
  analyze_into(original, lexicon, t);
  return t;
}

}  // namespace vaksam::screen
