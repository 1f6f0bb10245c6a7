#include "stats/binomial.h"

#include <gtest/gtest.h>

#include "stats/proportions.h"
#include "unit/stats/conformance.h"

namespace vaksam::stats {
namespace {

using testing::Checker;
using testing::closed_form;
using testing::through_distribution;

TEST(BinomialConformance, OneSampleMatchesR) {
  VAKSAM_LOAD_CONFORMANCE(csv, "binom_one_sample.csv");
  ASSERT_EQ(csv.rows.size(), 28u);
  Checker check("binom_one_sample.csv");
  for (const auto& row : csv.rows) {
    check.count_row();
    const std::string id = row.id();
    const int64_t x = row.count("x"), n = row.count("n");
    const double p0 = row.num("p0");
    const BinomTest b = binom_test(x, n, p0);
    check.close(id, "estimate", b.estimate, row.num("estimate"), closed_form());
    check.close(id, "cp_lower", b.ci.lower, row.num("cp_lower"), through_distribution());
    check.close(id, "cp_upper", b.ci.upper, row.num("cp_upper"), through_distribution());
    check.close(id, "binom_p", b.p_value, row.num("binom_p"), through_distribution());
    check.close(id, "binom_p_less", b.p_less, row.num("binom_p_less"), through_distribution());
    check.close(id, "binom_p_greater", b.p_greater, row.num("binom_p_greater"),
                through_distribution());

    const PropTest plain = prop_test_one_sample(x, n, p0, /*correct=*/false);
    const Interval wilson = wilson_interval(x, n);
    check.close(id, "wilson_lower", plain.ci.lower, row.num("wilson_lower"), closed_form());
    check.close(id, "wilson_upper", plain.ci.upper, row.num("wilson_upper"), closed_form());
    EXPECT_DOUBLE_EQ(wilson.lower, plain.ci.lower) << id;
    EXPECT_DOUBLE_EQ(wilson.upper, plain.ci.upper) << id;
    check.close(id, "pt_statistic", plain.statistic, row.num("pt_statistic"), closed_form());
    check.close(id, "pt_p", plain.p_value, row.num("pt_p"), through_distribution());

    const PropTest cc = prop_test_one_sample(x, n, p0, /*correct=*/true);
    check.close(id, "ptcc_yates", cc.yates, row.num("ptcc_yates"), closed_form());
    check.close(id, "ptcc_lower", cc.ci.lower, row.num("ptcc_lower"), closed_form());
    check.close(id, "ptcc_upper", cc.ci.upper, row.num("ptcc_upper"), closed_form());
    check.close(id, "ptcc_statistic", cc.statistic, row.num("ptcc_statistic"), closed_form());
    check.close(id, "ptcc_p", cc.p_value, row.num("ptcc_p"), through_distribution());
    check.exact(id, "warn_approx", plain.warn_approx, row.num("warn_approx"));
    check.exact(id, "warn_approx(cc)", cc.warn_approx, row.num("warn_approx"));

    const Interval wcc = wilson_cc_interval(x, n);
    check.close(id, "wilson_cc_lower", wcc.lower, row.num("wilson_cc_lower"), closed_form());
    check.close(id, "wilson_cc_upper", wcc.upper, row.num("wilson_cc_upper"), closed_form());
  }
}

// A symmetric binomial: dbinom(3, 7, .5) == dbinom(4, 7, .5), so the tie counts and p = 1.
TEST(Binomial, TwoSidedTieRule) {
  EXPECT_DOUBLE_EQ(binom_two_sided_p(3, 7, 0.5), 1.0);
  EXPECT_DOUBLE_EQ(binom_two_sided_p(4, 7, 0.5), 1.0);
  EXPECT_NEAR(binom_two_sided_p(0, 5, 0.5), 0.0625, 1e-15);
  EXPECT_EQ(binom_two_sided_p(0, 5, 0.0), 1.0);
  EXPECT_EQ(binom_two_sided_p(1, 5, 0.0), 0.0);
  EXPECT_EQ(binom_two_sided_p(5, 5, 1.0), 1.0);
}

TEST(Binomial, ClopperPearsonEnds) {
  EXPECT_EQ(clopper_pearson(0, 10).lower, 0);
  EXPECT_EQ(clopper_pearson(10, 10).upper, 1);
  // x = 0: the upper limit solves (1 - p)^n = 0.025.
  EXPECT_NEAR(clopper_pearson(0, 10).upper, 1 - std::pow(0.025, 0.1), 1e-14);
  EXPECT_THROW(clopper_pearson(11, 10), std::invalid_argument);
}

}  // namespace
}  // namespace vaksam::stats
