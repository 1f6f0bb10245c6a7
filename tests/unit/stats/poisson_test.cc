#include "stats/poisson.h"

#include <gtest/gtest.h>

#include <cmath>

#include "unit/stats/conformance.h"

namespace vaksam::stats {
namespace {

using testing::Checker;
using testing::closed_form;
using testing::through_distribution;

TEST(PoissonConformance, OneSampleMatchesR) {
  VAKSAM_LOAD_CONFORMANCE(csv, "poisson_one_sample.csv");
  ASSERT_EQ(csv.rows.size(), 28u);
  Checker check("poisson_one_sample.csv");
  for (const auto& row : csv.rows) {
    check.count_row();
    const std::string id = row.id();
    const PoissonTest r = poisson_test(row.count("x"), row.num("T"), row.num("r"));
    check.close(id, "expected_m", r.expected, row.num("expected_m"), closed_form());
    check.close(id, "estimate", r.estimate, row.num("estimate"), closed_form());
    check.close(id, "ci_lower", r.ci.lower, row.num("ci_lower"), through_distribution());
    check.close(id, "ci_upper", r.ci.upper, row.num("ci_upper"), through_distribution());
    check.close(id, "p_value", r.p_value, row.num("p_value"), through_distribution());
    check.close(id, "p_less", r.p_less, row.num("p_less"), through_distribution());
    check.close(id, "p_greater", r.p_greater, row.num("p_greater"), through_distribution());
  }
}

TEST(PoissonConformance, TwoSampleMatchesR) {
  VAKSAM_LOAD_CONFORMANCE(csv, "poisson_two_sample.csv");
  ASSERT_EQ(csv.rows.size(), 28u);
  Checker check("poisson_two_sample.csv");
  for (const auto& row : csv.rows) {
    check.count_row();
    const std::string id = row.id();
    const PoissonRatioTest r = poisson_test_two_sample(row.count("x1"), row.num("T1"),
                                                       row.count("x2"), row.num("T2"),
                                                       row.num("r"));
    check.close(id, "null_prob1", r.null_prob1, row.num("null_prob1"), closed_form());
    // The file holds R's `parameter`, which is n * null_prob1 only when r = 1 or T1 = T2.
    check.close(id, "expected_count1", r.expected_count1_r, row.num("expected_count1"),
                closed_form());
    check.close(id, "estimate", r.estimate, row.num("estimate"), closed_form());
    check.close(id, "ci_lower", r.ci.lower, row.num("ci_lower"), through_distribution());
    check.close(id, "ci_upper", r.ci.upper, row.num("ci_upper"), through_distribution());
    check.close(id, "p_value", r.p_value, row.num("p_value"), through_distribution());
    check.close(id, "p_less", r.p_less, row.num("p_less"), through_distribution());
    check.close(id, "p_greater", r.p_greater, row.num("p_greater"), through_distribution());
    const double n = row.num("x1") + row.num("x2");
    EXPECT_NEAR(r.expected_count1, n * row.num("null_prob1"), 1e-12 * (1 + n)) << id;
  }
}

// R's parameter weights T by c(1, r): it differs from the expected count when r != 1 and
// T1 != T2 (p2_31: 6.5217 where (x1 + x2) * null_prob1 = 6.5934).
TEST(Poisson, ExpectedCountKeepsRsValueApart) {
  const PoissonRatioTest r = poisson_test_two_sample(8, 3000, 2, 3100, 2);
  EXPECT_NEAR(r.expected_count1, 10 * 6000.0 / 9100.0, 1e-12);
  EXPECT_NEAR(r.expected_count1_r, 10 * 6000.0 / 9200.0, 1e-12);
}

// The 1 + 1e-7 slack: dpois(4, 5) == dpois(5, 5) in exact arithmetic, so x = 4 and x = 5 tie
// and the two-sided p-value is 1, not 1 minus a point probability.
TEST(Poisson, TwoSidedTieRule) {
  EXPECT_DOUBLE_EQ(poisson_two_sided_p(4, 5), 1.0);
  EXPECT_DOUBLE_EQ(poisson_two_sided_p(5, 5), 1.0);
  // Far from the mean the p-value is the sum of both tails beyond the observed density.
  EXPECT_LT(poisson_two_sided_p(15, 5), 0.001);
  EXPECT_EQ(poisson_two_sided_p(0, 0), 1.0);
  EXPECT_EQ(poisson_two_sided_p(1, 0), 0.0);
}

TEST(Poisson, ZeroCountsFollowR) {
  const PoissonRatioTest both_zero = poisson_test_two_sample(0, 1000, 0, 1000);
  EXPECT_TRUE(std::isnan(both_zero.estimate));
  EXPECT_EQ(both_zero.ci.lower, 0);
  EXPECT_TRUE(std::isinf(both_zero.ci.upper));
  EXPECT_EQ(both_zero.p_value, 1);
  const PoissonRatioTest x2_zero = poisson_test_two_sample(3, 1000, 0, 1000);
  EXPECT_TRUE(std::isinf(x2_zero.estimate));
  EXPECT_TRUE(std::isinf(x2_zero.ci.upper));
  EXPECT_GT(x2_zero.ci.lower, 0);
  const PoissonTest zero = poisson_test(0, 2, 1);
  EXPECT_EQ(zero.ci.lower, 0);
  EXPECT_NEAR(zero.ci.upper, -std::log(0.025) / 2, 1e-12);  // qgamma(0.975, 1) = -log(0.025)
}

TEST(Poisson, RejectsInvalidInput) {
  EXPECT_THROW(poisson_test(-1, 1, 1), std::invalid_argument);
  EXPECT_THROW(poisson_test(1, 0, 1), std::invalid_argument);
  EXPECT_THROW(poisson_test_two_sample(1, 1, 1, -1), std::invalid_argument);
}

}  // namespace
}  // namespace vaksam::stats
