#include "tables/compare.h"

#include <gtest/gtest.h>

#include "stats/binomial.h"
#include "stats/chi_square.h"
#include "stats/fisher_2x2.h"
#include "stats/poisson.h"
#include "stats/poisson_regression.h"
#include "stats/proportions.h"
#include "tables/json.h"
#include "tables/multiplicity.h"
#include "tables/trend.h"
#include "unit/tables/dataset_builder.h"

namespace vaksam::tables {
namespace {

using testing::CaseSpec;
using testing::DatasetBuilder;

Population population(const std::vector<int>& years, double women, double men) {
  std::string csv = "area_code;year;sex;age_band;population\n";
  for (int y : years) {
    csv += "00;" + std::to_string(y) + ";female;13-17;" + std::to_string(static_cast<long long>(women)) + "\n";
    csv += "00;" + std::to_string(y) + ";male;13-17;" + std::to_string(static_cast<long long>(men)) + "\n";
  }
  return Population::from_csv(csv, "test.csv");
}

TableSpec by(std::vector<std::string> dims, std::vector<std::string> filters = {}) {
  TableSpec s;
  s.dimensions = std::move(dims);
  for (const auto& f : filters) s.filters.push_back(parse_filter(f));
  return s;
}

TEST(Multiplicity, HolmAndBenjaminiHochbergAsRsPAdjust) {
  // p.adjust(c(0.01, 0.04, 0.03, 0.5), "holm") = 0.04 0.09 0.09 0.5
  // p.adjust(c(0.01, 0.04, 0.03, 0.5), "BH")   = 0.04 0.05333333 0.05333333 0.5
  const std::vector<double> p = {0.01, 0.04, 0.03, 0.5};
  const auto h = holm(p), bh = benjamini_hochberg(p);
  const std::vector<double> eh = {0.04, 0.09, 0.09, 0.5}, ebh = {0.04, 0.16 / 3, 0.16 / 3, 0.5};
  for (size_t i = 0; i < p.size(); ++i) {
    EXPECT_NEAR(h[i], eh[i], 1e-15) << i;
    EXPECT_NEAR(bh[i], ebh[i], 1e-15) << i;
  }
  const auto with_nan = holm({0.02, std::nan(""), 0.04});
  EXPECT_NEAR(with_nan[0], 0.04, 1e-15);
  EXPECT_TRUE(std::isnan(with_nan[1]));
  EXPECT_NEAR(with_nan[2], 0.04, 1e-15);
  EXPECT_DOUBLE_EQ(holm({0.9, 0.8})[0], 1.0) << "capped at 1";
}

TEST(CompareRates, GirlsOverBoysPerYearIsPoissonTestOfThePublishedCounts) {
  DatasetBuilder b;
  b.add({.date = "2023-05-01", .sex = "female", .age_band = "13-17"}, 40);
  b.add({.date = "2023-05-01", .sex = "male", .age_band = "13-17"}, 60);
  b.add({.date = "2024-05-01", .sex = "female", .age_band = "13-17"}, 80);
  b.add({.date = "2024-05-01", .sex = "male", .age_band = "13-17"}, 55);
  const auto t = build_table(b.get(), by({"year"}), population({2023, 2024}, 300, 700));
  const auto c = compare_rates(t, "sex", "female", "male");
  ASSERT_EQ(c.strata.size(), 3u);  // total, 2023, 2024
  const RateRatio& r = c.strata[2];
  EXPECT_EQ(r.stratum.label_en, "2024");
  ASSERT_TRUE(r.available);
  const auto want = stats::poisson_test_two_sample(80, 300, 55, 700);
  EXPECT_DOUBLE_EQ(*r.ratio, want.estimate);
  EXPECT_DOUBLE_EQ(r.lower, want.ci.lower);
  EXPECT_DOUBLE_EQ(*r.upper, want.ci.upper);
  EXPECT_DOUBLE_EQ(r.p_value, want.p_value);
  EXPECT_GT(r.lower, 1.0);
  const auto adjusted = holm({c.strata[0].p_value, c.strata[1].p_value, c.strata[2].p_value});
  EXPECT_DOUBLE_EQ(r.p_holm, adjusted[2]);
  EXPECT_GE(r.p_bh, r.p_value);
}

TEST(CompareRates, ASuppressedCountGivesNoComparisonAndAZeroCountAnOpenInterval) {
  DatasetBuilder b;
  b.add({.date = "2023-05-01", .sex = "female", .age_band = "13-17"}, 3);
  b.add({.date = "2023-05-01", .sex = "male", .age_band = "13-17"}, 60);
  b.add({.date = "2024-05-01", .sex = "female", .age_band = "13-17"}, 20);
  const auto t = build_table(b.get(), by({"year"}), population({2023, 2024}, 300, 700));
  const auto c = compare_rates(t, "sex", "female", "male");
  const RateRatio& y2023 = c.strata[1];
  EXPECT_FALSE(y2023.available);
  EXPECT_EQ(y2023.reason, "a count is suppressed");
  const RateRatio& y2024 = c.strata[2];
  if (y2024.available) {  // 20 girls against 0 boys: the ratio has no upper limit
    EXPECT_FALSE(y2024.upper);
    EXPECT_TRUE(to_json(c)["strata"][2]["ci_upper"].is_null());
  }
  EXPECT_THROW(compare_rates(t, "sex", "female", "female"), std::invalid_argument);
  EXPECT_THROW(compare_rates(t, "sex", "female", "girl"), std::invalid_argument);
  EXPECT_THROW(compare_rates(t, "age_band", "13-17", "18-24"), std::invalid_argument);
}

TEST(CompareRates, ATableWithoutRatesIsRefused) {
  DatasetBuilder b;
  b.add({.sex = "female"}, 10).add({.sex = "male"}, 10);
  auto s = by({});
  s.denominator.kind = DenominatorKind::none;
  const auto t = build_table(b.get(), s, Population::from_reference());
  EXPECT_THROW(compare_rates(t, "sex", "female", "male"), std::invalid_argument);
}

TEST(CompareProportions, ShareWithDisabilityByNewcombeWilsonExactAndFisher) {
  DatasetBuilder b;
  b.add({.sex = "female", .vulnerabilities = {"disability"}}, 30).add({.sex = "female"}, 50);
  b.add({.sex = "male", .vulnerabilities = {"disability"}}, 10).add({.sex = "male"}, 45);
  auto s = by({"vulnerability:disability"});
  s.denominator.kind = DenominatorKind::none;
  const auto t = build_table(b.get(), s, Population::from_reference());
  const auto c = compare_proportions(t, "sex", "female", "male", "vulnerability:disability", "yes");
  ASSERT_EQ(c.strata.size(), 1u);
  const auto& r = c.strata[0];
  ASSERT_TRUE(r.available);
  EXPECT_EQ(r.x_a, 30);
  EXPECT_EQ(r.n_a, 80);
  EXPECT_EQ(r.x_b, 10);
  EXPECT_EQ(r.n_b, 55);
  const auto nc = stats::newcombe_difference(30, 80, 10, 55);
  EXPECT_DOUBLE_EQ(r.newcombe.lower, nc.lower);
  EXPECT_DOUBLE_EQ(r.newcombe.upper, nc.upper);
  EXPECT_DOUBLE_EQ(r.exact_a.lower, stats::clopper_pearson(30, 80).lower);
  EXPECT_DOUBLE_EQ(r.wilson_b.upper, stats::wilson_interval(10, 55).upper);
  EXPECT_DOUBLE_EQ(r.fisher_p, stats::fisher_test_2x2(30, 50, 10, 45).p_value);
  EXPECT_DOUBLE_EQ(*r.chi2, stats::prop_test_two_sample(30, 80, 10, 55, false).statistic);

  const auto ind = independence_test(t, "sex", "vulnerability:disability");
  ASSERT_TRUE(ind.available);
  EXPECT_EQ(ind.rows, 2);
  const auto chi = stats::chisq_test({2, 2, {30, 50, 10, 45}}, false);
  EXPECT_DOUBLE_EQ(ind.chi2, chi.statistic);
  EXPECT_DOUBLE_EQ(*ind.fisher_p, r.fisher_p);

  EXPECT_THROW(compare_proportions(t, "sex", "female", "male", "sex", "female"), std::invalid_argument);
}

TEST(CompareProportions, SuppressedCellsAndMultiValuedOutcomesAreRefusedClearly) {
  DatasetBuilder b;
  b.add({.sex = "female", .vulnerabilities = {"disability"}}, 2).add({.sex = "female"}, 50);
  b.add({.sex = "male", .vulnerabilities = {"disability"}}, 10).add({.sex = "male"}, 45);
  auto s = by({"vulnerability:disability", "vulnerability"});
  s.denominator.kind = DenominatorKind::none;
  const auto t = build_table(b.get(), s, Population::from_reference());
  EXPECT_THROW(compare_proportions(t, "sex", "female", "male", "vulnerability", "disability"), std::invalid_argument);
  auto s2 = by({"vulnerability:disability"});
  s2.denominator.kind = DenominatorKind::none;
  const auto t2 = build_table(b.get(), s2, Population::from_reference());
  const auto c = compare_proportions(t2, "sex", "female", "male", "vulnerability:disability", "yes");
  EXPECT_FALSE(c.strata[0].available);
  EXPECT_EQ(c.strata[0].reason, "a count is suppressed");
  EXPECT_FALSE(independence_test(t2, "sex", "vulnerability:disability").available);
}

TEST(Trend, PoissonRegressionOfThePublishedYearlyCounts) {
  DatasetBuilder b;
  const int girls[] = {20, 26, 31, 45, 60}, boys[] = {50, 52, 47, 55, 49};
  for (int k = 0; k < 5; ++k) {
    const std::string date = std::to_string(2020 + k) + "-04-01";
    b.add({.date = date, .sex = "female", .age_band = "13-17"}, girls[k]);
    b.add({.date = date, .sex = "male", .age_band = "13-17"}, boys[k]);
  }
  const auto t = build_table(b.get(), by({"year"}), population({2020, 2021, 2022, 2023, 2024}, 300, 700));
  const auto tr = fit_trends(t);
  ASSERT_EQ(tr.strata.size(), 3u);  // total, female, male
  const TrendFit& f = tr.strata[1];
  EXPECT_EQ(f.stratum.label_en, "Female");
  ASSERT_TRUE(f.available);
  const auto want = stats::fit_poisson_trend({2020, 2021, 2022, 2023, 2024}, {20, 26, 31, 45, 60},
                                             {300, 300, 300, 300, 300});
  EXPECT_DOUBLE_EQ(f.slope, want.slope);
  EXPECT_DOUBLE_EQ(f.rr_per_year, want.rr_per_year);
  EXPECT_DOUBLE_EQ(f.dispersion, want.qp_dispersion);
  EXPECT_GT(f.rr_ci.lower, 1.0) << "the girls' rise is clear";
  EXPECT_LT(tr.strata[2].rr_ci.lower, 1.0) << "the boys have no trend";
  EXPECT_GT(tr.strata[2].rr_ci.upper, 1.0);
}

TEST(Trend, ASuppressedYearOrTooFewYearsGiveNoTrend) {
  DatasetBuilder b;
  b.add({.date = "2020-04-01", .sex = "female", .age_band = "13-17"}, 2);
  b.add({.date = "2021-04-01", .sex = "female", .age_band = "13-17"}, 30);
  b.add({.date = "2022-04-01", .sex = "female", .age_band = "13-17"}, 30);
  b.add({.date = "2020-04-01", .sex = "male", .age_band = "13-17"}, 30);
  const auto t = build_table(b.get(), by({"year"}), population({2020, 2021, 2022}, 300, 700));
  const auto tr = fit_trends(t);
  EXPECT_FALSE(tr.strata[1].available);
  EXPECT_EQ(tr.strata[1].reason, "a yearly count is suppressed");
  DatasetBuilder two;
  two.add({.date = "2021-04-01"}, 30).add({.date = "2022-04-01"}, 30);
  const auto t2 = build_table(two.get(), by({"year"}), population({2021, 2022}, 300, 700));
  EXPECT_EQ(fit_trends(t2).strata[1].reason, "fewer than 3 years");
}

}  // namespace
}  // namespace vaksam::tables
