#include "stats/chi_square.h"

#include <gtest/gtest.h>

#include <cmath>

#include "unit/stats/conformance.h"

namespace vaksam::stats {
namespace {

using testing::Checker;
using testing::closed_form;
using testing::through_distribution;

Table table_of(const testing::Row& row) {
  Table t;
  t.nrow = static_cast<int>(row.count("nrow"));
  t.ncol = static_cast<int>(row.count("ncol"));
  t.cells = row.list("cells");
  return t;
}

TEST(ChiSquareConformance, MatchesR) {
  VAKSAM_LOAD_CONFORMANCE(csv, "chisq.csv");
  ASSERT_EQ(csv.rows.size(), 27u);
  Checker check("chisq.csv");
  for (const auto& row : csv.rows) {
    check.count_row();
    const std::string id = row.id();
    const Table t = table_of(row);
    const ChiSquareTest plain = chisq_test(t, /*correct=*/false);
    check.close(id, "statistic", plain.statistic, row.num("statistic"), closed_form());
    check.exact(id, "df", plain.df, row.num("df"));
    check.close(id, "p_value", plain.p_value, row.num("p_value"), through_distribution());
    check.exact(id, "warn_approx", plain.warn_approx, row.num("warn_approx"));
    check.list(id, "expected", plain.expected, row.list("expected"), closed_form());
    check.list(id, "residuals", plain.residuals, row.list("residuals"), closed_form());
    check.list(id, "stdres", plain.stdres, row.list("stdres"), closed_form());
    EXPECT_EQ(plain.yates, 0) << id;

    const ChiSquareTest cc = chisq_test(t, /*correct=*/true);
    check.close(id, "cc_yates", cc.yates, row.num("cc_yates"), closed_form());
    check.close(id, "cc_statistic", cc.statistic, row.num("cc_statistic"), closed_form());
    check.close(id, "cc_p_value", cc.p_value, row.num("cc_p_value"), through_distribution());
    check.exact(id, "warn_approx(cc)", cc.warn_approx, row.num("warn_approx"));
  }
}

TEST(ChiSquare, YatesOnlyFor2x2) {
  const Table t{2, 3, {10, 20, 30, 20, 15, 5}};
  EXPECT_EQ(chisq_test(t, true).statistic, chisq_test(t, false).statistic);
  EXPECT_EQ(chisq_test(t, true).yates, 0);
  const Table u{2, 2, {12, 5, 7, 9}};
  EXPECT_EQ(chisq_test(u, true).yates, 0.5);
  EXPECT_LT(chisq_test(u, true).statistic, chisq_test(u, false).statistic);
}

TEST(ChiSquare, RejectsBadTables) {
  EXPECT_THROW(chisq_test(Table{1, 2, {1, 2}}), std::invalid_argument);
  EXPECT_THROW(chisq_test(Table{2, 2, {0, 0, 0, 0}}), std::invalid_argument);
  EXPECT_THROW(chisq_test(Table{2, 2, {1, -1, 2, 3}}), std::invalid_argument);
  EXPECT_THROW(chisq_test(Table{2, 2, {1, 2, 3}}), std::invalid_argument);
}

}  // namespace
}  // namespace vaksam::stats
