// The text layer: UTF-8 repair, normalisation with offsets, sentences and tokens.
#include <gtest/gtest.h>

#include "screen/analyzed_text.h"
#include "screen/inflection.h"
#include "screen/lexicon.h"
#include "screen/normalized_text.h"
#include "screen/segmenter.h"
#include "screen/utf8.h"

namespace vaksam::screen {
namespace {

std::vector<std::string> sentences(std::string_view text) {
  AnalyzedText t = analyze(text, Lexicon::builtin());
  std::vector<std::string> out;
  for (const auto& s : t.seg.sentences) {
    auto [b, e] = t.norm.original_span(t.seg.tokens[s.first_token].begin, t.seg.tokens[s.end_token - 1].end);
    out.emplace_back(text.substr(b, e - b));
  }
  return out;
}

TEST(Utf8, ValidInputIsNotCopied) {
  RepairedUtf8 r = repair_utf8("Våld i nära relationer");
  EXPECT_EQ(r.replaced, 0u);
  EXPECT_TRUE(r.to_input.empty());
}

TEST(Utf8, IllFormedSequencesBecomeOneReplacementEach) {
  std::string bad = "a\xC3" "b\xE2\x82" "c\xFF\xFE" "d\xED\xA0\x80" "e";  // truncated, truncated, invalid, surrogate
  RepairedUtf8 r = repair_utf8(bad);
  EXPECT_EQ(r.replaced, 7u);  // C3 | E2 82 | FF | FE | ED | A0 | 80: a surrogate is three ill-formed bytes
  ASSERT_FALSE(r.to_input.empty());
  EXPECT_EQ(r.to_input.size(), r.text.size() + 1);
  EXPECT_EQ(r.replaced_at[0], 1u);
  EXPECT_EQ(r.text.substr(0, 1), "a");
  EXPECT_EQ(r.text.substr(1, 3), "\xEF\xBF\xBD");
}

TEST(Utf8, OverlongFormsAreRejected) {
  EXPECT_EQ(valid_sequence_length("\xC0\xAF"), 0);
  EXPECT_EQ(valid_sequence_length("\xE0\x80\xAF"), 0);
  EXPECT_EQ(valid_sequence_length("\xF4\x90\x80\x80"), 0);  // past U+10FFFF
  EXPECT_EQ(valid_sequence_length("\xF0\x9F\x98\x80"), 4);  // an emoji
}

TEST(Normalize, FoldsSwedishCapitalsAndKeepsOffsets) {
  std::string text = "ÅSA SLOG Örjan";
  NormalizedText n = normalize_text(text);
  EXPECT_EQ(n.folded, "åsa slog örjan");
  ASSERT_EQ(n.to_original.size(), n.folded.size() + 1);
  size_t pos = n.folded.find("örjan");
  auto [b, e] = n.original_span(pos, pos + std::string("örjan").size());
  EXPECT_EQ(text.substr(b, e - b), "Örjan");
}

TEST(Normalize, ComposesDecomposedLettersToNfc) {
  std::string text = "va\xCC\x8A" "ld mot henne";  // "våld" with a combining ring
  NormalizedText n = normalize_text(text);
  EXPECT_EQ(n.folded, "våld mot henne");
  size_t pos = n.folded.find("mot");
  auto [b, e] = n.original_span(pos, pos + 3);
  EXPECT_EQ(text.substr(b, e - b), "mot");
  auto [b0, e0] = n.original_span(0, std::string("våld").size());
  EXPECT_EQ(text.substr(b0, e0 - b0), "va\xCC\x8A" "ld");
}

TEST(Normalize, InvalidBytesAreReportedAndOffsetsStillPointAtTheOriginal) {
  std::string text = "Han \xFF\xFEslog henne";
  NormalizedText n = normalize_text(text);
  EXPECT_EQ(n.invalid_sequences, 2u);
  EXPECT_EQ(n.invalid_offsets[0], 4u);
  size_t pos = n.folded.find("slog");
  ASSERT_NE(pos, std::string::npos);
  auto [b, e] = n.original_span(pos, pos + 4);
  EXPECT_EQ(text.substr(b, e - b), "slog");
}

TEST(Normalize, UnifiesTypographicApostrophes) {
  EXPECT_EQ(normalize_text("tv\u2019n").folded, "tv'n");
  EXPECT_EQ(normalize_text("a\u00A0b").folded, "a b");
}

TEST(Sentences, AbbreviationsDoNotEndASentence) {
  auto s = sentences("Hon har bl.a. blåmärken, t.ex. på armen. Han slog henne ca. tre gånger. Det gäller 4 kap. 1 § SoL.");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], "Hon har bl.a. blåmärken, t.ex. på armen");
  EXPECT_EQ(s[1], "Han slog henne ca. tre gånger");
}

