#include "synth/narrative.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace vaksam::synth {
namespace {

constexpr std::array<std::string_view, 8> kKinds = {
    "complaint", "tip", "lex_sarah", "lex_maria", "non_executed_decision", "survey_response",
    "dialogue_input", "other"};
constexpr std::array<std::string_view, 13> kUnitTypes = {
    "ifo", "lss_group_home", "hvb", "sis_youth_home", "sabo", "sheltered_housing", "primary_care",
    "emergency_department", "psychiatry", "maternity_care", "home_care", "other", ""};
constexpr std::array<std::string_view, 3> kSexes = {"female", "male", ""};
constexpr std::array<std::string_view, 9> kAges = {"0-5",   "6-12",  "13-17", "18-24", "25-44",
                                                   "45-64", "65-79", "80+",   ""};
constexpr std::array<std::string_view, 16> kCategories = {
    "physical",    "psychological",  "sexual",       "economic",          "honour_related",
    "forced_marriage", "fgm",        "neglect",      "child_victim",      "child_witness",
    "elder_abuse", "partner",        "family",       "staff_perpetrator", "co_resident",
    "lethal_risk"};

template <size_t N>
std::string_view any(Rng& rng, const std::array<std::string_view, N>& a) {
  return a[rng.below(N)];
}

// Content tests read the text as written, before typos are added: the noise has its
// own test below.
NarrativeNoise quiet() {
  NarrativeNoise n;
  n.typo_per_word = 0;
  return n;
}

// A random request of every kind the generator may ask for.
NarrativeRequest random_request(Rng& rng) {
  NarrativeRequest r;
  r.case_kind = any(rng, kKinds);
  r.unit_type = any(rng, kUnitTypes);
  r.subject_sex = any(rng, kSexes);
  r.age_band = any(rng, kAges);
  const uint64_t m = rng.below(10);
  if (m < 5) {
    r.violence = true;
    r.mention = m == 4 ? Mention::historical : m == 3 && rng.chance(0.3) ? Mention::negated : Mention::plain;
    const int k = rng.between(0, 3);
    for (int i = 0; i < k; ++i) r.categories.push_back(any(rng, kCategories));
  } else if (m == 5) {
    r.mention = Mention::negated;
  } else if (m == 6) {
    r.mention = Mention::hypothetical;
  } else {
    r.hard_negative = m == 7;
  }
  r.handling_deficiency = r.mention != Mention::plain || r.violence ? rng.chance(0.45) : false;
  return r;
}

// Lower case, and å ä ö written as a a o, so that texts typed without them match too.
std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0xC3 && i + 1 < s.size()) {
      const unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if (d == 0xA5 || d == 0xA4 || d == 0x85 || d == 0x84) {
        out.push_back('a');
        ++i;
        continue;
      }
      if (d == 0xB6 || d == 0x96) {
        out.push_back('o');
        ++i;
        continue;
      }
      if (d == 0xA9 || d == 0x89) {
        out.push_back('e');
        ++i;
        continue;
      }
    }
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
  }
  return out;
}

bool contains_any(const std::string& folded, const std::vector<std::string_view>& stems) {
  return std::any_of(stems.begin(), stems.end(),
                     [&](std::string_view stem) { return folded.find(fold(stem)) != std::string::npos; });
}

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    if (n == 2 && c < 0xC2) return false;  // overlong
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

std::vector<std::string> sentences_of(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool end = (text[i] == '.' || text[i] == '?' || text[i] == '!') &&
                     (i + 1 == text.size() || text[i + 1] == ' ');
    if (!end) continue;
    // "bl.a." and the like do not end a sentence.
    size_t w = i;
    while (w > start && text[w - 1] != ' ') --w;
    const std::string_view word(text.data() + w, i - w);
    if (word.find('.') != std::string_view::npos || word == "ang") continue;
    out.emplace_back(text, start, i + 1 - start);
    start = i + 2;
  }
  if (start < text.size()) out.emplace_back(text, start);
  return out;
}

size_t count_words(const std::string& s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    if (c == ' ') in = false;
    else if (!in) in = true, ++n;
  }
  return n;
}

TEST(Narrative, GrammarIsWellFormed) { EXPECT_EQ(narrative_grammar_problem(), ""); }

