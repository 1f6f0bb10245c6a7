#include "tables/table.h"

#include <gtest/gtest.h>

#include <cmath>

#include "stats/poisson.h"
#include "tables/csv.h"
#include "tables/json.h"
#include "unit/tables/dataset_builder.h"

namespace vaksam::tables {
namespace {

using testing::CaseSpec;
using testing::DatasetBuilder;

// A population of 1,000,000 women and 900,000 men in Sweden for 2023 and 2024,
// all in one age band, so that rates are easy to check by hand.
Population test_population(double women = 1'000'000, double men = 900'000) {
  std::string csv = "area_code;year;sex;age_band;population\n";
  for (const char* y : {"2023", "2024"}) {
    csv += std::string("00;") + y + ";female;25-44;" + std::to_string(static_cast<long long>(women)) + "\n";
    csv += std::string("00;") + y + ";male;25-44;" + std::to_string(static_cast<long long>(men)) + "\n";
  }
  return Population::from_csv(csv, "test.csv");
}

TableSpec by(std::vector<std::string> dims, std::vector<std::string> filters = {}) {
  TableSpec s;
  s.dimensions = std::move(dims);
  for (const auto& f : filters) s.filters.push_back(parse_filter(f));
  return s;
}

DatasetBuilder two_years() {
  DatasetBuilder b;
  b.add({.date = "2023-02-01", .sex = "female"}, 20);
  b.add({.date = "2023-06-01", .sex = "male"}, 10);
  b.add({.date = "2024-02-01", .sex = "female"}, 30);
  b.add({.date = "2024-06-01", .sex = "male"}, 12);
  return b;
}

TEST(Table, CountsEveryCellAndMarginAndAddsSexFirst) {
  const auto b = two_years();
  const auto t = build_table(b.get(), by({"year"}), test_population());
  ASSERT_EQ(t.axes.size(), 2u);
  EXPECT_EQ(t.axes[0].name, "sex");
  EXPECT_TRUE(t.sex_included);
  EXPECT_EQ(*t.find({"female", "2023"})->count, 20);
  EXPECT_EQ(*t.find({"male", "2024"})->count, 12);
  EXPECT_EQ(*t.find({"female", "total"})->count, 50);
  EXPECT_EQ(*t.find({"total", "2024"})->count, 42);
  EXPECT_EQ(*t.find({"total", "total"})->count, 72);
  EXPECT_EQ(t.find({"unknown", "total"}), nullptr) << "no unknown sex among the cases: no such category";
  EXPECT_EQ(t.cases_selected, 72u);
}

TEST(Table, RatesArePerPersonYearsWithGarwoodIntervals) {
  const auto b = two_years();
  const auto t = build_table(b.get(), by({"year"}), test_population());
  ASSERT_TRUE(t.rates);
  const TableCell* c = t.find({"female", "2024"});
  ASSERT_TRUE(c->rate);
  EXPECT_DOUBLE_EQ(*c->person_years, 1'000'000);
  EXPECT_NEAR(*c->rate, 30.0 / 1e6 * 1e5, 1e-12);
  const auto ci = stats::garwood_interval(30);
  EXPECT_NEAR(*c->rate_lower, ci.lower / 1e6 * 1e5, 1e-12);
  EXPECT_NEAR(*c->rate_upper, ci.upper / 1e6 * 1e5, 1e-12);
  // The sex total of both years: 50 over two years of 1,000,000 women.
  EXPECT_DOUBLE_EQ(*t.find({"female", "total"})->person_years, 2'000'000);
  // The grand total: both sexes, both years.
  EXPECT_DOUBLE_EQ(*t.find({"total", "total"})->person_years, 3'800'000);
}

TEST(Table, PartialYearsCountAsPersonTimeByMonth) {
  DatasetBuilder b;
  b.add({.date = "2024-01-10"}, 6).add({.date = "2024-06-20", .sex = "male"}, 6);
  // Whole calendar years of the data by default, exactly from..to (by month) when given.
  EXPECT_DOUBLE_EQ(*build_table(b.get(), by({}), test_population()).find({"female"})->person_years, 1'000'000);
  const auto t = build_table(b.get(), by({}, {"from=2024-01-01", "to=2024-06-30"}), test_population());
  EXPECT_DOUBLE_EQ(*t.find({"female"})->person_years, 500'000);
}

TEST(Table, SmallCellsAreSuppressedWithoutRatesAndSecondarySuppressionHidesThem) {
  DatasetBuilder b;
  b.add({.date = "2023-02-01", .sex = "female"}, 3);  // small
  b.add({.date = "2023-06-01", .sex = "male"}, 40);
  b.add({.date = "2024-02-01", .sex = "female"}, 30);
  b.add({.date = "2024-06-01", .sex = "male"}, 25);
  const auto t = build_table(b.get(), by({"year"}), test_population());
  const TableCell* small = t.find({"female", "2023"});
  EXPECT_TRUE(small->suppressed());
  EXPECT_FALSE(small->rate);
  EXPECT_FALSE(small->person_years);
  EXPECT_GE(t.primary + t.secondary, 4u) << "a lone suppressed cell could be recomputed from the margins";
  // Whatever was suppressed, no suppressed count can be derived: 2023 female = total 2023 - male 2023.
  const TableCell* t2023 = t.find({"total", "2023"});
  const TableCell* m2023 = t.find({"male", "2023"});
  EXPECT_TRUE(t2023->suppressed() || m2023->suppressed());
  const auto csv = to_csv(t);
  EXPECT_NE(csv.find("female;2023;Kvinna/flicka × 2023;..;;;;"), std::string::npos) << csv;
  const auto j = to_json(t);
  bool found = false;
  for (const auto& c : j["cells"])
    if (c["codes"] == nlohmann::json::array({"female", "2023"})) {
      found = true;
      EXPECT_TRUE(c["count"].is_null());
      EXPECT_EQ(c["display"], "..");
      EXPECT_TRUE(c["rate"].is_null());
      EXPECT_TRUE(c["suppressed"].get<bool>());
    }
  EXPECT_TRUE(found);
}

TEST(Table, ATableOfOnlySmallCountsSaysItIsEntirelySuppressed) {
  DatasetBuilder b;
  b.add({.sex = "female"}, 2).add({.sex = "male"}, 1);
  const auto t = build_table(b.get(), by({}), test_population());
  EXPECT_TRUE(t.all_suppressed);
  for (const auto& c : t.cells) EXPECT_TRUE(c.suppressed() || *c.count == 0);
  bool said = false;
  for (const auto& n : t.notes) said = said || n.find("Every non-zero cell") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST(Table, NoSexIsStatedAndSexTwiceIsRefused) {
  const auto b = two_years();
  auto s = by({"year"});
  s.no_sex = true;
  const auto t = build_table(b.get(), s, test_population());
  EXPECT_FALSE(t.sex_included);
  ASSERT_EQ(t.axes.size(), 1u);
  EXPECT_NE(t.notes.front().find("removed on purpose"), std::string::npos);
  EXPECT_EQ(to_json(t)["sex_disaggregated"], false);
  auto both = by({"sex"});
  both.no_sex = true;
  EXPECT_THROW(build_table(b.get(), both, test_population()), std::invalid_argument);
  EXPECT_THROW(build_table(b.get(), by({"year", "year"}), test_population()), std::invalid_argument);
}

TEST(Table, UnknownDimensionsAndValuesAreRefusedNamingTheValidOnes) {
  const auto b = two_years();
  try {
    build_table(b.get(), by({"colour"}), test_population());
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("no dimension 'colour'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("age_band"), std::string::npos);
  }
  try {
    build_table(b.get(), by({"sex"}, {"kind=lex_karin"}), test_population());
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("lex_sarah"), std::string::npos) << e.what();
  }
  EXPECT_THROW(build_table(b.get(), by({"vulnerability:wealth"}), test_population()), std::invalid_argument);
  EXPECT_THROW(parse_filter("kind"), std::invalid_argument);
  EXPECT_THROW(parse_filter("kind="), std::invalid_argument);
}

TEST(Table, TheViolenceFilterNeedsScreeningAndSaysSo) {
  DatasetBuilder b;
  b.add({.screened = false, .violence = false}, 10);
  try {
    build_table(b.get(), by({"sex"}, {"violence=yes"}), test_population());
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("vaksam screen"), std::string::npos);
  }
}

TEST(Table, FiltersSelectTheCases) {
  DatasetBuilder b;
  b.add({.kind = "lex_sarah", .violence = true}, 7);
  b.add({.kind = "lex_sarah", .violence = false}, 5);
  b.add({.kind = "complaint", .violence = true}, 9);
  const auto t = build_table(b.get(), by({}, {"kind=lex_sarah", "violence=yes"}), test_population());
  EXPECT_EQ(*t.find({"total"})->count, 7);
  const auto u = build_table(b.get(), by({"case_kind"}, {"kind=lex_sarah,complaint"}), test_population());
  EXPECT_EQ(*u.find({"total", "complaint"})->count, 9);
  EXPECT_EQ(*u.find({"total", "lex_sarah"})->count, 12);
  EXPECT_EQ(*u.find({"total", "tip"})->count, 0);
}

TEST(Table, AnEmptySelectionGivesZerosAndANoteNeverNaN) {
  const auto b = two_years();
  const auto t = build_table(b.get(), by({}, {"kind=tip"}), test_population());
  EXPECT_EQ(t.cases_selected, 0u);
  bool said = false;
  for (const auto& n : t.notes) said = said || n.find("No case matches") != std::string::npos;
  EXPECT_TRUE(said);
  const std::string csv = to_csv(t), json = to_json(t).dump();
  for (const char* bad : {"nan", "NaN", "inf", "Inf"}) {
    EXPECT_EQ(csv.find(bad), std::string::npos) << csv;
    EXPECT_EQ(json.find(bad), std::string::npos) << json;
  }
}

TEST(Table, AZeroPopulationGivesNoRateAndANote) {
  const auto b = two_years();
  const auto t = build_table(b.get(), by({"year"}), test_population(1'000'000, 0));
  EXPECT_FALSE(t.find({"male", "2024"})->rate);
  EXPECT_TRUE(t.find({"female", "2024"})->rate);
  bool said = false;
  for (const auto& n : t.notes) said = said || n.find("denominator is 0") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST(Table, MultiValuedCategoriesCountACaseInEachAndHaveNoTotal) {
  DatasetBuilder b;
  b.add({.categories = screen::kPhysical | screen::kPsychological}, 6);
  b.add({.categories = screen::kPhysical}, 5);
  const auto t = build_table(b.get(), by({"category"}, {"violence=yes"}), test_population());
  EXPECT_EQ(*t.find({"female", "physical"})->count, 11);
  EXPECT_EQ(*t.find({"female", "psychological"})->count, 6);
  EXPECT_EQ(t.find({"female", "total"}), nullptr);
  EXPECT_FALSE(t.has_total[1]);
}

TEST(Table, VulnerabilityMarkersSplitButGiveNoRates) {
  DatasetBuilder b;
  b.add({.vulnerabilities = {"disability"}}, 8).add({}, 12);
  const auto t = build_table(b.get(), by({"vulnerability:disability"}), test_population());
  EXPECT_EQ(*t.find({"female", "yes"})->count, 8);
  EXPECT_EQ(*t.find({"female", "no"})->count, 12);
  EXPECT_FALSE(t.rates);
  EXPECT_NE(t.notes.back().find("not known"), std::string::npos);
}

TEST(Table, UnknownSexIsACategoryWithoutPopulation) {
  DatasetBuilder b;
  b.add({.sex = "female"}, 10).add({.sex = ""}, 6);
  const auto t = build_table(b.get(), by({}), test_population());
  EXPECT_EQ(*t.find({"unknown"})->count, 6);
  EXPECT_FALSE(t.find({"unknown"})->rate);
  EXPECT_EQ(*t.find({"total"})->count, 16);
}

TEST(Table, QuartersAndMonthsFollowTheData) {
  DatasetBuilder b;
  b.add({.date = "2023-11-03"}, 5).add({.date = "2024-02-10"}, 7);
  const auto t = build_table(b.get(), by({"quarter"}), test_population());
  ASSERT_EQ(t.axes[1].categories.size(), 2u);
  EXPECT_EQ(*t.find({"female", "2023-Q4"})->count, 5);
  EXPECT_EQ(*t.find({"female", "2024-Q1"})->count, 7);
  EXPECT_DOUBLE_EQ(*t.find({"female", "2024-Q1"})->person_years, 250'000);
  const auto m = build_table(b.get(), by({"month"}), test_population());
  EXPECT_EQ(m.axes[1].categories.size(), 4u);  // November to February
  EXPECT_EQ(*m.find({"female", "2023-12"})->count, 0);
}

TEST(Table, AreasUseEveryMunicipalitySoTotalsCoverSweden) {
  DatasetBuilder b;
  b.add({.unit = 0}, 9).add({.unit = 1}, 6);
  const auto t = build_table(b.get(), by({"region"}), Population::from_reference());
  EXPECT_EQ(t.axes[1].categories.size(), 21u);
  EXPECT_EQ(*t.find({"female", "01"})->count, 9);
  EXPECT_EQ(*t.find({"female", "12"})->count, 6);
  EXPECT_EQ(*t.find({"female", "03"})->count, 0);
  bool approximate_said = false;
  for (const auto& n : t.notes) approximate_said = approximate_said || n.find("approximate national shares") != std::string::npos;
  EXPECT_TRUE(approximate_said);
}

TEST(Table, TooLargeATableIsRefused) {
  const auto b = two_years();
  EXPECT_THROW(build_table(b.get(), by({"municipality", "month", "age_band"}), test_population()),
               std::invalid_argument);
}

}  // namespace
}  // namespace vaksam::tables
