#include <gtest/gtest.h>

#include <cmath>

#include "stats/fisher_2x2.h"
#include "stats/fisher_rxc.h"
#include "unit/stats/conformance.h"

namespace vaksam::stats {
namespace {

using testing::Checker;
using testing::closed_form;
using testing::through_distribution;
using testing::Tolerance;

constexpr Tolerance kTight{1e-8, 0, 0};  // README: *_tight columns, solved to ~1e-13

TEST(FisherConformance, TwoByTwoMatchesR) {
  VAKSAM_LOAD_CONFORMANCE(csv, "fisher_2x2.csv");
  ASSERT_EQ(csv.rows.size(), 15u);
  Checker check("fisher_2x2.csv");
  Checker check_r("fisher_2x2.csv (R's uniroot tolerance)");
  for (const auto& row : csv.rows) {
    check.count_row();
    check_r.count_row();
    const std::string id = row.id();
    const int64_t a = row.count("a"), b = row.count("b"), c = row.count("c"), d = row.count("d");
    const FisherTest2x2 f = fisher_test_2x2(a, b, c, d);
    check.close(id, "p_value", f.p_value, row.num("p_value"), through_distribution());
    check.close(id, "p_less", f.p_less, row.num("p_less"), through_distribution());
    check.close(id, "p_greater", f.p_greater, row.num("p_greater"), through_distribution());
    check.close(id, "or_sample", f.sample_odds_ratio, row.num("or_sample"), closed_form());
    check.close(id, "or_cmle_tight", f.odds_ratio, row.num("or_cmle_tight"), kTight);
    check.close(id, "ci_lower_tight", f.ci.lower, row.num("ci_lower_tight"), kTight);
    check.close(id, "ci_upper_tight", f.ci.upper, row.num("ci_upper_tight"), kTight);

    // Same equations solved with R's own uniroot steps and tolerance: R's printed values.
    const FisherTest2x2 r = fisher_test_2x2(a, b, c, d, 0.95, kRUnirootTolerance);
    const Tolerance as_r{1e-9, 0, 0};  // README allows 2e-2; the same root finder does better
    check_r.close(id, "or_cmle", r.odds_ratio, row.num("or_cmle"), as_r);
    check_r.close(id, "ci_lower", r.ci.lower, row.num("ci_lower"), as_r);
    check_r.close(id, "ci_upper", r.ci.upper, row.num("ci_upper"), as_r);
  }
}

TEST(FisherConformance, RxcMatchesR) {
  VAKSAM_LOAD_CONFORMANCE(csv, "fisher_rxc.csv");
  ASSERT_EQ(csv.rows.size(), 11u);
  Checker check("fisher_rxc.csv");
  for (const auto& row : csv.rows) {
    check.count_row();
    Table t;
    t.nrow = static_cast<int>(row.count("nrow"));
    t.ncol = static_cast<int>(row.count("ncol"));
    t.cells = row.list("cells");
    double total = 0;
    for (double v : t.cells) total += v;
    check.exact(row.id(), "total", total, row.num("total"));
    check.close(row.id(), "p_value", fisher_test_rxc(t), row.num("p_value"),
                through_distribution());
  }
}

// The r x c algorithm on a 2x2 table must agree with the hypergeometric 2x2 computation.
TEST(Fisher, RxcAgreesWith2x2) {
  const int64_t tables[][4] = {{12, 5, 7, 9}, {3, 1, 1, 3}, {1, 6, 12, 4}, {10, 10, 10, 10},
                               {2, 98, 11, 87}, {0, 7, 0, 12}, {30, 1, 2, 1}};
  for (const auto& x : tables) {
    const Table t{2, 2, {double(x[0]), double(x[1]), double(x[2]), double(x[3])}};
    EXPECT_NEAR(fisher_test_rxc(t), fisher_test_2x2(x[0], x[1], x[2], x[3]).p_value, 1e-12)
        << x[0] << " " << x[1] << " " << x[2] << " " << x[3];
  }
}

// Transposing or permuting rows and columns does not change the exact p-value.
TEST(Fisher, RxcIsInvariantUnderTransposition) {
  const Table t{3, 4, {3, 1, 0, 2, 1, 4, 2, 0, 0, 2, 3, 5}};
  Table tt{4, 3, std::vector<double>(12)};
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 4; ++j) tt.cells[j * 3 + i] = t.at(i, j);
  }
  const Table swapped{3, 4, {0, 2, 3, 5, 1, 4, 2, 0, 3, 1, 0, 2}};
  const double p = fisher_test_rxc(t);
  EXPECT_GT(p, 0);
  EXPECT_LT(p, 1);
  EXPECT_NEAR(fisher_test_rxc(tt), p, 1e-13);
  EXPECT_NEAR(fisher_test_rxc(swapped), p, 1e-13);
}

TEST(Fisher, TeaTasting) {
  // Fisher's tea-tasting table: p = 0.4857 = 34/70 and R prints the odds ratio 6.408309,
  // which carries uniroot's tolerance; solved tightly the MLE is 6.40832.
  const FisherTest2x2 f = fisher_test_2x2(3, 1, 1, 3);
  EXPECT_NEAR(f.p_value, 34.0 / 70.0, 1e-12);
  EXPECT_NEAR(f.odds_ratio, 6.4083197, 1e-7);
  EXPECT_NEAR(fisher_test_2x2(3, 1, 1, 3, 0.95, kRUnirootTolerance).odds_ratio, 6.408309, 1e-6);
  EXPECT_EQ(f.sample_odds_ratio, 9);
}

TEST(Fisher, EndsOfTheSupport) {
  const FisherTest2x2 zero_margin = fisher_test_2x2(0, 7, 0, 12);
  EXPECT_EQ(zero_margin.odds_ratio, 0);
  EXPECT_EQ(zero_margin.ci.lower, 0);
  EXPECT_TRUE(std::isinf(zero_margin.ci.upper));
  EXPECT_EQ(zero_margin.p_value, 1);
  const FisherTest2x2 top = fisher_test_2x2(8, 0, 3, 9);
  EXPECT_TRUE(std::isinf(top.odds_ratio));
  EXPECT_TRUE(std::isinf(top.ci.upper));
  EXPECT_GT(top.ci.lower, 1);
}

TEST(Fisher, RefusesTablesTooLargeForTheBudget) {
  const Table t{4, 6, {30, 50, 20, 40, 10, 20, 20, 40, 60, 10, 30, 20,
                       50, 10, 30, 20, 40, 30, 10, 20, 40, 60, 20, 30}};
  EXPECT_THROW(fisher_test_rxc(t, /*max_work=*/10000), std::runtime_error);
  EXPECT_THROW(fisher_test_rxc(Table{2, 2, {1.5, 2, 3, 4}}), std::invalid_argument);
}

}  // namespace
}  // namespace vaksam::stats