TEST(Narrative, SameSeedSameText) {
  Rng pick(1);
  for (int i = 0; i < 200; ++i) {
    const NarrativeRequest r = random_request(pick);
    Rng a(1000 + i), b(1000 + i);
    EXPECT_EQ(write_narrative(r, a), write_narrative(r, b));
    // and the streams stay in step afterwards
    EXPECT_EQ(a.next(), b.next());
  }
}

TEST(Narrative, DifferentSeedDifferentText) {
  Rng pick(2);
  int same = 0;
  for (int i = 0; i < 200; ++i) {
    const NarrativeRequest r = random_request(pick);
    Rng a(5000 + i), b(9000 + i);
    if (write_narrative(r, a) == write_narrative(r, b)) ++same;
  }
  EXPECT_LE(same, 2);
}

TEST(Narrative, AppendKeepsWhatIsThere) {
  NarrativeRequest r;
  r.case_kind = "complaint";
  r.unit_type = "sabo";
  Rng a(3), b(3);
  std::string out = "prefix|";
  append_narrative(r, a, NarrativeNoise{}, out);
  EXPECT_EQ(out, "prefix|" + write_narrative(r, b));
}

struct CategoryStems {
  std::string_view category;
  std::vector<std::string_view> stems;
};

const std::vector<CategoryStems>& category_stems() {
  static const std::vector<CategoryStems> kStems = {
      {"physical", {"slag", "slog", "slå", "misshand", "knuff", "spark", "örfil", "nyp", "nöp", "stryk",
                    "vrid", "vred", "bände", "bet", "bit", "riv", "kast", "hårdhänt", "håret",
                    "tryckt", "drog", "hårt i", "angrepp", "fysisk", "blåmär"}},
      {"psychological", {"hot", "kontroll", "isoler", "förnedr", "kränk", "trakass", "skräm", "låst",
                         "låsa", "stängde in", "hån", "får inte", "hindra", "psykisk", "värdelös"}},
      {"sexual", {"sex", "våldt", "tafs", "övergrepp", "naken", "brösten", "mellan benen", "samlag",
                  "närmanden"}},
      {"economic", {"pengar", "lån", "bankkort", "konto", "pension", "lön", "stöld", "stul", "swish",
                    "smycke", "kronor", "ekonomi", "utpress", "kontanter", "försörjningsstöd",
                    "avbetalning"}},
      {"honour_related", {"heder", "skam", "oskuld", "släkt", "rykte", "vanär"}},
      {"forced_marriage", {"gift", "äktenskap", "vig", "förlov", "bröllop"}},
      {"fgm", {"könsstymp", "omskär", "omskur", "omskar"}},
      {"neglect", {"omsorgssvikt", "försumm", "vanvård", "hungrig", "ensam", "mat", "medicin", "larm",
                   "karies", "tandvård", "blöt", "blöja", "hjälp", "ligga kvar", "smutsig", "vägrat"}},
      {"child_victim", {"barn", "flick", "pojk", "dotter", "son", "ungdom", "elev", "tonår", "skola",
                        "förskol", "klass", "syskon", "stadie", "uppväxt", "som barn", "liten"}},
      {"child_witness", {"barn", "syskon", "bevittn", "dotter", "son"}},
      {"elder_abuse", {"äldr", "beroende", "demens", "pension", "omsorg", "brukar", "hemtjänst"}},
      {"partner", {"sambo", "make", "maken", "exman", "exmannen", "fru", "hustru", "pojkvän",
                   "flickvän", "partner", "lever med", "bor med", "före detta", "f.d.",
                   "tillsammans med", "dåvarande", "kille som"}},
      {"family", {"pappa", "mamma", "bror", "broder", "syster", "son", "dotter", "morbror", "farbror",
                  "kusin", "styv", "svär", "svåger", "förälder", "familj", "släkt", "barnbarn"}},
      {"staff_perpetrator",
       {"personal", "undersköt", "medarbet", "assistent", "skötare", "vikarie", "behandl", "sjuksköt",
        "läkare", "barnmorsk", "anställd", "vårdbiträd", "kontaktperson", "familjehem", "handläggare",
        "boendestödjare", "stödpedagog", "ledare", "väktare", "ordningsvakt", "stödperson",
        "jourkvinna", "volontär", "ledsagare", "hemtjänst"}},
      {"co_resident", {"annan", "annat", "andra", "medboende", "medpatient", "samma avdelning", "samma sal",
                       "ungdom på"}},
      {"lethal_risk", {"stryp", "strup", "hals", "andas", "luft", "svimm", "kniv", "yxa", "flask", "stol",
                       "järnrör", "sax", "vass", "döda", "ihjäl", "livet", "förfölj", "gps", "hundratals",
                       "meddelanden", "trappats", "grövre", "blod", "vapen", "pistol", "kudde",
                       "ingen få det", "letat efter", "letar efter", "spårat"}},
  };
  return kStems;
}

