#include "synth/generator.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "common/text.h"
#include "privacy/identity_number.h"
#include "support/temp_dir.h"
#include "synth/distributions.h"
#include "synth/seclusion.h"

namespace vaksam::synth {
namespace {

using testing::read_file;
using testing::TempDir;

SynthOptions small(const std::string& out, uint64_t seed = 3) {
  SynthOptions o;
  o.seed = seed;
  o.years = 2;
  o.end_year = 2024;
  o.scale = 0.02;
  o.out_dir = out;
  o.planted_units = 5;
  o.planted_principals = 1;
  o.planted_handling = 3;
  return o;
}

std::map<std::string, std::string> all_files(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files[std::filesystem::relative(e.path(), dir).string()] = read_file(e.path().string());
  return files;
}

std::vector<std::vector<std::string>> rows(const std::string& csv) {
  std::vector<std::vector<std::string>> out;
  for (auto line : split(csv, '\n')) {
    if (line.empty()) continue;
    std::vector<std::string> fields;
    for (auto f : split(line, ';')) fields.emplace_back(f);
    out.push_back(std::move(fields));
  }
  return out;
}

TEST(Synth, SameSeedGivesByteIdenticalFiles) {
  TempDir a, b, c;
  generate(small(a.path().string()));
  generate(small(b.path().string()));
  generate(small(c.path().string(), 4));
  const auto fa = all_files(a.path().string()), fb = all_files(b.path().string()), fc = all_files(c.path().string());
  ASSERT_GE(fa.size(), 12u);
  EXPECT_EQ(fa, fb);
  EXPECT_NE(fa.at("cases.csv"), fc.at("cases.csv"));
}

TEST(Synth, WritesEveryIntakeFileAndTheTruthApart) {
  TempDir dir;
  const auto s = generate(small(dir.path().string()));
  for (const char* f : {"principals.csv", "units.csv", "cases.csv", "inspections.csv", "deficiencies-2023.csv",
                        "deficiencies-2024.csv", "indicators.csv", "truth/cases.csv", "truth/planted.csv",
                        "truth/units.csv", "truth/inspections.csv", "truth/deficiency_history.csv"})
    EXPECT_TRUE(std::filesystem::exists(dir.file(f))) << f;
  EXPECT_EQ(s.principals, 290 + 21 + 1 + 423);  // municipalities, regions, the state, companies
  EXPECT_EQ(rows(read_file(dir.file("cases.csv"))).size() - 1, static_cast<size_t>(s.cases));
  EXPECT_EQ(rows(read_file(dir.file("truth/cases.csv"))).size() - 1, static_cast<size_t>(s.cases));
}

TEST(Synth, TheTruthListsThePlantedProblems) {
  TempDir dir;
  generate(small(dir.path().string()));
  const auto planted = rows(read_file(dir.file("truth/planted.csv")));
  std::map<std::string, int> by_kind;
  for (size_t i = 1; i < planted.size(); ++i) {
    ++by_kind[planted[i][3]];
    EXPECT_TRUE(planted[i][4] == "step" || planted[i][4] == "ramp");
    EXPECT_EQ(planted[i][5].size(), 7u) << "onset as YYYY-MM";
  }
  EXPECT_EQ(by_kind["handling"], 3);
  EXPECT_GE(by_kind["incidents"], 5 + 1);  // five units, and every unit of one principal
}

TEST(Synth, IdentityNumbersAreValidAndFictitious) {
  TempDir dir;
  generate(small(dir.path().string()));
  const auto cases = rows(read_file(dir.file("cases.csv")));
  int numbers = 0;
  for (size_t i = 1; i < cases.size(); ++i) {
    const std::string& pnr = cases[i][5];
    if (pnr.empty()) continue;
    ++numbers;
    auto parsed = privacy::parse_identity_number(pnr, Date{2026, 1, 1});
    ASSERT_TRUE(parsed.number) << "line " << i;
    const std::string& d = parsed.number->digits12;
    EXPECT_GE(d.substr(8, 3), "980") << "birth numbers 980-999 only";
    const std::string& sex = cases[i][6];
    if (!sex.empty()) {
      EXPECT_EQ(parsed.number->is_male(), sex == "male") << "line " << i;
    }
  }
  EXPECT_GT(numbers, 100);
}

TEST(Synth, NationalVolumesAtScaleOneAreWithinTenPercent) {
  TempDir dir;
  SynthOptions o = small(dir.path().string(), 1);
  o.scale = 1.0;
  o.years = 5;
  o.end_year = 2025;
  o.planted_units = 40, o.planted_principals = 6, o.planted_handling = 20;
  const auto s = generate(o);
  const auto& v = national_volumes();
  for (int year = 2021; year <= 2025; ++year) {
    for (const char* kind : {"lex_sarah", "lex_maria", "non_executed_decision"}) {
      const double n = s.cases_by_kind_and_year.at(kind).at(year);
      EXPECT_NEAR(n / v.at(kind), 1.0, 0.10) << kind << " " << year << ": " << n;
    }
    const double complaints = s.cases_by_kind_and_year.at("complaint").at(year);
    EXPECT_NEAR(complaints / (v.at("complaint_health_care") + v.at("complaint_social_services")), 1.0, 0.10);
  }
}

TEST(Distributions, PoissonAndGammaHaveTheirMoments) {
  Rng rng(42);
  for (double mean : {0.3, 4.0, 45.0}) {
    double sum = 0, sq = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
      const double x = poisson(rng, mean);
      sum += x, sq += x * x;
    }
    const double m = sum / n, var = sq / n - m * m;
    EXPECT_NEAR(m, mean, 0.02 * mean + 0.01);
    EXPECT_NEAR(var, mean, 0.05 * mean + 0.02);
  }
  double sum = 0, sq = 0;
  for (int i = 0; i < 200000; ++i) {
    const double x = gamma(rng, 2.0, 0.5);
    sum += x, sq += x * x;
  }
  EXPECT_NEAR(sum / 200000, 1.0, 0.01);
  EXPECT_NEAR(sq / 200000 - (sum / 200000) * (sum / 200000), 0.5, 0.02);  // shape * scale^2
}

TEST(Rng, ForksAreIndependentAndRepeatable) {
  Rng a(7), b(7);
  EXPECT_EQ(a.fork("x").next(), b.fork("x").next());
  EXPECT_NE(a.fork("x").next(), a.fork("y").next());
  std::set<uint64_t> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(a.below(100));
  EXPECT_EQ(seen.size(), 100u);
}

// Seclusions at SiS youth homes: girls' rate nearly doubles over the last two
// years, boys' does not; the truth file and the placements agree with the events.
TEST(Synth, SeclusionOfGirlsNearlyDoublesInTwoYearsAndOfBoysDoesNot) {
  EXPECT_DOUBLE_EQ(planted_seclusion_multiplier(true, 2025, 2025), 1.9);
  EXPECT_DOUBLE_EQ(planted_seclusion_multiplier(true, 2023, 2025), 1.0);
  EXPECT_DOUBLE_EQ(planted_seclusion_multiplier(false, 2025, 2025), 1.0);
  TempDir dir;
  SynthOptions o;
  o.seed = 3;
  o.years = 5;
  o.end_year = 2025;
  o.scale = 1;
  o.out_dir = dir.path();
  const auto s = generate(o);
  const auto truth = rows(read_file(dir.file("truth/seclusion.csv")));
  ASSERT_EQ(truth.size(), 11u);  // header + 5 years x 2 sexes
  std::map<std::string, double> rate;  // "2025 female" -> events per placed
  int64_t events = 0;
  for (size_t i = 1; i < truth.size(); ++i) {
    const double placed = std::stod(truth[i][2]), n = std::stod(truth[i][5]);
    rate[truth[i][0] + " " + truth[i][1]] = n / placed;
    events += static_cast<int64_t>(n);
  }
  EXPECT_EQ(events, s.seclusions);
  EXPECT_EQ(rows(read_file(dir.file("seclusions.csv"))).size() - 1, static_cast<size_t>(s.seclusions));
  const double girls = rate["2025 female"] / rate["2023 female"], boys = rate["2025 male"] / rate["2023 male"];
  EXPECT_NEAR(girls, 1.9, 0.35) << "nearly doubled";
  EXPECT_NEAR(boys, 1.0, 0.2) << "flat";
  const auto placements = rows(read_file(dir.file("sis_placements.csv")));
  EXPECT_EQ(placements.size(), 11u);
  EXPECT_EQ(placements[1][0], "SIS_PLACERADE_FLICKOR");
  EXPECT_EQ(placements[1][1], "00");
}

}  // namespace
}  // namespace vaksam::synth
