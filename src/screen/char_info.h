// What the text layer needs to know of a code point (its case folding, whether it is a word
// character, upper or lower case, and whether it can never change under NFC), read from ICU
// once into tables for the code points Swedish text is made of, so that the per-byte loops
// make no ICU call. Internal to the screening library.
#pragma once

#include <array>
#include <cstdint>

namespace vaksam::screen::detail {

enum CharFlags : uint8_t {
  kNfcInert = 1,  // a normalisation boundary before it and NFC of it alone is itself: a text of
                  // such characters only is NFC (ICU's hasBoundaryBefore && isNormalized)
  kWordChar = 2,  // is_word_char()
  kUpper = 4,     // u_isupper()
  kLower = 8,     // u_islower()
};

struct CharInfo {
  char32_t fold = 0;  // Unicode simple case folding, then the punctuation unification
  uint8_t flags = 0;  // CharFlags
};

// Computes the facts with ICU (for any code point; the tables are filled with this).
CharInfo compute_char_info(char32_t c);

// Tables for U+0000..U+07FF (ASCII, Latin, Greek, Cyrillic ...) and U+2000..U+20FF (typographic
// punctuation, currency signs).
struct CharTables {
  static constexpr char32_t kLowEnd = 0x800, kPunctBegin = 0x2000, kPunctEnd = 0x2100;
  std::array<CharInfo, kLowEnd> low;
  std::array<CharInfo, kPunctEnd - kPunctBegin> punct;

  CharInfo operator()(char32_t c) const {
    if (c < kLowEnd) return low[c];
    if (c - kPunctBegin < kPunctEnd - kPunctBegin) return punct[c - kPunctBegin];
    return compute_char_info(c);
  }
};

// Built on first use; shared by all threads.
const CharTables& char_tables();

// Maps U+2018 and the like to ASCII look-alikes (see normalized_text.cc).
char32_t unify_punctuation(char32_t c);

}  // namespace vaksam::screen::detail
