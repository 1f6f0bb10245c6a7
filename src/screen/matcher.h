// Finds every lexicon pattern in a text: a Hyperscan literal scan for anchor words, then a
// token-level check of the rest of each pattern around them.
#pragma once

#include <cstdint>
#include <vector>

#include "screen/analyzed_text.h"
#include "screen/lexicon.h"

namespace vaksam::screen {

struct Match {
  uint32_t pattern = 0;            // index into Lexicon::patterns()
  uint32_t sentence = 0;
  uint32_t first = 0, end = 0;     // token range [first, end)
  uint32_t anchor_token = 0;
  uint32_t part_begin = 0, part_end = 0;  // folded bytes of the anchor word or compound part
  bool in_compound = false;        // the anchor word is part of a longer word
  bool ascii = false;              // matched a spelling without å/ä/ö
};

// All matches of all pattern kinds, ordered by token position. Thread-safe: Hyperscan scratch
// space is kept per thread.
std::vector<Match> find_matches(const Lexicon& lexicon, AnalyzedText& text);
// The same into `out` (cleared first), reusing its buffer.
void find_matches_into(const Lexicon& lexicon, AnalyzedText& text, std::vector<Match>& out);

namespace detail {
// The reference path: a Hyperscan scan of the whole text. find_matches finds the same hits
// word by word and falls back to this where their order could matter; it must give the same
// matches for any text and lexicon (tests).
void find_matches_by_scan(const Lexicon& lexicon, AnalyzedText& text, std::vector<Match>& out);
}  // namespace detail

// True if token `t` of `text` is a person word (or ends in one, "nattpersonalen"); returns it.
const PersonInfo* person_at(const Lexicon& lexicon, const AnalyzedText& text, uint32_t t);

}  // namespace vaksam::screen
