#include "stats/proportions.h"

#include <gtest/gtest.h>

#include <cmath>

#include "unit/stats/conformance.h"

namespace vaksam::stats {
namespace {

using testing::Checker;
using testing::closed_form;
using testing::through_distribution;
using testing::Tolerance;

// Newcombe limits are differences of O(1) numbers (p1 - p2 - sqrt(...)) and can be close to 0
// (b2_34: -1.1e-4 = 0.301 - 0.301): a few ulps of 1 in the inputs is then 1e-12 relative. So
// they pass at 1e-12 relative or 1e-15 absolute.
constexpr Tolerance kNewcombe{1e-12, 1e-15, 0};

TEST(ProportionsConformance, TwoSampleMatchesR) {
  VAKSAM_LOAD_CONFORMANCE(csv, "prop_two_sample.csv");
  ASSERT_EQ(csv.rows.size(), 28u);
  Checker check("prop_two_sample.csv");
  for (const auto& row : csv.rows) {
    check.count_row();
    const std::string id = row.id();
    const int64_t x1 = row.count("x1"), n1 = row.count("n1");
    const int64_t x2 = row.count("x2"), n2 = row.count("n2");
    const PropTest2 plain = prop_test_two_sample(x1, n1, x2, n2, /*correct=*/false);
    check.close(id, "p1", plain.estimate1, row.num("p1"), closed_form());
    check.close(id, "p2", plain.estimate2, row.num("p2"), closed_form());
    check.close(id, "diff", plain.difference, row.num("diff"), closed_form());
    check.close(id, "pt_statistic", plain.statistic, row.num("pt_statistic"), closed_form());
    check.exact(id, "pt_df", plain.df, row.num("pt_df"));
    check.close(id, "pt_p", plain.p_value, row.num("pt_p"), through_distribution());
    check.close(id, "pt_lower", plain.ci.lower, row.num("pt_lower"), closed_form());
    check.close(id, "pt_upper", plain.ci.upper, row.num("pt_upper"), closed_form());
    check.exact(id, "warn_approx", plain.warn_approx, row.num("warn_approx"));

    const PropTest2 cc = prop_test_two_sample(x1, n1, x2, n2, /*correct=*/true);
    check.close(id, "ptcc_yates", cc.yates, row.num("ptcc_yates"), closed_form());
    check.close(id, "ptcc_statistic", cc.statistic, row.num("ptcc_statistic"), closed_form());
    check.close(id, "ptcc_p", cc.p_value, row.num("ptcc_p"), through_distribution());
    check.close(id, "ptcc_lower", cc.ci.lower, row.num("ptcc_lower"), closed_form());
    check.close(id, "ptcc_upper", cc.ci.upper, row.num("ptcc_upper"), closed_form());
    check.exact(id, "warn_approx(cc)", cc.warn_approx, row.num("warn_approx"));

    const Interval w1 = wilson_interval(x1, n1), w2 = wilson_interval(x2, n2);
    check.close(id, "w1_lower", w1.lower, row.num("w1_lower"), closed_form());
    check.close(id, "w1_upper", w1.upper, row.num("w1_upper"), closed_form());
    check.close(id, "w2_lower", w2.lower, row.num("w2_lower"), closed_form());
    check.close(id, "w2_upper", w2.upper, row.num("w2_upper"), closed_form());
    const Interval n10 = newcombe_difference(x1, n1, x2, n2, /*continuity_correction=*/false);
    check.close(id, "newcombe10_lower", n10.lower, row.num("newcombe10_lower"), kNewcombe);
    check.close(id, "newcombe10_upper", n10.upper, row.num("newcombe10_upper"), kNewcombe);

    const Interval c1 = wilson_cc_interval(x1, n1), c2 = wilson_cc_interval(x2, n2);
    check.close(id, "wcc1_lower", c1.lower, row.num("wcc1_lower"), closed_form());
    check.close(id, "wcc1_upper", c1.upper, row.num("wcc1_upper"), closed_form());
    check.close(id, "wcc2_lower", c2.lower, row.num("wcc2_lower"), closed_form());
    check.close(id, "wcc2_upper", c2.upper, row.num("wcc2_upper"), closed_form());
    const Interval n11 = newcombe_difference(x1, n1, x2, n2, /*continuity_correction=*/true);
    check.close(id, "newcombe11_lower", n11.lower, row.num("newcombe11_lower"), kNewcombe);
    check.close(id, "newcombe11_upper", n11.upper, row.num("newcombe11_upper"), kNewcombe);
  }
}

// Newcombe (1998) Table II, example (a) 56/70 vs 48/80, method 10: 0.0524 to 0.3339.
TEST(Proportions, NewcombeTableTwo) {
  const Interval ci = newcombe_difference(56, 70, 48, 80);
  EXPECT_NEAR(ci.lower, 0.0524, 5e-5);
  EXPECT_NEAR(ci.upper, 0.3339, 5e-5);
}

// The textbook continuity-corrected Wilson interval (Newcombe 1998a, method 4), closed form.
TEST(Proportions, WilsonCcMatchesClosedForm) {
  const double z = 1.959963984540054;
  for (int n : {1, 7, 30, 250}) {
    for (int x = 0; x <= n; x += std::max(1, n / 7)) {
      const double p = static_cast<double>(x) / n, q = 1 - p;
      const double z2 = z * z;
      const double lower =
          x == 0 ? 0
                 : (2 * n * p + z2 - 1 - z * std::sqrt(z2 - 2 - 1.0 / n + 4 * p * (n * q + 1))) /
                       (2 * (n + z2));
      const double upper =
          x == n ? 1
                 : (2 * n * p + z2 + 1 + z * std::sqrt(z2 + 2 - 1.0 / n + 4 * p * (n * q - 1))) /
                       (2 * (n + z2));
      const Interval ci = wilson_cc_interval(x, n);
      EXPECT_NEAR(ci.lower, lower, 1e-14) << x << "/" << n;
      EXPECT_NEAR(ci.upper, upper, 1e-14) << x << "/" << n;
    }
  }
}

// prop.test caps the correction: with x within 1/2 of n*p0 it is |x - n*p0|, not 1/2.
TEST(Proportions, CorrectionIsCapped) {
  const PropTest at_null = prop_test_one_sample(50, 100, 0.5, true);
  EXPECT_EQ(at_null.yates, 0);
  EXPECT_EQ(at_null.statistic, 0);
  EXPECT_EQ(at_null.p_value, 1);
  const PropTest2 close = prop_test_two_sample(11, 40, 12, 41, true);
  EXPECT_LT(close.yates, 0.5);
  EXPECT_LT(close.statistic, 1e-12);
}

TEST(Proportions, DegenerateTables) {
  const PropTest2 none = prop_test_two_sample(0, 10, 0, 20, false);
  EXPECT_TRUE(std::isnan(none.statistic));
  EXPECT_TRUE(std::isnan(none.p_value));
  EXPECT_EQ(none.ci.lower, 0);
  EXPECT_EQ(none.ci.upper, 0);
  EXPECT_THROW(prop_test_two_sample(3, 2, 1, 2), std::invalid_argument);
  EXPECT_THROW(prop_test_one_sample(1, 2, 0.0), std::invalid_argument);
}

}  // namespace
}  // namespace vaksam::stats
