// Screening is a function of the text alone: the same JSON on any number of threads, in any
// order, and whatever the thread screened before (each thread reuses its buffers).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <thread>
#include <vector>

#include "screen/screener.h"

namespace vaksam::screen {
namespace {

const Screener& engine() {
  static const Screener s;
  return s;
}

// Narratives from sentence parts (violence, negation, routines, roles, deficiencies), with some
// texts upper-cased, without å/ä/ö, decomposed, or with invalid bytes.
std::vector<std::string> corpus() {
  static const char* kSentences[] = {
      "Hennes sambo ströp henne i går.", "Pappa slog mig när jag var 9 år.", "Ingen har slagit honom.",
      "Vid undersökningen fanns inga tecken på yttre våld.", "Verksamheten saknar rutin för att fråga om våld.",
      "Mamma slog i huvudet när hon föll i badrummet.", "Personalen har hotat att döda en boende, 91 år.",
      "Hon har blåmärken på båda armarna.", "Beslutet om skyddat boende har inte verkställts.",
      "Han förnekar att han har slagit henne.", "Barnen är rädda för honom och vill inte gå hem.",
      "Hon utsattes för grov kvinnomisshandel av sin före detta make.", "Frågade du om våld?",
      "Influensan slog igenom på avdelningen.", "Jag är 13 och pappas flickvän slår mig.",
      "Ingen orosanmälan har upprättats trots att pojken berättat om slagen.", "personalen ar hardhanta pa boendet",
      "En 15-årig flicka har tvingats gifta sig, enligt skolan.", "Han tog hennes pass och telefon.",
      "Brandlarmet har inte fungerat sedan i vintras.", "t.ex. knuffar och sparkar m.m. Sedan gick hon."};
  std::mt19937 rng(11);
  std::vector<std::string> texts;
  for (int i = 0; i < 400; ++i) {
    std::string t;
    for (int k = 1 + static_cast<int>(rng() % 8); k > 0; --k) t += std::string(kSentences[rng() % std::size(kSentences)]) + " ";
    switch (rng() % 8) {
      case 0: t.insert(rng() % t.size(), "\xFF\xC3"); break;
      case 1: t += "Va\xCC\x8A" "ld mot henne."; break;  // decomposed å
      case 2: for (auto& c : t) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c); break;
      default: break;
    }
    texts.push_back(std::move(t));
  }
  texts.emplace_back("");
  return texts;
}

std::vector<std::string> sequential_json(const std::vector<std::string>& texts) {
  std::vector<std::string> out;
  for (const auto& t : texts) out.push_back(engine().screen(t).to_json());
  return out;
}

TEST(Determinism, AnyNumberOfThreadsGivesIdenticalJson) {
  auto texts = corpus();
  auto expected = sequential_json(texts);
  std::vector<std::string_view> views(texts.begin(), texts.end());
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    auto results = screen_all(engine(), views, threads);
    ASSERT_EQ(results.size(), texts.size());
    for (size_t i = 0; i < texts.size(); ++i) ASSERT_EQ(results[i].to_json(), expected[i]) << threads << " threads: " << texts[i];
  }
}

TEST(Determinism, NothingCarriesOverFromTheTextBefore) {
  auto texts = corpus();
  auto expected = sequential_json(texts);
  // Backwards, interleaved with the keyword baseline, and after a text large enough for the
  // per-thread buffers to be given back.
  std::string big;
  while (big.size() < (size_t{5} << 20)) big += texts[big.size() % texts.size()] + "\n\n";
  for (size_t k = texts.size(); k-- > 0;) {
    if (k == texts.size() / 2) {
      EXPECT_TRUE(engine().screen(big).violence);
    }
    (void)engine().screen_keywords(texts[(k * 7) % texts.size()]);
    ASSERT_EQ(engine().screen(texts[k]).to_json(), expected[k]) << texts[k];
  }
  // And on a fresh thread.
  std::vector<std::string> fresh;
  std::thread([&] { fresh = sequential_json(texts); }).join();
  EXPECT_EQ(fresh, expected);
}

}  // namespace
}  // namespace vaksam::screen
