#include "screen/segmenter.h"

#include <unicode/uchar.h>

#include <bit>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "screen/char_info.h"
#include "screen/utf8.h"

namespace vaksam::screen {
namespace {

struct Decoded {
  char32_t c;
  int len;
};

inline Decoded decode_at(std::string_view s, size_t i) {
  char32_t c;
  int len = decode_utf8(s.data() + i, s.size() - i, &c);
  if (len == 0) return {kReplacementChar, 1};
  return {c, len};
}

constexpr bool ascii_word(unsigned char b) {
  return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z');
}

}  // namespace

bool is_word_char(char32_t c) {
  if (c < 0x80) return ascii_word(static_cast<unsigned char>(c));
  if (c == kReplacementChar) return false;
  int8_t type = u_charType(static_cast<UChar32>(c));
  return u_isalnum(static_cast<UChar32>(c)) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

Abbreviations Abbreviations::parse(std::string_view lines) {
  Abbreviations a;
  size_t pos = 0;
  while (pos < lines.size()) {
    size_t nl = lines.find('\n', pos);
    std::string_view line = lines.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? lines.size() : nl + 1;
    if (line.empty() || line[0] == '#') continue;
    size_t sp = line.find_first_of(" \t");
    std::string word = fold_word(line.substr(0, sp));
    bool closing = sp != std::string_view::npos && line.find("closing", sp) != std::string_view::npos;
    if (!word.empty() && word.back() == '.') word.pop_back();
    if (!word.empty()) a.kinds_[word] = closing ? 2 : 1;
  }
  return a;
}

int Abbreviations::kind(std::string_view w) const {
  auto it = kinds_.find(w);
  return it == kinds_.end() ? 0 : it->second;
}

namespace {

// Word bytes of ASCII: letters and digits.
struct AsciiWordTable {
  bool word[128];
  constexpr AsciiWordTable() : word() {
    for (int b = 0; b < 128; ++b) word[b] = ascii_word(static_cast<unsigned char>(b));
  }
};
constexpr AsciiWordTable kAscii;

// The facts of the code point at s[i] (U+FFFD and length 1 where the bytes are ill-formed).
inline detail::CharInfo info_at(const detail::CharTables& tab, std::string_view s, size_t i, int* len) {
  Decoded d = decode_at(s, i);
  *len = d.len;
  return tab(d.c);
}

inline bool fast_word_at(const detail::CharTables& tab, std::string_view s, size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return kAscii.word[b];
  int len;
  return info_at(tab, s, i, &len).flags & detail::kWordChar;
}

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHigh = 0x8080808080808080ULL;

// High bit of each byte of x (whose high bits are clear) set where lo <= byte <= hi.
inline uint64_t in_range8(uint64_t x, unsigned lo, unsigned hi) {
  return (x + kOnes * (0x80 - lo)) & ~(x + kOnes * (0x7F - hi)) & kHigh;
}

// Advances i over lower-case ASCII letters and digits, the bytes folded text is mostly made
// of, a block at a time; sets *digit if it passes a digit. Returns at the first other byte or
// where fewer than a block's bytes are left.
inline size_t ascii_blocks(std::string_view s, size_t i, bool* digit) {
  const size_t n = s.size();
#if defined(__SSE2__)
  // Sixteen at a time (signed compares: bytes from 0x80 are negative, in neither range).
  while (i + 16 <= n) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('z' + 1)));
    __m128i num = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    auto stop = ~static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, num))) & 0xFFFFu;
    auto digits = static_cast<unsigned>(_mm_movemask_epi8(num));
    int k = stop ? std::countr_zero(stop) : 16;
    if (digits & ((1u << k) - 1)) *digit = true;
    i += static_cast<size_t>(k);
    if (stop) return i;
  }
#endif
  // Eight at a time.
  while (i + 8 <= n) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    uint64_t x = w & ~kHigh;
    uint64_t digits = in_range8(x, '0', '9') & ~w;
    uint64_t stop = ~((in_range8(x, 'a', 'z') | digits) & ~w) & kHigh;
    int k = stop ? std::countr_zero(stop) >> 3 : 8;
    if (digits && k > 0 && (digits & (~uint64_t{0} >> (64 - 8 * k)))) *digit = true;
    i += static_cast<size_t>(k);
    if (stop) return i;
  }
  return i;
}

// The end of the run of ASCII letters and digits at s[i]; sets *digit if it has a digit.
inline size_t ascii_word_run(std::string_view s, size_t i, bool* digit) {
  const size_t n = s.size();
  for (;;) {
    i = ascii_blocks(s, i, digit);
    if (i >= n) return i;
    auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x80 || !kAscii.word[b]) return i;  // an upper-case letter goes on below
    if (b >= '0' && b <= '9') *digit = true;
    ++i;
  }
}

inline bool has_flag_at(const detail::CharTables& tab, std::string_view original, size_t i, uint8_t flag) {
  if (i >= original.size()) return false;
  int len;
  return info_at(tab, original, i, &len).flags & flag;
}

}  // namespace

