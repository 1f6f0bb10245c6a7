// The fast paths of the text layer and the matcher give exactly what the general ones give:
// normalisation against the ICU-only implementation it replaced, segmentation against the
// two-pass segmenter it replaced, word-by-word literal finding against the Hyperscan scan.
// Random texts mix Swedish, punctuation, other scripts, decomposed letters and invalid bytes.
#include <gtest/gtest.h>
#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <random>
#include <string>
#include <vector>

#include "reference/embedded.h"
#include "screen/analyzed_text.h"
#include "screen/lexicon.h"
#include "screen/matcher.h"
#include "screen/normalized_text.h"
#include "screen/segmenter.h"
#include "screen/utf8.h"

namespace vaksam::screen {
namespace {

// ---- The implementations the fast paths replaced, kept here as the reference. ----

char32_t unify(char32_t c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201B: case 0x00B4: case 0x02BC: return U'\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB: return U'"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2212: return U'-';
    case 0x2013: case 0x2014: case 0x2015: return 0x2013;
    case 0x00A0: case 0x202F: case 0x2007: case 0x2009: return U' ';
    default: return c;
  }
}

NormalizedText reference_normalize(std::string_view original) {
  NormalizedText out;
  RepairedUtf8 repaired = repair_utf8(original);
  out.invalid_sequences = repaired.replaced;
  out.invalid_offsets = std::move(repaired.replaced_at);
  std::string_view valid = repaired.to_input.empty() ? original : std::string_view(repaired.text);
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  std::string composed;
  std::vector<uint32_t> composed_to_valid;
  if (U_SUCCESS(err) && !nfc->isNormalizedUTF8(icu::StringPiece(valid.data(), valid.size()), err)) {
    err = U_ZERO_ERROR;
    icu::Edits edits;
    icu::StringByteSink<std::string> sink(&composed);
    nfc->normalizeUTF8(0, icu::StringPiece(valid.data(), valid.size()), sink, &edits, err);
    if (U_SUCCESS(err)) {
      composed_to_valid.assign(composed.size() + 1, static_cast<uint32_t>(valid.size()));
      auto it = edits.getFineIterator();
      while (it.next(err))
        for (int32_t k = 0; k < it.newLength(); ++k)
          composed_to_valid[it.destinationIndex() + k] =
              static_cast<uint32_t>(it.sourceIndex() + (it.hasChange() ? 0 : k));
      valid = composed;
    } else {
      composed.clear();
    }
  }
  for (size_t i = 0; i < valid.size();) {
    auto b = static_cast<unsigned char>(valid[i]);
    if (b < 0x80) {
      out.folded.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
      out.to_original.push_back(static_cast<uint32_t>(i));
      ++i;
      continue;
    }
    int len = valid_sequence_length(valid.substr(i));
    if (len == 0) len = 1;
    char32_t c = unify(static_cast<char32_t>(
        u_foldCase(static_cast<UChar32>(decode_sequence(valid.data() + i, len)), U_FOLD_CASE_DEFAULT)));
    size_t before = out.folded.size();
    append_utf8(out.folded, c);
    for (size_t k = before; k < out.folded.size(); ++k) out.to_original.push_back(static_cast<uint32_t>(i));
    i += len;
  }
  out.to_original.push_back(static_cast<uint32_t>(valid.size()));
  auto compose = [](std::vector<uint32_t>& map, const std::vector<uint32_t>& next) {
    for (auto& m : map) m = next[m];
  };
  if (!composed_to_valid.empty()) compose(out.to_original, composed_to_valid);
  if (!repaired.to_input.empty()) compose(out.to_original, repaired.to_input);
  return out;
}

struct Decoded {
  char32_t c;
  int len;
};

Decoded decode_at(std::string_view s, size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {b, 1};
  int len = valid_sequence_length(s.substr(i));
  if (len == 0) return {kReplacementChar, 1};
  return {decode_sequence(s.data() + i, len), len};
}

bool word_at(std::string_view s, size_t i) { return is_word_char(decode_at(s, i).c); }

bool upper_at(std::string_view original, size_t i) {
  return i < original.size() && u_isupper(static_cast<UChar32>(decode_at(original, i).c));
}

bool lower_at(std::string_view original, size_t i) {
  return i < original.size() && u_islower(static_cast<UChar32>(decode_at(original, i).c));
}

Segmentation reference_segment(const NormalizedText& text, std::string_view original, const Abbreviations& abbrev) {
  Segmentation seg;
  std::string_view s = text.folded;
  const size_t n = s.size();
  uint8_t punct = 0;
  for (size_t i = 0; i < n;) {
    if (!word_at(s, i)) {
      char ch = s[i];
      if (ch == ',' || ch == ';') punct |= kComma;
      else if (ch == ':') punct |= kColon;
      else if (ch == '\'' || ch == '"') punct |= kQuote;
      else if (ch == '(' || ch == ')' || ch == '[' || ch == ']') punct |= kParen;
      else if (ch == '-' || static_cast<unsigned char>(ch) == 0xE2) punct |= kDash;
      i += decode_at(s, i).len;
      continue;
    }
    Token t;
    t.begin = static_cast<uint32_t>(i);
    t.punct_before = punct;
    punct = 0;
    t.capitalised = upper_at(original, text.to_original[i]);
    while (i < n) {
      if (word_at(s, i)) {
        if (s[i] >= '0' && s[i] <= '9') t.has_digit = true;
        i += decode_at(s, i).len;
      } else if ((s[i] == '-' || s[i] == ':' || s[i] == '.') && i + 1 < n && word_at(s, i + 1)) {
        ++i;
      } else {
        break;
      }
    }
    t.end = static_cast<uint32_t>(i);
    seg.tokens.push_back(t);
  }
  Sentence cur;
  auto close = [&](uint32_t end_byte, uint32_t end_token, bool question) {
    cur.end = end_byte;
    cur.end_token = end_token;
    cur.question = question;
    if (cur.end_token > cur.first_token) seg.sentences.push_back(cur);
    cur = Sentence{};
    cur.begin = end_byte;
    cur.first_token = end_token;
  };
  for (size_t k = 0; k < seg.tokens.size(); ++k) {
    const Token& prev = seg.tokens[k];
    size_t gap_end = k + 1 < seg.tokens.size() ? seg.tokens[k + 1].begin : n;
    std::string_view gap = s.substr(prev.end, gap_end - prev.end);
    bool last = k + 1 == seg.tokens.size();
    bool boundary = false, question = false;
    if (gap.find('?') != std::string_view::npos) {
      boundary = question = true;
    } else if (gap.find('!') != std::string_view::npos) {
      boundary = true;
    } else if (gap.find('.') != std::string_view::npos || gap.find("\xE2\x80\xA6") != std::string_view::npos) {
      std::string_view word = s.substr(prev.begin, prev.end - prev.begin);
      int kind = abbrev.kind(word);
      bool single_letter = decode_at(word, 0).len == static_cast<int>(word.size()) && !prev.has_digit;
      bool dot_first = gap[0] == '.';
      size_t next_orig = last ? original.size() : text.to_original[gap_end];
      if (last) boundary = true;
      else if (lower_at(original, next_orig)) boundary = false;
      else if (dot_first && (kind == 1 || single_letter)) boundary = false;
      else boundary = true;
    } else if (gap.find("\n\n") != std::string_view::npos) {
      boundary = true;
    } else if (gap.find('\n') != std::string_view::npos && !last && upper_at(original, text.to_original[gap_end]) &&
               gap.find(',') == std::string_view::npos) {
      boundary = true;
    }
    if (boundary || last) close(static_cast<uint32_t>(gap_end), static_cast<uint32_t>(k + 1), question);
  }
  for (size_t si = 0; si < seg.sentences.size(); ++si)
    for (uint32_t t = seg.sentences[si].first_token; t < seg.sentences[si].end_token; ++t)
      seg.tokens[t].sentence = static_cast<uint32_t>(si);
  return seg;
}

// ---- Random texts. ----

std::vector<std::string> random_texts(size_t count, uint32_t seed) {
  static const char* kPieces[] = {
      "hon", "Han", "SLOG", "slog", "henne", "våld", "Våld", "VÅLD", "vald", "ar", "pa", "nar", "misshandel",
      "kvinnomisshandel", "partnervåld", "hotade", "att", "döda", "mamma", "pappas", "pojkvän", "personalen",
      "nattpersonalen", "inte", "om", "men", "t.ex.", "bl.a.", "ca.", "kl.", "m.m.", "etc.", "osv.", "kap.",
      "15-årig", "87-åriga", "tv:n", "LSS-boende", "9", "år", "2024", "v.", "x", "Ö", "ÄR", "är", "på",
      "ströp", "blåmärken", "rädd", "för", "honom", "jag", "är", "13", "inga", "tecken", "på", "yttre",
      "frågade", "kniv", "jaktkniven", "hedersvåld", "våldsam", "slagit", "Sambo", "ex-maken", "fröken",
      "ÅSA", "Örjan", "straße", "STRASSE", "\xE1\xBA\x9E", "\xC4\xB0stanbul", "\xC5\xBF", "\xE2\x84\xAA", "\xE2\x84\xA6", "\xCE\xA9", "va\xCC\x8Ald", "a\xCC\x8A",
      "\xCC\x88", "e\xCC\x81", "\xE1\x84\x80\xE1\x85\xA1", "Привет", "Ωμέγα", "日本語", "\xF0\x9F\x98\x80",
      "\xEF\xBF\xBD", "ǅ", "ﬁ"};
  static const char* kGaps[] = {" ", " ", " ", " ", ", ", ". ", "? ", "! ", "; ", ": ", " – ", " - ", "… ", "...",
                                "\n", "\n\n", "\r\n", "\t", " \"", "\" ", " (", ") ", "’", " «", "» ", "\xC2\xA0",
                                ".", "-", ":", " ' ", "\xE2\x80\x89", " [", "] ", " / ", "\xE2\x80\x94", ".\n"};
  static const char* kBad[] = {"\xFF", "\xC3", "\xE2\x82", "\xED\xA0\x80", "\xC0\xAF", "\xF4\x90\x80\x80", "\x80"};
  std::mt19937 rng(seed);
  std::vector<std::string> out;
  for (size_t i = 0; i < count; ++i) {
    std::string t;
    size_t pieces = 1 + rng() % 60;
    bool bad = rng() % 8 == 0;
    for (size_t p = 0; p < pieces; ++p) {
      t += kPieces[rng() % std::size(kPieces)];
      if (bad && rng() % 10 == 0) t += kBad[rng() % std::size(kBad)];
      t += kGaps[rng() % std::size(kGaps)];
    }
    if (rng() % 4 == 0) t.pop_back();  // ends inside a word or its punctuation
    out.push_back(std::move(t));
  }
  out.push_back("");
  out.push_back(".");
  out.push_back("a");
  out.push_back("\xFF");
  out.push_back(std::string(40, 'A') + "ÅÄÖ" + std::string(17, 'z'));  // the 8-byte paths and their tails
  return out;
}

void expect_same_normalized(const NormalizedText& a, const NormalizedText& b, const std::string& text) {
  EXPECT_EQ(a.folded, b.folded) << text;
  EXPECT_EQ(a.to_original, b.to_original) << text;
  EXPECT_EQ(a.invalid_sequences, b.invalid_sequences) << text;
  EXPECT_EQ(a.invalid_offsets, b.invalid_offsets) << text;
}

TEST(FastPath, NormalizationEqualsTheIcuImplementation) {
  NormalizedText reused;
  for (const auto& text : random_texts(3000, 1)) {
    NormalizedText ref = reference_normalize(text);
    expect_same_normalized(normalize_text(text), ref, text);
    normalize_text_into(text, reused);  // buffers left over from the text before
    expect_same_normalized(reused, ref, text);
    NormalizedText general;
    detail::normalize_text_general(text, general);
    expect_same_normalized(general, ref, text);
    if (HasFailure()) return;
  }
}

TEST(FastPath, EveryTableCodePointFoldsAsIcu) {
  for (char32_t c = 0; c < 0x2200; ++c) {
    if (c >= 0xD800 && c < 0xE000) continue;
    std::string s;
    append_utf8(s, c);
    EXPECT_EQ(normalize_text(s).folded, reference_normalize(s).folded) << std::hex << static_cast<uint32_t>(c);
  }
}

TEST(FastPath, SegmentationEqualsTheTwoPassSegmenter) {
  const Abbreviations& abbrev = Lexicon::builtin().abbreviations();
  Segmentation reused;
  for (const auto& text : random_texts(3000, 2)) {
    NormalizedText n = normalize_text(text);
    Segmentation ref = reference_segment(n, text, abbrev);
    segment_into(n, text, abbrev, reused);
    ASSERT_EQ(reused.tokens.size(), ref.tokens.size()) << text;
    for (size_t i = 0; i < ref.tokens.size(); ++i) {
      const Token& a = reused.tokens[i];
      const Token& b = ref.tokens[i];
      EXPECT_TRUE(a.begin == b.begin && a.end == b.end && a.sentence == b.sentence &&
                  a.punct_before == b.punct_before && a.has_digit == b.has_digit && a.capitalised == b.capitalised)
          << text << " token " << i;
    }
    ASSERT_EQ(reused.sentences.size(), ref.sentences.size()) << text;
    for (size_t i = 0; i < ref.sentences.size(); ++i) {
      const Sentence& a = reused.sentences[i];
      const Sentence& b = ref.sentences[i];
      EXPECT_TRUE(a.begin == b.begin && a.end == b.end && a.first_token == b.first_token &&
                  a.end_token == b.end_token && a.question == b.question)
          << text << " sentence " << i;
    }
    if (HasFailure()) return;
  }
}

void expect_same_matches(const Lexicon& lex, const std::vector<std::string>& texts) {
  std::vector<Match> scanned;
  size_t total = 0;
  for (const auto& text : texts) {
    AnalyzedText t = analyze(text, lex);
    std::vector<Match> found = find_matches(lex, t);
    detail::find_matches_by_scan(lex, t, scanned);
    total += found.size();
    ASSERT_EQ(found.size(), scanned.size()) << text;
    for (size_t i = 0; i < found.size(); ++i) {
      const Match& a = found[i];
      const Match& b = scanned[i];
      EXPECT_TRUE(a.pattern == b.pattern && a.sentence == b.sentence && a.first == b.first && a.end == b.end &&
                  a.anchor_token == b.anchor_token && a.part_begin == b.part_begin && a.part_end == b.part_end &&
                  a.in_compound == b.in_compound && a.ascii == b.ascii)
          << text << " match " << i;
    }
    if (testing::Test::HasFailure()) return;
  }
  EXPECT_GT(total, texts.size());  // the texts do match
}

TEST(FastPath, WordByWordLiteralsEqualTheScan) { expect_same_matches(Lexicon::builtin(), random_texts(3000, 3)); }

// Anchors that begin compounds and Snowball stems (none in the built-in lexicon), and one-byte
// and two-byte heads: the prefix trie and the short keys.
TEST(FastPath, WordByWordLiteralsEqualTheScanForPrefixesAndStems) {
  static const std::string lexicon = std::string(embedded::file("lexicon.tsv")) +
                                     "t.mod\tvåld\tmodifier\tphysical\t0.9\t-\ttest\n"
                                     "t.both\tslag\tboth\tphysical\t0.9\t-\ttest\n"
                                     "t.stem\t~misshandel\t-\tphysical\t0.9\t-\ttest\n"
                                     "t.short\tx|ab\tboth\tphysical\t0.5\t-\ttest\n"
                                     // a word that is an anchor whole and as a compound head:
                                     // two matches of one span, and the scan decides
                                     "t.twice\tvåld|hustruvåld|vald|hustruvald\thead\tphysical\t0.9\t-\ttest\n";
  auto lex = Lexicon::load([](std::string_view name) -> std::string_view {
    if (name == "lexicon.tsv") return lexicon;
    return embedded::file(name);
  });
  auto texts = random_texts(2000, 4);
  for (const char* t : {"Våldsamt slagsmål och slagen x-axel. Han misshandlade henne.", "abab xab abx ab x",
                        "Misshandlades, misshandeln, våldsverkaren slagträ.", "Hon utsattes för hustruvåld.",
                        "hustruvald ar hustruvåld pa hustruvåld"})
    texts.emplace_back(t);
  expect_same_matches(*lex, texts);
}

}  // namespace
}  // namespace vaksam::screen
