// Unicode normalisation (NFC) and Swedish case folding with a byte map back to the original.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vaksam::screen {

// The text every later stage reads: valid UTF-8, NFC, case-folded (Swedish has no special
// casing rules, so Unicode simple case folding is the Swedish folding), with typographic
// apostrophes, dashes and spaces unified. `to_original[i]` is the offset in the original bytes
// that produced folded byte i; it has folded.size() + 1 entries, the last one the original size.
struct NormalizedText {
  std::string folded;
  std::vector<uint32_t> to_original;
  size_t invalid_sequences = 0;          // ill-formed UTF-8 sequences replaced by U+FFFD
  std::vector<uint32_t> invalid_offsets;  // original offsets of the first few of them

  // Original byte range of the folded range [begin, end); both ends on code point boundaries.
  std::pair<uint32_t, uint32_t> original_span(size_t begin, size_t end) const {
    return {to_original[begin], to_original[end]};
  }
};

// Never fails: ill-formed input is repaired and reported.
NormalizedText normalize_text(std::string_view original);
// The same into `out`, reusing its buffers (for a caller that normalises many texts).
void normalize_text_into(std::string_view original, NormalizedText& out);

namespace detail {
// The general path normalize_text takes for text that needs repair or holds a character that
// may change under NFC (ICU decides); the fast path must give the same for any input (tests).
void normalize_text_general(std::string_view original, NormalizedText& out);
}  // namespace detail

// Folds one code point the way normalize_text does (for word lists read from data).
std::string fold_word(std::string_view word);

}  // namespace vaksam::screen