namespace {

// What a gap between two tokens holds, for the sentence decision.
enum GapBits : uint8_t {
  kGapQuestion = 1,   // ?
  kGapExclaim = 2,    // !
  kGapStop = 4,       // .
  kGapEllipsis = 8,   // …
  kGapBlank = 16,     // a blank line (two line breaks in a row)
  kGapNewline = 32,   // a line break
  kGapComma = 64,     // ,
};

// Per ASCII byte: the punctuation bit it gives the next token, and its gap bit.
struct AsciiPunctTable {
  uint8_t punct[128];
  uint8_t gap[128];
  constexpr AsciiPunctTable() : punct(), gap() {
    punct[static_cast<unsigned char>(',')] = kComma;
    punct[static_cast<unsigned char>(';')] = kComma;
    punct[static_cast<unsigned char>(':')] = kColon;
    punct[static_cast<unsigned char>('\'')] = kQuote;
    punct[static_cast<unsigned char>('"')] = kQuote;
    for (char c : {'(', ')', '[', ']'}) punct[static_cast<unsigned char>(c)] = kParen;
    punct[static_cast<unsigned char>('-')] = kDash;
    gap[static_cast<unsigned char>('?')] = kGapQuestion;
    gap[static_cast<unsigned char>('!')] = kGapExclaim;
    gap[static_cast<unsigned char>('.')] = kGapStop;
    gap[static_cast<unsigned char>(',')] = kGapComma;
    gap[static_cast<unsigned char>('\n')] = kGapNewline;
  }
};
constexpr AsciiPunctTable kPunct;

}  // namespace

// One pass: tokens as their words end, and the sentence decision for the gap before each token
// as the token starts (the gap's punctuation is seen while passing it).
void segment_into(const NormalizedText& text, std::string_view original, const Abbreviations& abbrev,
                  Segmentation& seg) {
  const detail::CharTables& tab = detail::char_tables();
  seg.sentences.clear();
  seg.tokens.clear();
  std::string_view s = text.folded;
  const size_t n = s.size();
  const uint32_t* to_original = text.to_original.data();
  seg.tokens.reserve(n / 6 + 1);

  Sentence cur;  // the open sentence
  // Decides whether the gap after the last token, up to gap_end, ends a sentence.
  auto decide = [&](uint8_t gap, size_t gap_end, bool last) {
    const Token& prev = seg.tokens.back();
    bool boundary = false, question = false;
    if (gap & kGapQuestion) {
      boundary = question = true;
    } else if (gap & kGapExclaim) {
      boundary = true;
    } else if (gap & (kGapStop | kGapEllipsis)) {
      if (last) {
        boundary = true;
      } else if (has_flag_at(tab, original, to_original[gap_end], detail::kLower)) {
        boundary = false;  // "ca. tre", "m.m. och"
      } else {
        std::string_view word = s.substr(prev.begin, prev.end - prev.begin);
        bool dot_first = s[prev.end] == '.';
        bool single_letter = decode_at(word, 0).len == static_cast<int>(word.size()) && !prev.has_digit;
        boundary = !(dot_first && (single_letter || abbrev.kind(word) == 1));  // "t.ex. Kalle", "v. 12"
      }
    } else if (gap & kGapBlank) {
      boundary = true;
    } else if ((gap & kGapNewline) && !last && has_flag_at(tab, original, to_original[gap_end], detail::kUpper) &&
               !(gap & kGapComma)) {
      boundary = true;  // a line break before a capital: list items, headed notes
    }
    if (boundary || last) {
      cur.end = static_cast<uint32_t>(gap_end);
      cur.end_token = static_cast<uint32_t>(seg.tokens.size());
      cur.question = question;
      if (cur.end_token > cur.first_token) seg.sentences.push_back(cur);
      cur = Sentence{};
      cur.begin = static_cast<uint32_t>(gap_end);
      cur.first_token = static_cast<uint32_t>(seg.tokens.size());
    }
  };

  uint8_t punct = 0;  // PunctBits since the last token
  uint8_t gap = 0;    // GapBits since the last token
  bool after_newline = false;
  for (size_t i = 0; i < n;) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (!kAscii.word[b]) {
        punct |= kPunct.punct[b];
        gap |= kPunct.gap[b];
        if (b == '\n') {
          if (after_newline) gap |= kGapBlank;
          after_newline = true;
        } else {
          after_newline = false;
        }
        ++i;
        continue;
      }
    } else {
      Decoded d = decode_at(s, i);
      if (!(tab(d.c).flags & detail::kWordChar)) {
        if (b == 0xE2) punct |= kDash;
        if (d.c == 0x2026) gap |= kGapEllipsis;
        after_newline = false;
        i += d.len;
        continue;
      }
    }
    if (gap && !seg.tokens.empty()) decide(gap, i, false);  // no mark in the gap: no boundary
    gap = 0;
    after_newline = false;
    Token& t = seg.tokens.emplace_back();
    t.begin = static_cast<uint32_t>(i);
    t.sentence = static_cast<uint32_t>(seg.sentences.size());
    t.punct_before = punct;
    punct = 0;
    t.capitalised = has_flag_at(tab, original, to_original[i], detail::kUpper);
    for (;;) {
      i = ascii_word_run(s, i, &t.has_digit);
      if (i >= n) break;
      b = static_cast<unsigned char>(s[i]);
      if (b < 0x80) {
        if ((b == '-' || b == ':' || b == '.') && i + 1 < n && fast_word_at(tab, s, i + 1)) {
          ++i;  // an inner joiner
          continue;
        }
        break;
      }
      int len;
      if (!(info_at(tab, s, i, &len).flags & detail::kWordChar)) break;
      i += len;
    }
    t.end = static_cast<uint32_t>(i);
  }
  if (!seg.tokens.empty()) decide(gap, n, true);
}

Segmentation segment(const NormalizedText& text, std::string_view original, const Abbreviations& abbrev) {
  Segmentation seg;
  segment_into(text, original, abbrev, seg);
  return seg;
}

}  // namespace vaksam::screen
