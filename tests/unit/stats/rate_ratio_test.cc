#include "stats/rate_ratio.h"

#include <gtest/gtest.h>

#include <cmath>

#include "unit/stats/conformance.h"

namespace vaksam::stats {
namespace {

using testing::Checker;
using testing::closed_form;
using testing::through_distribution;
using testing::Tolerance;

// README: 1e-9 relative where above 1e-12, else absolute 1e-15 (epitools computes 1 - x).
constexpr Tolerance kOneMinus{1e-9, 1e-15, 0};

TEST(RateRatioConformance, WaldMidpAndScoreMatchEpitools) {
  VAKSAM_LOAD_CONFORMANCE(csv, "rate_ratio_wald.csv");
  ASSERT_EQ(csv.rows.size(), 28u);
  Checker check("rate_ratio_wald.csv");
  int compared = 0;
  for (const auto& row : csv.rows) {
    check.count_row();
    const std::string id = row.id();
    const int64_t x1 = row.count("x1"), x2 = row.count("x2");
    const double t1 = row.num("T1"), t2 = row.num("T2");
    const RateRatioWald r = rate_ratio_wald(x1, t1, x2, t2);
    check.close(id, "rate1", r.rate1, row.num("rate1"), closed_form());
    check.close(id, "rate2", r.rate2, row.num("rate2"), closed_form());
    check.close(id, "estimate", r.estimate, row.num("estimate"), closed_form());
    check.close(id, "midp_p", rate_ratio_midp_p(x1, t1, x2, t2), row.num("midp_p"), kOneMinus);
    check.close(id, "cond_score_p", rate_ratio_score_p(x1, t1, x2, t2), row.num("cond_score_p"),
                kOneMinus);
    // With a zero count the interval does not exist: the module says so instead of echoing
    // R's 0/NaN/Inf arithmetic.
    EXPECT_EQ(r.defined, x1 > 0 && x2 > 0) << id;
    if (!r.defined) {
      EXPECT_TRUE(std::isnan(r.ci.lower) && std::isnan(r.ci.upper) && std::isnan(r.se_log)) << id;
      continue;
    }
    ++compared;
    check.close(id, "log_estimate", r.log_estimate, row.num("log_estimate"), closed_form());
    check.close(id, "se_log", r.se_log, row.num("se_log"), closed_form());
    check.close(id, "ci_lower", r.ci.lower, row.num("ci_lower"), closed_form());
    check.close(id, "ci_upper", r.ci.upper, row.num("ci_upper"), closed_form());
    check.close(id, "wald_z", r.z, row.num("wald_z"), closed_form());
    check.close(id, "wald_p", r.p_value, row.num("wald_p"), through_distribution());
  }
  EXPECT_EQ(compared, 23);  // 5 cases have a zero count
}

TEST(RateRatio, WaldIsSymmetricOnTheLogScale) {
  const RateRatioWald r = rate_ratio_wald(60, 100000, 30, 100000);
  EXPECT_DOUBLE_EQ(r.estimate, 2.0);
  EXPECT_NEAR(std::log(r.ci.upper) - std::log(2.0), std::log(2.0) - std::log(r.ci.lower), 1e-14);
  const RateRatioWald inverse = rate_ratio_wald(30, 100000, 60, 100000);
  EXPECT_NEAR(inverse.ci.lower, 1 / r.ci.upper, 1e-14);
}

TEST(RateRatio, ZeroCountsAreNotDefined) {
  const RateRatioWald r = rate_ratio_wald(0, 5000, 3, 5000);
  EXPECT_FALSE(r.defined);
  EXPECT_EQ(r.estimate, 0);
  EXPECT_TRUE(std::isnan(rate_ratio_score_p(0, 10, 0, 10)));
  EXPECT_EQ(rate_ratio_midp_p(0, 10, 0, 10), 1);
}

}  // namespace
}  // namespace vaksam::stats
