#include "screen/normalized_text.h"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>

#include <bit>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "screen/char_info.h"
#include "screen/utf8.h"

namespace vaksam::screen {
namespace {

using detail::CharInfo;
using detail::char_tables;

// Composes a map a->b (size |a|+1) with b->c into a->c.
void compose(std::vector<uint32_t>& map, const std::vector<uint32_t>& next) {
  for (auto& m : map) m = next[m];
}

// Writes the UTF-8 encoding of c at p; returns its length.
inline int encode_utf8(char* p, char32_t c) {
  if (c < 0x80) {
    p[0] = static_cast<char>(c);
    return 1;
  }
  if (c < 0x800) {
    p[0] = static_cast<char>(0xC0 | (c >> 6));
    p[1] = static_cast<char>(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    p[0] = static_cast<char>(0xE0 | (c >> 12));
    p[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    p[2] = static_cast<char>(0x80 | (c & 0x3F));
    return 3;
  }
  p[0] = static_cast<char>(0xF0 | (c >> 18));
  p[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
  p[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  p[3] = static_cast<char>(0x80 | (c & 0x3F));
  return 4;
}

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHigh = 0x8080808080808080ULL;

// Lower-cases the ASCII letters of 8 ASCII bytes.
inline uint64_t ascii_lower8(uint64_t w) {
  uint64_t ge_a = w + kOnes * (0x80 - 'A');   // high bit set where byte >= 'A'
  uint64_t gt_z = w + kOnes * (0x7F - 'Z');   // high bit set where byte > 'Z'
  uint64_t upper = ge_a & ~gt_z & kHigh;
  return w | (upper >> 2);                    // 0x80 >> 2 == 0x20
}

// out[0..7] = first, first + 1, ... first + 7.
inline void store_offsets8(uint32_t* out, uint32_t first) {
#if defined(__SSE2__)
  __m128i base = _mm_set1_epi32(static_cast<int>(first));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_add_epi32(base, _mm_setr_epi32(0, 1, 2, 3)));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 4), _mm_add_epi32(base, _mm_setr_epi32(4, 5, 6, 7)));
#else
  for (uint32_t k = 0; k < 8; ++k) out[k] = first + k;
#endif
}

// The common case in one pass: valid UTF-8 whose every character is NFC-inert (so the text is
// NFC and ICU need not look), folded through the tables. Returns false, having written
// garbage, when the text needs repair or may not be NFC; the full path then starts over.
bool fold_fast(std::string_view s, NormalizedText& out) {
  const detail::CharTables& tab = char_tables();
  const size_t n = s.size();
  const auto* in = reinterpret_cast<const unsigned char*>(s.data());
  // Invariant: room for what is left of the input if it were all ASCII, plus one character
  // (4 bytes) and the end entry of the map.
  size_t cap = n + n / 4 + 16;
  out.folded.resize(cap);
  out.to_original.resize(cap + 1);
  char* o = out.folded.data();
  uint32_t* m = out.to_original.data();
  size_t i = 0, j = 0;
  while (i < n) {
    if (i + 8 <= n) {
      // Eight bytes at a time: all of them if they are ASCII, else those before the first
      // that is not (the rest is written too, then overwritten: the buffers have room).
      uint64_t w;
      std::memcpy(&w, in + i, 8);
      uint64_t high = w & kHigh;
      size_t k = high ? static_cast<size_t>(std::countr_zero(high) >> 3) : 8;
      if (k > 0) {
        w = ascii_lower8(w & ~kHigh);
        std::memcpy(o + j, &w, 8);
        store_offsets8(m + j, static_cast<uint32_t>(i));
        i += k;
        j += k;
        continue;
      }
    }
    unsigned char b = in[i];
    if (b < 0x80) {
      o[j] = static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
      m[j] = static_cast<uint32_t>(i);
      ++i;
      ++j;
      continue;
    }
    char32_t c;
    int len = decode_utf8(s.data() + i, n - i, &c);
    if (len == 0) return false;
    CharInfo ci = tab(c);
    if (!(ci.flags & detail::kNfcInert)) return false;
    int w = encode_utf8(o + j, ci.fold);
    for (int k = 0; k < w; ++k) m[j + k] = static_cast<uint32_t>(i);
    i += len;
    j += w;
    if (cap - j < n - i + 8) {  // folding grew the text: keep the invariant
      cap = cap * 2 + 16;
      out.folded.resize(cap);
      out.to_original.resize(cap + 1);
      o = out.folded.data();
      m = out.to_original.data();
    }
  }
  m[j] = static_cast<uint32_t>(n);
  out.folded.resize(j);
  out.to_original.resize(j + 1);
  return true;
}

// Everything else: repair, ICU NFC with its edits, then the same folding code point by code
// point, remembering where each output byte came from.
void normalize_full(std::string_view original, NormalizedText& out) {
  out.folded.clear();
  out.to_original.clear();
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

  const detail::CharTables& tab = char_tables();
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
    char32_t c = tab(decode_sequence(valid.data() + i, len)).fold;
    size_t before = out.folded.size();
    append_utf8(out.folded, c);
    for (size_t k = before; k < out.folded.size(); ++k) out.to_original.push_back(static_cast<uint32_t>(i));
    i += len;
  }
  out.to_original.push_back(static_cast<uint32_t>(valid.size()));

  if (!composed_to_valid.empty()) compose(out.to_original, composed_to_valid);
  if (!repaired.to_input.empty()) compose(out.to_original, repaired.to_input);
}

}  // namespace

namespace detail {
void normalize_text_general(std::string_view original, NormalizedText& out) {
  out.invalid_sequences = 0;
  out.invalid_offsets.clear();
  normalize_full(original, out);
}
}  // namespace detail

void normalize_text_into(std::string_view original, NormalizedText& out) {
  out.invalid_sequences = 0;
  out.invalid_offsets.clear();
  if (!fold_fast(original, out)) normalize_full(original, out);
}

NormalizedText normalize_text(std::string_view original) {
  NormalizedText out;
  normalize_text_into(original, out);
  return out;
}

std::string fold_word(std::string_view word) { return normalize_text(word).folded; }

}  // namespace vaksam::screen