TEST(Narrative, EveryCategoryIsWritten) {
  Rng pick(4);
  for (const CategoryStems& c : category_stems()) {
    int hits = 0;
    std::string miss;
    for (int i = 0; i < 200; ++i) {
      NarrativeRequest r = random_request(pick);
      r.violence = true;
      r.hard_negative = false;
      r.mention = pick.chance(0.2) ? Mention::historical : Mention::plain;
      r.categories.clear();
      r.categories.push_back(c.category);
      const int others = pick.between(0, 2);
      for (int k = 0; k < others; ++k) {
        // The generator never asks for a child and an older person as the same victim.
        const std::string_view other = any(pick, kCategories);
        const bool clash = (c.category == "child_victim" && other == "elder_abuse") ||
                           (c.category == "elder_abuse" && other == "child_victim");
        if (!clash) r.categories.push_back(other);
      }
      Rng rng(100000 + i);
      const std::string text = write_narrative(r, rng, quiet());
      if (contains_any(fold(text), c.stems)) ++hits;
      else if (miss.size() < 2000) miss += "\n  " + text;
    }
    EXPECT_EQ(hits, 200) << c.category << ", e.g.:" << miss;
  }
}

TEST(Narrative, NegatedTextsRuleViolenceOut) {
  const std::vector<std::string_view> cues = {
      "obefogad", "inga tecken", "nej", "ingen förhöjd", "som låg", "ingen misstanke", "felaktig",
      "ingenting som tyder", "uteslut", "avskr", "förnek", "nekar", "missförstånd", "inte förekommer",
      "inte utsatts", "tagit tillbaka", "visade sig", "inte från våld", "ingenting"};
  Rng pick(5);
  int hits = 0;
  std::string miss;
  for (int i = 0; i < 500; ++i) {
    NarrativeRequest r = random_request(pick);
    r.violence = false;
    r.categories.clear();
    r.mention = Mention::negated;
    Rng rng(200000 + i);
    const std::string text = write_narrative(r, rng, quiet());
    const std::string folded = fold(text);
    if (contains_any(folded, cues)) ++hits;
    else if (miss.size() < 2000) miss += "\n  " + text;
    EXPECT_TRUE(contains_any(folded, {"våld", "misshand", "slagen", "övergrepp"}))
        << "a negated text names the violence it rules out: " << text;
  }
  EXPECT_EQ(hits, 500) << "e.g.: " << miss;
}

TEST(Narrative, HypotheticalTextsTalkAboutRoutines) {
  const std::vector<std::string_view> cues = {"rutin",  "utbild", "handlingsplan", "freda", "om ",
                                              "planer", "enligt", "grupp",         "många", "skyddade boendeplatser",
                                              "kunskap", "egenkontroll", "riskbedömning"};
  Rng pick(6);
  for (int i = 0; i < 300; ++i) {
    NarrativeRequest r = random_request(pick);
    r.violence = false;
    r.categories.clear();
    r.mention = Mention::hypothetical;
    Rng rng(300000 + i);
    const std::string text = write_narrative(r, rng, quiet());
    const std::string folded = fold(text);
    EXPECT_TRUE(contains_any(folded, cues)) << text;
    EXPECT_TRUE(contains_any(folded, {"våld", "freda", "patriark", "skyddade boende"})) << text;
  }
}

