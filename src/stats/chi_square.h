// Pearson's chi-square test of independence in a two-way table, as R's chisq.test.
#pragma once

#include <vector>

#include "stats/table.h"

namespace vaksam::stats {

struct ChiSquareTest {
  double statistic = 0;  // NaN if a row or column total is 0 (as R)
  double df = 0;         // (r - 1)(c - 1)
  double p_value = 0;
  double yates = 0;      // 2x2 with correction: min(0.5, min |O - E|); otherwise 0
  bool warn_approx = false;        // R warns: some expected count below 5
  std::vector<double> expected;    // E = row total * column total / n, row by row
  std::vector<double> residuals;   // Pearson residuals (O - E) / sqrt(E)
  std::vector<double> stdres;      // (O - E) / sqrt(V), V = r c (n - r)(n - c) / n^3
};

// chisq.test(x, correct): the Yates correction applies to 2x2 tables only, and is capped at
// the smallest |O - E| so that a table at its expectation gets statistic 0, not a positive one.
// Requires at least 2 rows and 2 columns, non-negative cells and a positive total.
ChiSquareTest chisq_test(const Table& table, bool correct = true);

}  // namespace vaksam::stats
