// Trends over years: for every stratum of a table's other dimensions, the
// Poisson regression count ~ year + offset(log person-years) (R's glm), with the
// annual rate ratio, its interval, and the quasi-Poisson dispersion so that
// overdispersion is visible and the interval can be widened by it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "stats/interval.h"
#include "tables/compare.h"

namespace vaksam::tables {

struct TrendFit {
  Stratum stratum;
  bool available = false;
  std::string reason;
  int years = 0, first_year = 0, last_year = 0;
  double slope = 0, slope_se = 0, p_value = 0;
  double rr_per_year = 0;
  stats::Interval rr_ci;     // Wald, Poisson
  double dispersion = 0;     // quasi-Poisson (Pearson X2 / df); 1 = Poisson
  stats::Interval rr_ci_qp;  // widened by sqrt(dispersion), t(df) quantiles
  double p_value_qp = 0;
  double p_holm = 0, p_bh = 0;  // adjusted quasi-Poisson p-values
};

struct TrendResult {
  std::vector<TrendFit> strata;
  std::vector<std::string> notes;
};

// The table must have a "year" dimension and rates. Every yearly count of a
// stratum must be published; a stratum with a suppressed year gets no trend.
TrendResult fit_trends(const TableResult& t);

}  // namespace vaksam::tables
