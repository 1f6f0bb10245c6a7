// The effect estimate on data with a known effect: 300 comparable units and 30 units whose
// signals run at three times their rate until a deficiency is verified as remedied, then
// fall back; every unit shares a rise of 30 % in the second half (the trend the
// difference-in-differences must take out). The planted effect, 1/3, must be recovered.
#include "followup/effect.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "unit/followup/dataset_fixture.h"

namespace vaksam::followup {
namespace {

using testing::Builder;
using testing::day;

constexpr double kFactor = 3.0;

Builder world(uint32_t seed, size_t treated, double base_rate) {
  Builder b;
  std::mt19937_64 rng(seed);
  const uint32_t p = b.principal("K1");
  const facts::Day start = day("2021-01-01");
  for (size_t u = 0; u < 300 + treated; ++u) {
    const bool is_treated = u < treated;
    const uint32_t unit = b.unit("U" + std::to_string(u), p);
    // Events in 2023-01 .. 2023-06: 24 months of data before, 12+ after.
    const int event_month = 24 + static_cast<int>(u % 6);
    if (is_treated) {
      char decided[16], verified[16];
      const auto d1 = facts::day_iso(start + static_cast<int>((event_month - 4) * 30.44));
      const auto d2 = facts::day_iso(start + static_cast<int>(event_month * 30.44 + 10));
      std::snprintf(decided, sizeof decided, "%s", d1.c_str());
      std::snprintf(verified, sizeof verified, "%s", d2.c_str());
      const uint32_t i = b.inspection("I" + std::to_string(u), unit, decided);
      b.deficiency("D" + std::to_string(u), i, u % 2 ? "risk_assessment" : "self_monitoring", decided,
                   {{"open", decided}, {"account_received", decided}, {"accepted", decided}, {"verified", verified}});
    }
    for (int m = 0; m < 48; ++m) {
      double rate = base_rate * (m >= 24 ? 1.3 : 1.0);
      if (is_treated && m < event_month) rate *= kFactor;
      std::poisson_distribution<int> pois(rate);
      const int n = pois(rng);
      for (int k = 0; k < n; ++k) b.add_case(unit, start + static_cast<int>(m * 30.44) + 5 + k % 20);
    }
  }
  return b;
}

TEST(Effect, ThePlantedRemedyEffectIsRecoveredWithinItsInterval) {
  const Builder b = world(7, 30, 2.0);
  const auto r = supervision_effect(b.d);
  ASSERT_EQ(r.events.size(), 30u);
  size_t covered = 0;
  for (const auto& e : r.events) {
    EXPECT_GT(e.comparison_units, 250u);
    // The shared trend: 1.3 from month 24 (2023-01); before-windows of later events hold some of it.
    const int m = facts::month_index(e.date) - facts::month_index(day("2021-01-01"));
    const double expected = 1.3 * 12 / (12 - (m - 24) + 1.3 * (m - 24));
    EXPECT_NEAR(e.comparison_ratio, expected, 0.06) << m;
    covered += e.did_ci.lower <= 1 / kFactor && 1 / kFactor <= e.did_ci.upper;
    EXPECT_EQ(e.verdict, Verdict::fewer);  // 2/month for 12 months: a drop to a third is clear
  }
  EXPECT_GE(covered, 26u);  // 95 % intervals: 28.5 expected
  EXPECT_LE(r.overall.ci.lower, 1 / kFactor);
  EXPECT_GE(r.overall.ci.upper, 1 / kFactor);
  EXPECT_LT(r.overall.ci.upper, 0.45);
  EXPECT_EQ(r.overall.verdict, Verdict::fewer);
  ASSERT_EQ(r.by_category.size(), 2u);
  for (const auto& s : r.by_category) {
    EXPECT_LE(s.ci.lower, 1 / kFactor) << s.group;
    EXPECT_GE(s.ci.upper, 1 / kFactor) << s.group;
  }
  ASSERT_EQ(r.by_year.size(), 1u);
  EXPECT_EQ(r.by_year[0].group, "year:2023");
  // Without the comparison, the plain before/after ratio is biased by the shared trend.
  double log_rr = 0;
  for (const auto& e : r.events) log_rr += std::log(e.rate_ratio);
  EXPECT_GT(std::exp(log_rr / 30), 1.15 / kFactor);
}

TEST(Effect, NoEffectIsNotMistakenForOne) {
  Builder b = world(11, 0, 2.0);
  // 30 "remedies" at units with no planted problem.
  for (uint32_t u = 0; u < 30; ++u) {
    const uint32_t i = b.inspection("J" + std::to_string(u), u, "2022-10-01");
    b.deficiency("E" + std::to_string(u), i, "collaboration", "2022-12-01",
                 {{"open", "2022-10-01"}, {"accepted", "2022-12-01"}, {"verified", "2023-01-15"}});
  }
  const auto r = supervision_effect(b.d);
  ASSERT_EQ(r.events.size(), 30u);
  EXPECT_LE(r.overall.ci.lower, 1.0);
  EXPECT_GE(r.overall.ci.upper, 1.0);
  EXPECT_EQ(r.overall.verdict, Verdict::no_clear_change);
}

TEST(Effect, TooFewSignalsAreSaidPlainly) {
  Builder b = world(3, 4, 0.1);  // about one signal a year at comparable units
  const auto r = supervision_effect(b.d);
  ASSERT_EQ(r.events.size(), 4u);
  size_t too_few = 0;
  for (const auto& e : r.events) too_few += e.verdict == Verdict::too_few;
  EXPECT_GE(too_few, 3u);
  EXPECT_EQ(r.overall.verdict, Verdict::too_few);
  EXPECT_EQ(verdict_text(Verdict::too_few), "too few signals to tell");
}

TEST(Effect, EventsWithoutAFullWindowAreLeftOutAndCounted) {
  Builder b = world(5, 0, 1.0);
  const uint32_t early = b.inspection("X1", 0, "2021-03-01");
  b.deficiency("X1-1", early, "other", "2021-05-01", {{"open", "2021-03-01"}, {"verified", "2021-06-01"}});
  const uint32_t late = b.inspection("X2", 1, "2024-09-01");
  b.deficiency("X2-1", late, "other", "2024-10-01", {{"open", "2024-09-01"}, {"verified", "2024-11-01"}});
  const auto r = supervision_effect(b.d);
  EXPECT_EQ(r.events.size(), 0u);
  EXPECT_EQ(r.left_out_too_early, 1u);
  EXPECT_EQ(r.left_out_too_recent, 1u);
}

}  // namespace
}  // namespace vaksam::followup