TEST(Sentences, SplitsOnQuestionsExclamationsAndNumbersBeforeCapitals) {
  auto s = sentences("Samtliga fick mat kl. 15. Rutin har införts! Varför frågar ingen? Hej");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0], "Samtliga fick mat kl. 15");
  EXPECT_EQ(s[2], "Varför frågar ingen");
  AnalyzedText t = analyze("Varför frågar ingen? Hej.", Lexicon::builtin());
  EXPECT_TRUE(t.seg.sentences[0].question);
  EXPECT_FALSE(t.seg.sentences[1].question);
}

TEST(Sentences, ClosingAbbreviationEndsASentenceBeforeACapital) {
  auto s = sentences("Hon tog mina kläder, pass m.m. Sedan gick hon.");
  ASSERT_EQ(s.size(), 2u);
}

TEST(Tokens, JoinInnerHyphensColonsAndStops) {
  AnalyzedText t = analyze("En 15-årig pojke slår på tv:n, ang. LSS-boende.", Lexicon::builtin());
  std::vector<std::string> words;
  for (uint32_t i = 0; i < t.seg.tokens.size(); ++i) words.emplace_back(t.token_text(i));
  EXPECT_EQ(words, (std::vector<std::string>{"en", "15-årig", "pojke", "slår", "på", "tv:n", "ang", "lss-boende"}));
  EXPECT_TRUE(t.seg.tokens[1].has_digit);
  EXPECT_TRUE(t.seg.tokens[0].capitalised);
  EXPECT_TRUE(t.seg.tokens[6].punct_before & kComma);
}

TEST(Tokens, DiacriticFreeWritingIsDetected) {
  EXPECT_TRUE(analyze("personalen ar hardhanta mot henne pa boendet", Lexicon::builtin()).diacritic_free);
  EXPECT_FALSE(analyze("personalen är hårdhänta mot henne på boendet", Lexicon::builtin()).diacritic_free);
}

TEST(Inflection, GeneratesSwedishParadigms) {
  auto v1 = inflect("misshandla", "v1");
  for (const char* f : {"misshandlar", "misshandlade", "misshandlat", "misshandlad", "misshandlas", "misshandlades"})
    EXPECT_NE(std::find(v1.begin(), v1.end(), f), v1.end()) << f;
  auto v2a = inflect("bränna", "v2a");
  for (const char* f : {"bränner", "brände", "bränt", "bränd", "brända", "bränns"})
    EXPECT_NE(std::find(v2a.begin(), v2a.end(), f), v2a.end()) << f;
  auto v2b = inflect("låsa", "v2b");
  for (const char* f : {"låser", "låste", "låst", "låsta", "låses"})
    EXPECT_NE(std::find(v2b.begin(), v2b.end(), f), v2b.end()) << f;
  auto n2 = inflect("pojke", "n2");
  for (const char* f : {"pojken", "pojkar", "pojkarna", "pojkens"})
    EXPECT_NE(std::find(n2.begin(), n2.end(), f), n2.end()) << f;
}

}  // namespace
}  // namespace vaksam::screen