TEST(Narrative, HardNegativesUseViolenceWordsInAnotherSense) {
  const std::vector<std::string_view> senses = {
      "föll",   "ramla",    "halkade",  "tappade balansen", "slog larm",  "slog i",     "nedläggning",
      "storm",  "tog tag",  "sparken",  "tv:n",             "strejk",     "slog igenom", "strypt",
      "stryps", "ett slag", "kränkt",   "skadade sig",      "självskad",  "suicid",     "skakade",
      "kvävning", "avhysning", "vräkning", "smäll",         "sparkade",   "hölls kortvarigt fast",
      "bältades", "avskiljning", "vaccination", "blodförtunnande", "anfall", "dörrkarmen", "brandlarm"};
  const std::vector<std::string_view> violent = {
      "misshand",    "våldt",          "slog henne", "slog honom", "slog hen ", "slagit henne",
      "slagit honom", "kvinnofrid",    "hotade att döda", "våld i nära", "sexuella övergrepp",
      "blev slagen", "utsatts för våld", "utsätts för våld"};
  Rng pick(7);
  for (int i = 0; i < 400; ++i) {
    NarrativeRequest r = random_request(pick);
    r.violence = false;
    r.categories.clear();
    r.mention = Mention::plain;
    r.hard_negative = true;
    r.handling_deficiency = false;
    Rng rng(400000 + i);
    const std::string text = write_narrative(r, rng, quiet());
    const std::string folded = fold(text);
    EXPECT_TRUE(contains_any(folded, senses)) << text;
    EXPECT_FALSE(contains_any(folded, violent)) << text;
  }
}

TEST(Narrative, OrdinaryNegativesDoNotMentionViolence) {
  Rng pick(8);
  for (int i = 0; i < 400; ++i) {
    NarrativeRequest r = random_request(pick);
    r.violence = false;
    r.categories.clear();
    r.mention = Mention::plain;
    r.hard_negative = false;
    Rng rng(500000 + i);
    NarrativeNoise none = quiet();
    none.no_diacritics_share = 0;
    const std::string text = write_narrative(r, rng, none);
    for (std::string_view word : {"våld", "misshand", "slagen", "övergrepp", "hot ", "hotade"})
      EXPECT_EQ(text.find(word), std::string::npos) << word << ": " << text;
  }
}

// The corpus every statistical test below uses.
struct Corpus {
  std::vector<std::string> noisy;
  std::vector<std::string> clean;  // same draws, no noise
};

const Corpus& corpus() {
  static const Corpus kCorpus = [] {
    Corpus c;
    Rng pick(9);
    Rng rng(424242);
    NarrativeNoise quiet;
    quiet.typo_per_word = 0;
    quiet.no_diacritics_share = 0;
    for (int i = 0; i < 10000; ++i) {
      const NarrativeRequest r = random_request(pick);
      Rng copy = rng;
      c.noisy.push_back(write_narrative(r, rng));
      c.clean.push_back(write_narrative(r, copy, quiet));
    }
    return c;
  }();
  return kCorpus;
}

TEST(Narrative, TextsAndSentencesAreDiverse) {
  const Corpus& c = corpus();
  std::unordered_set<std::string> texts(c.clean.begin(), c.clean.end());
  std::unordered_set<std::string> unique_sentences;
  size_t sentences = 0;
  for (const std::string& t : c.clean) {
    for (std::string& s : sentences_of(t)) {
      ++sentences;
      unique_sentences.insert(std::move(s));
    }
  }
  const double text_share = static_cast<double>(texts.size()) / static_cast<double>(c.clean.size());
  const double sentence_share = static_cast<double>(unique_sentences.size()) / static_cast<double>(sentences);
  RecordProperty("unique_texts", std::to_string(text_share));
  RecordProperty("unique_sentences", std::to_string(sentence_share));
  std::printf("unique texts %.4f, unique sentences %.4f of %zu\n", text_share, sentence_share, sentences);
  EXPECT_GE(text_share, 0.995);
  EXPECT_GE(sentence_share, 0.85);
}

TEST(Narrative, LengthsAreRealistic) {
  const Corpus& c = corpus();
  size_t typical = 0;
  for (const std::string& t : c.noisy) {
    EXPECT_GE(t.size(), 25u) << t;  // survey answers can be one short line
    EXPECT_LE(t.size(), 1500u) << t;
    if (t.size() >= 150 && t.size() <= 700) ++typical;
  }
  std::printf("texts of 150-700 bytes: %.3f\n", static_cast<double>(typical) / c.noisy.size());
  EXPECT_GE(typical, c.noisy.size() * 85 / 100);
}

TEST(Narrative, TextsAreValidUtf8WithoutIdentityNumbers) {
  for (const std::string& t : corpus().noisy) {
    ASSERT_TRUE(valid_utf8(t)) << t;
    int digits = 0;
    for (char ch : t) {
      digits = (ch >= '0' && ch <= '9') ? digits + 1 : 0;
      ASSERT_LT(digits, 5) << "a digit run that could be read as an identity number: " << t;
    }
    ASSERT_EQ(t.find('$'), std::string::npos) << t;
    ASSERT_EQ(t.find('|'), std::string::npos) << t;
    ASSERT_EQ(t.find("  "), std::string::npos) << t;
    ASSERT_EQ(t.find(" ."), std::string::npos) << t;
  }
}

