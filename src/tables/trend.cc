#include "tables/trend.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "stats/poisson_regression.h"
#include "tables/multiplicity.h"

namespace vaksam::tables {

TrendResult fit_trends(const TableResult& t) {
  if (!t.rates) throw std::invalid_argument("a trend needs rates, and this table has none (see its notes)");
  const size_t y = axis_index(t, "year");
  const Axis& ax = t.axes[y];
  TrendResult out;
  std::vector<std::vector<int>> strata;
  for (const auto& c : t.cells) {
    std::vector<int> s = c.codes;
    s[y] = kTotal;
    if (std::find(strata.begin(), strata.end(), s) == strata.end()) strata.push_back(s);
  }
  std::vector<double> ps;
  for (auto s : strata) {
    TrendFit f;
    for (size_t a = 0; a < t.axes.size(); ++a) {
      if (a == y) continue;
      const bool total = s[a] == kTotal;
      f.stratum.codes.push_back(total ? "" : t.axes[a].categories[static_cast<size_t>(s[a])].code);
      const auto sv = total ? std::string("Totalt") : t.axes[a].categories[static_cast<size_t>(s[a])].sv;
      const auto en = total ? std::string("Total") : t.axes[a].categories[static_cast<size_t>(s[a])].en;
      f.stratum.label_sv += (f.stratum.label_sv.empty() ? "" : " × ") + sv;
      f.stratum.label_en += (f.stratum.label_en.empty() ? "" : " × ") + en;
    }
    if (f.stratum.label_sv.empty()) f.stratum.label_sv = "Totalt", f.stratum.label_en = "Total";
    std::vector<int> years;
    std::vector<double> counts, pys;
    for (size_t k = 0; k < ax.categories.size(); ++k) {
      s[y] = static_cast<int>(k);
      const TableCell* c = nullptr;
      for (const auto& cell : t.cells)
        if (cell.codes == s) c = &cell;
      if (!c || c->suppressed()) {
        f.reason = "a yearly count is suppressed";
        break;
      }
      if (!c->person_years) {
        f.reason = "a year has no denominator";
        break;
      }
      years.push_back(std::stoi(ax.categories[k].code));
      counts.push_back(static_cast<double>(*c->count));
      pys.push_back(*c->person_years);
    }
    double total = 0;
    for (double v : counts) total += v;
    if (f.reason.empty() && years.size() < 3) f.reason = "fewer than 3 years";
    if (f.reason.empty() && total == 0) f.reason = "no cases in any year";
    if (!f.reason.empty()) {
      out.strata.push_back(f);
      ps.push_back(std::nan(""));
      continue;
    }
    const auto fit = stats::fit_poisson_trend(years, counts, pys);
    f.available = fit.converged && std::isfinite(fit.slope) && std::isfinite(fit.slope_se);
    if (!f.available) {
      f.reason = "the regression did not converge (e.g. all cases in one year)";
      out.strata.push_back(f);
      ps.push_back(std::nan(""));
      continue;
    }
    f.years = fit.n_years, f.first_year = fit.year_first, f.last_year = fit.year_last;
    f.slope = fit.slope, f.slope_se = fit.slope_se, f.p_value = fit.slope_p;
    f.rr_per_year = fit.rr_per_year, f.rr_ci = fit.rr_ci;
    f.dispersion = fit.qp_dispersion;
    f.rr_ci_qp = {std::exp(fit.qp_ci_t.lower), std::exp(fit.qp_ci_t.upper)};
    f.p_value_qp = fit.qp_slope_p;
    out.strata.push_back(f);
    ps.push_back(f.p_value_qp);
  }
  const auto h = holm(ps), bh = benjamini_hochberg(ps);
  for (size_t i = 0; i < out.strata.size(); ++i) out.strata[i].p_holm = h[i], out.strata[i].p_bh = bh[i];
  out.notes.push_back("Trend: Poisson regression of the yearly count on the year with log person-years as offset "
                      "(R's glm); rate ratio per year with its Wald 95 % interval, and with the quasi-Poisson "
                      "interval (t quantiles, widened by the square root of the dispersion; dispersion above 1 means "
                      "more variation than Poisson). Quasi-Poisson p-values adjusted by Holm and Benjamini-Hochberg.");
  return out;
}

}  // namespace vaksam::tables
