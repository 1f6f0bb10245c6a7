// Comparisons between two groups of a published table: rate ratios with exact
// Poisson intervals, differences of proportions with Newcombe/Wilson intervals,
// exact binomial intervals, chi-square and Fisher's exact tests. They read only
// the counts the table publishes, so a comparison never reveals a suppressed
// cell; where a count it needs is suppressed it says so instead. Every family
// of comparisons carries Holm- and BH-adjusted p-values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "stats/interval.h"
#include "tables/table.h"

namespace vaksam::tables {

// One stratum: the codes of the other dimensions ("" = total), with labels.
struct Stratum {
  std::vector<std::string> codes;
  std::string label_sv, label_en;  // "2024 × Fysiskt våld"; "Totalt" when there is no other dimension
};

struct RateRatio {
  Stratum stratum;
  bool available = false;
  std::string reason;  // when not available: e.g. "a count is suppressed"
  int64_t count_a = 0, count_b = 0;
  double person_years_a = 0, person_years_b = 0;
  double rate_a = 0, rate_b = 0;  // per the table's unit
  std::optional<double> ratio;    // nullopt when both counts are 0
  double lower = 0;
  std::optional<double> upper;    // nullopt: unbounded (count_b = 0)
  double p_value = 0;             // exact conditional test of ratio 1
  double p_holm = 0, p_bh = 0;
};

struct RateComparison {
  std::string axis, code_a, code_b, label_a_sv, label_b_sv, label_a_en, label_b_en;
  std::vector<RateRatio> strata;
  std::vector<std::string> notes;
};

// Rate of group a over group b (codes on `axis`) within every stratum of the
// other dimensions. Throws std::invalid_argument if the table has no rates, the
// axis does not exist or a code is not one of its categories.
RateComparison compare_rates(const TableResult& t, const std::string& axis, const std::string& code_a,
                             const std::string& code_b);

struct ProportionDifference {
  Stratum stratum;
  bool available = false;
  std::string reason;
  int64_t x_a = 0, n_a = 0, x_b = 0, n_b = 0;
  double p_a = 0, p_b = 0, difference = 0;
  stats::Interval wilson_a, wilson_b, exact_a, exact_b;  // Wilson and Clopper-Pearson
  stats::Interval newcombe;                              // method 10, for p_a - p_b
  std::optional<double> chi2, chi2_p;                    // Pearson, no continuity correction
  bool chi2_warn = false;                                // an expected count below 5
  double fisher_p = 0;
  std::optional<double> fisher_odds_ratio;               // conditional MLE; nullopt if infinite
  double p_holm = 0, p_bh = 0;                           // adjusted Fisher p-values
};

struct ProportionComparison {
  std::string axis, code_a, code_b, outcome_axis, outcome_code;
  std::string label_a_sv, label_b_sv, label_a_en, label_b_en, outcome_sv, outcome_en;
  std::vector<ProportionDifference> strata;
  std::vector<std::string> notes;
};

// The share with `outcome_code` on `outcome_axis` (which must have a total) in
// group a against group b, within every stratum of the other dimensions.
ProportionComparison compare_proportions(const TableResult& t, const std::string& axis, const std::string& code_a,
                                         const std::string& code_b, const std::string& outcome_axis,
                                         const std::string& outcome_code);

// Independence of two dimensions over their categories (the other dimensions at
// their totals): Pearson chi-square and Fisher's exact test (r x c).
struct IndependenceTest {
  std::string row_axis, column_axis;
  bool available = false;
  std::string reason;
  int rows = 0, columns = 0;
  double chi2 = 0, chi2_df = 0, chi2_p = 0;
  bool chi2_warn = false;
  std::optional<double> fisher_p;  // nullopt when the table is too large for the exact test
};
IndependenceTest independence_test(const TableResult& t, const std::string& row_axis,
                                   const std::string& column_axis);

// Index of the axis named `name` in t, or throws std::invalid_argument.
size_t axis_index(const TableResult& t, const std::string& name);

}  // namespace vaksam::tables
