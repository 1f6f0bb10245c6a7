#include "screen/char_info.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "screen/segmenter.h"

namespace vaksam::screen::detail {

// Unifies look-alike punctuation so that rules need one spelling of it.
char32_t unify_punctuation(char32_t c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201B: case 0x00B4: case 0x02BC: return U'\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB: return U'"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2212: return U'-';
    case 0x2013: case 0x2014: case 0x2015: return 0x2013;  // dashes between words stay dashes
    case 0x00A0: case 0x202F: case 0x2007: case 0x2009: return U' ';
    default: return c;
  }
}

CharInfo compute_char_info(char32_t c) {
  CharInfo ci;
  auto u = static_cast<UChar32>(c);
  ci.fold = unify_punctuation(static_cast<char32_t>(u_foldCase(u, U_FOLD_CASE_DEFAULT)));
  if (is_word_char(c)) ci.flags |= kWordChar;
  if (u_isupper(u)) ci.flags |= kUpper;
  if (u_islower(u)) ci.flags |= kLower;
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_SUCCESS(err) && nfc->hasBoundaryBefore(u)) {
    bool normalized = nfc->isNormalized(icu::UnicodeString(u), err);
    if (U_SUCCESS(err) && normalized) ci.flags |= kNfcInert;
  }
  return ci;
}

const CharTables& char_tables() {
  static const CharTables tables = [] {
    CharTables t;
    for (char32_t c = 0; c < CharTables::kLowEnd; ++c) t.low[c] = compute_char_info(c);
    for (char32_t c = CharTables::kPunctBegin; c < CharTables::kPunctEnd; ++c)
      t.punct[c - CharTables::kPunctBegin] = compute_char_info(c);
    return t;
  }();
  return tables;
}

}  // namespace vaksam::screen::detail
