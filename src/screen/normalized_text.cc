#include "screen/normalized_text.h"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include "screen/utf8.h"

namespace vaksam::screen {
namespace {

// Unifies look-alike punctuation so that rules need one spelling of it.
char32_t unify(char32_t c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201B: case 0x00B4: case 0x02BC: return U'\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB: return U'"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2212: return U'-';
    case 0x2013: case 0x2014: case 0x2015: return 0x2013;  // dashes between words stay dashes
    case 0x00A0: case 0x202F: case 0x2007: case 0x2009: return U' ';
    default: return c;
  }
}

// Composes a map a->b (size |a|+1) with b->c into a->c.
void compose(std::vector<uint32_t>& map, const std::vector<uint32_t>& next) {
  for (auto& m : map) m = next[m];
}

}  // namespace

NormalizedText normalize_text(std::string_view original) {
  NormalizedText out;
  RepairedUtf8 repaired = repair_utf8(original);
  out.invalid_sequences = repaired.replaced;
  out.invalid_offsets = std::move(repaired.replaced_at);
  std::string_view valid = repaired.to_input.empty() ? original : std::string_view(repaired.text);

  // NFC. Most text already is, and the check is much cheaper than the normalisation.
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  std::string composed;
  std::vector<uint32_t> composed_to_valid;  // empty: identity
  if (U_SUCCESS(err) && !nfc->isNormalizedUTF8(icu::StringPiece(valid.data(), valid.size()), err)) {
    err = U_ZERO_ERROR;
    icu::Edits edits;
    icu::StringByteSink<std::string> sink(&composed);
    nfc->normalizeUTF8(0, icu::StringPiece(valid.data(), valid.size()), sink, &edits, err);
    if (U_SUCCESS(err)) {
      composed_to_valid.assign(composed.size() + 1, static_cast<uint32_t>(valid.size()));
      auto it = edits.getFineIterator();
      while (it.next(err)) {
        for (int32_t k = 0; k < it.newLength(); ++k)
          composed_to_valid[it.destinationIndex() + k] =
              static_cast<uint32_t>(it.sourceIndex() + (it.hasChange() ? 0 : k));
      }
      valid = composed;
    } else {
      composed.clear();  // keep the unnormalised text rather than fail
    }
  }

  // Case folding, code point by code point, remembering where each output byte came from.
  out.folded.reserve(valid.size());
  out.to_original.reserve(valid.size() + 1);
  for (size_t i = 0; i < valid.size();) {
    auto b = static_cast<unsigned char>(valid[i]);
    if (b < 0x80) {
      out.folded.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
      out.to_original.push_back(static_cast<uint32_t>(i));
      ++i;
      continue;
    }
    int len = valid_sequence_length(valid.substr(i));
    if (len == 0) len = 1;  // cannot happen after repair; never loop forever
    char32_t c = unify(static_cast<char32_t>(u_foldCase(static_cast<UChar32>(decode_sequence(valid.data() + i, len)),
                                                        U_FOLD_CASE_DEFAULT)));
    size_t before = out.folded.size();
    append_utf8(out.folded, c);
    for (size_t k = before; k < out.folded.size(); ++k) out.to_original.push_back(static_cast<uint32_t>(i));
    i += len;
  }
  out.to_original.push_back(static_cast<uint32_t>(valid.size()));

  if (!composed_to_valid.empty()) compose(out.to_original, composed_to_valid);
  if (!repaired.to_input.empty()) compose(out.to_original, repaired.to_input);
  return out;
}

std::string fold_word(std::string_view word) { return normalize_text(word).folded; }

}  // namespace vaksam::screen
