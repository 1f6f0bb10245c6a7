#include "report/standard_report.h"

#include <gtest/gtest.h>

#include "unit/tables/dataset_builder.h"

namespace vaksam::report {
namespace {

using testing::CaseSpec;
using testing::DatasetBuilder;

// Seclusions with a girls' rise, violence-related lex Sarah reports, and the
// placements the seclusion rates are per.
DatasetBuilder world(bool screened) {
  DatasetBuilder b;
  const int girls[] = {30, 32, 31, 45, 62}, boys[] = {70, 72, 69, 71, 70};
  for (int k = 0; k < 5; ++k) {
    const std::string year = std::to_string(2021 + k);
    CaseSpec s{.kind = "seclusion", .date = year + "-05-01", .age_band = "13-17", .screened = screened,
               .violence = false, .unit = 1};
    s.sex = "female";
    b.add(s, girls[k]);
    s.sex = "male";
    b.add(s, boys[k]);
    b.indicator("SIS_PLACERADE_FLICKOR", year, 15).indicator("SIS_PLACERADE_POJKAR", year, 35);
    CaseSpec v{.kind = "lex_sarah", .date = year + "-03-01", .screened = screened};
    v.sex = "female";
    b.add(v, 12);
    v.vulnerabilities = {"disability"};
    b.add(v, 8);
    v.sex = "male";
    b.add(v, 6);
    v.vulnerabilities = {};
    b.add(v, 10);
  }
  return b;
}

TEST(StandardReport, HasTheThreeSectionsWithTheGirlsRiseVisible) {
  const auto b = world(true);
  const auto r = build_standard_report(b.get(), tables::Population::from_reference());
  ASSERT_TRUE(r.violence) << r.violence_missing;
  ASSERT_TRUE(r.seclusion) << r.seclusion_missing;
  ASSERT_TRUE(r.disability) << r.disability_missing;

  const auto& s = *r.seclusion;
  EXPECT_EQ(*s.by_sex_year.find({"female", "2025"})->count, 62);
  EXPECT_DOUBLE_EQ(*s.by_sex_year.find({"female", "2025"})->person_years, 15);
  const auto& last = s.girls_boys.strata.back();
  EXPECT_EQ(last.stratum.label_en, "2025");
  ASSERT_TRUE(last.available);
  EXPECT_NEAR(*last.ratio, (62.0 / 15) / (70.0 / 35), 1e-12);
  EXPECT_GT(last.lower, 1.0);
  EXPECT_LT(s.girls_boys.strata[1].lower, 1.0) << "2021: no difference planted";
  ASSERT_EQ(s.trend.strata.size(), 3u);
  EXPECT_GT(s.trend.strata[1].rr_ci.lower, 1.0) << "girls rise";
  EXPECT_LT(s.trend.strata[2].rr_ci.lower, 1.0) << "boys do not";

  const auto& d = *r.disability;
  EXPECT_EQ(*d.sex_by_disability.find({"female", "yes"})->count, 40);
  EXPECT_EQ(*d.sex_by_disability.find({"male", "total"})->count, 80);
  ASSERT_TRUE(d.women_men.strata[0].available);
  EXPECT_NEAR(d.women_men.strata[0].difference, 40.0 / 100 - 30.0 / 80, 1e-12);
  EXPECT_TRUE(d.independence.available);

  // The violence section counts only screened violence (seclusions here are not).
  EXPECT_EQ(*r.violence->by_sex_year.find({"total", "total"})->count, 5 * 36);

  const auto j = to_json(r);
  EXPECT_TRUE(j["seclusion"].contains("girls_boys"));
  EXPECT_EQ(j["seclusion"]["by_sex_year"]["rate_unit"]["en"], "per 100 person-years (young people placed at SiS youth homes)");
  const std::string csv = to_csv(r);
  EXPECT_NE(csv.find("# == 2. Avskiljning"), std::string::npos);
}

TEST(StandardReport, WithoutScreeningOrSeclusionsTheSectionsSayWhy) {
  const auto b = world(false);
  const auto r = build_standard_report(b.get(), tables::Population::from_reference());
  EXPECT_FALSE(r.violence);
  EXPECT_NE(r.violence_missing.find("vaksam screen"), std::string::npos);
  EXPECT_FALSE(r.disability);
  EXPECT_TRUE(r.seclusion) << "seclusions need no screening";
  DatasetBuilder empty;
  empty.add({}, 10);
  const auto r2 = build_standard_report(empty.get(), tables::Population::from_reference());
  EXPECT_FALSE(r2.seclusion);
  EXPECT_NE(r2.seclusion_missing.find("seclusion"), std::string::npos);
  EXPECT_EQ(to_json(r2)["seclusion"]["unavailable"], r2.seclusion_missing);
}

TEST(StandardReport, WithoutPlacementsTheSeclusionSectionNamesTheIndicators) {
  DatasetBuilder b;
  b.add({.kind = "seclusion", .age_band = "13-17", .unit = 1}, 20);
  const auto r = build_standard_report(b.get(), tables::Population::from_reference());
  EXPECT_FALSE(r.seclusion);
  EXPECT_NE(r.seclusion_missing.find("SIS_PLACERADE_FLICKOR"), std::string::npos);
}

}  // namespace
}  // namespace vaksam::report