TEST(Narrative, NoiseRatesAreRealistic) {
  const Corpus& c = corpus();
  size_t without = 0, words = 0, changed = 0;
  for (size_t i = 0; i < c.noisy.size(); ++i) {
    const std::string& noisy = c.noisy[i];
    const bool stripped = noisy.find("\xC3\xA5") == std::string::npos &&
                          noisy.find("\xC3\xA4") == std::string::npos &&
                          noisy.find("\xC3\xB6") == std::string::npos;
    if (stripped) ++without;
    // Compare word by word with the text written without noise.
    std::string clean = c.clean[i];
    if (stripped) {
      std::string folded;
      for (size_t k = 0; k < clean.size(); ++k) {
        const unsigned char ch = static_cast<unsigned char>(clean[k]);
        const unsigned char next = k + 1 < clean.size() ? static_cast<unsigned char>(clean[k + 1]) : 0;
        if (ch == 0xC3 && (next == 0xA5 || next == 0xA4)) folded.push_back('a'), ++k;
        else if (ch == 0xC3 && next == 0xB6) folded.push_back('o'), ++k;
        else if (ch == 0xC3 && (next == 0x85 || next == 0x84)) folded.push_back('A'), ++k;
        else if (ch == 0xC3 && next == 0x96) folded.push_back('O'), ++k;
        else folded.push_back(static_cast<char>(ch));
      }
      clean = folded;
    }
    ASSERT_EQ(count_words(noisy), count_words(clean)) << noisy << "\n" << clean;
    size_t a = 0, b = 0;
    while (a < noisy.size() && b < clean.size()) {
      const size_t ae = std::min(noisy.find(' ', a), noisy.size());
      const size_t be = std::min(clean.find(' ', b), clean.size());
      ++words;
      if (noisy.compare(a, ae - a, clean, b, be - b) != 0) ++changed;
      a = ae + 1;
      b = be + 1;
    }
  }
  const double share = static_cast<double>(without) / static_cast<double>(c.noisy.size());
  const double rate = static_cast<double>(changed) / static_cast<double>(words);
  std::printf("texts without å/ä/ö: %.4f, words with a typo: 1 in %.1f\n", share, 1 / rate);
  EXPECT_GE(share, 0.02);
  EXPECT_LE(share, 0.045);
  EXPECT_GE(rate, 1.0 / 90);
  EXPECT_LE(rate, 1.0 / 40);
}

TEST(Narrative, NoiseCanBeSwitchedOffAndForced) {
  NarrativeNoise none;
  none.typo_per_word = 0;
  none.no_diacritics_share = 0;
  NarrativeNoise ascii = none;
  ascii.no_diacritics_share = 1;
  Rng pick(10);
  size_t with_diacritics = 0;
  for (int i = 0; i < 300; ++i) {
    const NarrativeRequest r = random_request(pick);
    Rng a(600000 + i), b(600000 + i);
    const std::string text = write_narrative(r, a, none);
    const std::string plain = write_narrative(r, b, ascii);
    if (text.find("\xC3\xA5") != std::string::npos || text.find("\xC3\xA4") != std::string::npos ||
        text.find("\xC3\xB6") != std::string::npos)
      ++with_diacritics;
    for (const char* letter : {"\xC3\xA5", "\xC3\xA4", "\xC3\xB6", "\xC3\x85", "\xC3\x84", "\xC3\x96"})
      EXPECT_EQ(plain.find(letter), std::string::npos) << plain;
    EXPECT_EQ(fold(plain), fold(text));  // the same words, only the letters differ
  }
  EXPECT_GE(with_diacritics, 297u);  // a very short text may have none to begin with
}

TEST(Narrative, UnknownKeysFallBackToGenericText) {
  NarrativeRequest r;
  r.case_kind = "no such kind";
  r.unit_type = "no such unit";
  r.subject_sex = "x";
  r.age_band = "?";
  r.violence = true;
  r.categories = {"physical", "no_such_category"};
  Rng rng(11);
  const std::string text = write_narrative(r, rng);
  EXPECT_TRUE(contains_any(fold(text), category_stems()[0].stems)) << text;
}

}  // namespace
}  // namespace vaksam::synth
