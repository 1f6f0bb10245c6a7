// A text made ready for matching: normalised, split into sentences and tokens.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "screen/normalized_text.h"
#include "screen/segmenter.h"

namespace vaksam::screen {

class Lexicon;

struct AnalyzedText {
  std::string_view original;
  NormalizedText norm;
  Segmentation seg;
  // Written without å/ä/ö ("ar", "pa", "nar" where "är", "på", "när" belong), so that
  // spellings like "vald" may be read as "våld".
  bool diacritic_free = false;
  std::vector<int64_t> ids;  // lexicon word id of each token, or -1
  std::vector<int32_t> literal_ids;  // the anchor literal each token spells, or -1 (by analyze())
  std::vector<int32_t> ascii_variants;  // Lexicon::ascii_variant() of each token, or -1 (by analyze())

  int64_t id(uint32_t token) const { return ids[token]; }

  std::string_view token_text(uint32_t i) const {
    const Token& t = seg.tokens[i];
    return std::string_view(norm.folded).substr(t.begin, t.end - t.begin);
  }
};

AnalyzedText analyze(std::string_view original, const Lexicon& lexicon);
// The same into `t`, reusing its buffers (for a caller that analyses many texts).
void analyze_into(std::string_view original, const Lexicon& lexicon, AnalyzedText& t);

}  // namespace vaksam::screen
