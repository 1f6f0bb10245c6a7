#include "tables/compare.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "stats/binomial.h"
#include "stats/chi_square.h"
#include "stats/fisher_2x2.h"
#include "stats/fisher_rxc.h"
#include "stats/poisson.h"
#include "stats/proportions.h"
#include "tables/multiplicity.h"

namespace vaksam::tables {

namespace {

int category_of(const Axis& a, const std::string& code) {
  for (size_t k = 0; k < a.categories.size(); ++k)
    if (a.categories[k].code == code) return static_cast<int>(k);
  std::string valid;
  for (const auto& c : a.categories) valid += (valid.empty() ? "" : ", ") + c.code;
  throw std::invalid_argument("no " + a.name + " '" + code + "'; the values are " + valid);
}

const TableCell* cell_at(const TableResult& t, std::vector<int> codes) {
  for (const auto& c : t.cells)
    if (c.codes == codes) return &c;
  return nullptr;
}

// The strata: every combination of codes of the axes other than `skip` (and
// `skip2`), in table order, as they occur among the cells.
std::vector<std::vector<int>> strata_of(const TableResult& t, size_t skip, size_t skip2 = SIZE_MAX) {
  std::vector<std::vector<int>> out;
  for (const auto& c : t.cells) {
    std::vector<int> s = c.codes;
    s[skip] = kTotal;
    if (skip2 != SIZE_MAX) s[skip2] = kTotal;
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

Stratum describe_stratum(const TableResult& t, const std::vector<int>& s, size_t skip, size_t skip2 = SIZE_MAX) {
  Stratum st;
  for (size_t a = 0; a < t.axes.size(); ++a) {
    if (a == skip || a == skip2) continue;
    const bool total = s[a] == kTotal;
    st.codes.push_back(total ? "" : t.axes[a].categories[static_cast<size_t>(s[a])].code);
    const std::string sv = total ? "Totalt" : t.axes[a].categories[static_cast<size_t>(s[a])].sv;
    const std::string en = total ? "Total" : t.axes[a].categories[static_cast<size_t>(s[a])].en;
    st.label_sv += (st.label_sv.empty() ? "" : " × ") + sv;
    st.label_en += (st.label_en.empty() ? "" : " × ") + en;
  }
  if (st.label_sv.empty()) st.label_sv = "Totalt", st.label_en = "Total";
  return st;
}

}  // namespace

size_t axis_index(const TableResult& t, const std::string& name) {
  for (size_t a = 0; a < t.axes.size(); ++a)
    if (t.axes[a].name == name || (name == "kind" && t.axes[a].name == "case_kind")) return a;
  std::string have;
  for (const auto& a : t.axes) have += (have.empty() ? "" : ", ") + a.name;
  throw std::invalid_argument("the table has no dimension '" + name + "'; it has " + have);
}

RateComparison compare_rates(const TableResult& t, const std::string& axis, const std::string& code_a,
                             const std::string& code_b) {
  if (!t.rates) throw std::invalid_argument("the table has no rates (see its notes), so no rate ratio can be given");
  const size_t g = axis_index(t, axis);
  const Axis& ax = t.axes[g];
  const int a = category_of(ax, code_a), b = category_of(ax, code_b);
  if (a == b) throw std::invalid_argument("compare two different groups");
  RateComparison out{ax.name, code_a, code_b, ax.categories[static_cast<size_t>(a)].sv,
                     ax.categories[static_cast<size_t>(b)].sv, ax.categories[static_cast<size_t>(a)].en,
                     ax.categories[static_cast<size_t>(b)].en, {}, {}};
  std::vector<double> ps;
  for (auto s : strata_of(t, g)) {
    RateRatio rr;
    rr.stratum = describe_stratum(t, s, g);
    s[g] = a;
    const TableCell* ca = cell_at(t, s);
    s[g] = b;
    const TableCell* cb = cell_at(t, s);
    if (!ca || !cb || ca->suppressed() || cb->suppressed()) rr.reason = "a count is suppressed";
    else if (!ca->person_years || !cb->person_years) rr.reason = "a denominator is missing or 0";
    else if (*ca->count == 0 && *cb->count == 0) rr.reason = "both counts are 0";
    if (!rr.reason.empty()) {
      out.strata.push_back(rr);
      ps.push_back(std::nan(""));
      continue;
    }
    rr.available = true;
    rr.count_a = *ca->count, rr.count_b = *cb->count;
    rr.person_years_a = *ca->person_years, rr.person_years_b = *cb->person_years;
    rr.rate_a = *ca->rate, rr.rate_b = *cb->rate;
    const auto test = stats::poisson_test_two_sample(rr.count_a, rr.person_years_a, rr.count_b, rr.person_years_b);
    if (std::isfinite(test.estimate)) rr.ratio = test.estimate;
    rr.lower = test.ci.lower;
    if (std::isfinite(test.ci.upper)) rr.upper = test.ci.upper;
    rr.p_value = test.p_value;
    out.strata.push_back(rr);
    ps.push_back(rr.p_value);
  }
  const auto h = holm(ps), bh = benjamini_hochberg(ps);
  for (size_t i = 0; i < out.strata.size(); ++i) out.strata[i].p_holm = h[i], out.strata[i].p_bh = bh[i];
  out.notes.push_back("Rate ratio " + out.label_a_en + " / " + out.label_b_en +
                      " with the exact conditional 95 % interval and p-value (R's poisson.test); " +
                      std::to_string(std::count_if(out.strata.begin(), out.strata.end(),
                                                   [](const RateRatio& r) { return r.available; })) +
                      " comparisons, p-values also adjusted by Holm (family-wise) and Benjamini-Hochberg (FDR).");
  out.notes.push_back("The exact interval treats events as independent; events that cluster in persons make it "
                      "too narrow (see the trend's dispersion).");
  return out;
}

ProportionComparison compare_proportions(const TableResult& t, const std::string& axis, const std::string& code_a,
                                         const std::string& code_b, const std::string& outcome_axis,
                                         const std::string& outcome_code) {
  const size_t g = axis_index(t, axis), o = axis_index(t, outcome_axis);
  if (g == o) throw std::invalid_argument("the groups and the outcome must be different dimensions");
  if (!t.has_total[o])
    throw std::invalid_argument("the outcome dimension " + outcome_axis +
                                " is multi-valued (no total), so it gives no proportion; use one marker, e.g. "
                                "vulnerability:disability");
  const Axis& ax = t.axes[g];
  const int a = category_of(ax, code_a), b = category_of(ax, code_b), y = category_of(t.axes[o], outcome_code);
  if (a == b) throw std::invalid_argument("compare two different groups");
  ProportionComparison out;
  out.axis = ax.name, out.code_a = code_a, out.code_b = code_b, out.outcome_axis = t.axes[o].name;
  out.outcome_code = outcome_code;
  out.label_a_sv = ax.categories[static_cast<size_t>(a)].sv, out.label_b_sv = ax.categories[static_cast<size_t>(b)].sv;
  out.label_a_en = ax.categories[static_cast<size_t>(a)].en, out.label_b_en = ax.categories[static_cast<size_t>(b)].en;
  out.outcome_sv = t.axes[o].sv + ": " + t.axes[o].categories[static_cast<size_t>(y)].sv;
  out.outcome_en = t.axes[o].en + ": " + t.axes[o].categories[static_cast<size_t>(y)].en;
  std::vector<double> ps;
  for (auto s : strata_of(t, g, o)) {
    ProportionDifference pd;
    pd.stratum = describe_stratum(t, s, g, o);
    auto get = [&](int group, int outcome) {
      s[g] = group, s[o] = outcome;
      return cell_at(t, s);
    };
    const TableCell *xa = get(a, y), *na = get(a, kTotal), *xb = get(b, y), *nb = get(b, kTotal);
    if (!xa || !na || !xb || !nb || xa->suppressed() || na->suppressed() || xb->suppressed() || nb->suppressed())
      pd.reason = "a count is suppressed";
    else if (*na->count == 0 || *nb->count == 0)
      pd.reason = "a group is empty";
    if (!pd.reason.empty()) {
      out.strata.push_back(pd);
      ps.push_back(std::nan(""));
      continue;
    }
    pd.available = true;
    pd.x_a = *xa->count, pd.n_a = *na->count, pd.x_b = *xb->count, pd.n_b = *nb->count;
    pd.p_a = static_cast<double>(pd.x_a) / pd.n_a, pd.p_b = static_cast<double>(pd.x_b) / pd.n_b;
    pd.difference = pd.p_a - pd.p_b;
    pd.wilson_a = stats::wilson_interval(pd.x_a, pd.n_a), pd.wilson_b = stats::wilson_interval(pd.x_b, pd.n_b);
    pd.exact_a = stats::clopper_pearson(pd.x_a, pd.n_a), pd.exact_b = stats::clopper_pearson(pd.x_b, pd.n_b);
    pd.newcombe = stats::newcombe_difference(pd.x_a, pd.n_a, pd.x_b, pd.n_b);
    const auto pt = stats::prop_test_two_sample(pd.x_a, pd.n_a, pd.x_b, pd.n_b, false);
    if (std::isfinite(pt.statistic)) pd.chi2 = pt.statistic, pd.chi2_p = pt.p_value;
    pd.chi2_warn = pt.warn_approx;
    const auto f = stats::fisher_test_2x2(pd.x_a, pd.n_a - pd.x_a, pd.x_b, pd.n_b - pd.x_b);
    pd.fisher_p = f.p_value;
    if (std::isfinite(f.odds_ratio)) pd.fisher_odds_ratio = f.odds_ratio;
    out.strata.push_back(pd);
    ps.push_back(pd.fisher_p);
  }
  const auto h = holm(ps), bh = benjamini_hochberg(ps);
  for (size_t i = 0; i < out.strata.size(); ++i) out.strata[i].p_holm = h[i], out.strata[i].p_bh = bh[i];
  out.notes.push_back("Share with " + out.outcome_en + ": Wilson and exact (Clopper-Pearson) 95 % intervals; "
                      "difference " + out.label_a_en + " - " + out.label_b_en +
                      " with Newcombe's hybrid score interval (method 10); Pearson chi-square without continuity "
                      "correction and Fisher's exact test; Fisher p-values adjusted by Holm and Benjamini-Hochberg "
                      "over the strata.");
  return out;
}

IndependenceTest independence_test(const TableResult& t, const std::string& row_axis,
                                   const std::string& column_axis) {
  IndependenceTest r;
  const size_t ra = axis_index(t, row_axis), ca = axis_index(t, column_axis);
  if (ra == ca) throw std::invalid_argument("test two different dimensions");
  r.row_axis = t.axes[ra].name, r.column_axis = t.axes[ca].name;
  if (t.axes[ra].multi_valued || t.axes[ca].multi_valued) {
    r.reason = "a multi-valued dimension (overlapping categories) cannot be tested for independence";
    return r;
  }
  std::vector<int> s(t.axes.size(), kTotal);
  for (size_t a = 0; a < t.axes.size(); ++a)
    if (!t.has_total[a]) {
      r.reason = "another dimension has no total";
      return r;
    }
  // Drop empty rows and columns (e.g. an unknown category never seen).
  std::vector<std::vector<double>> grid;
  for (size_t i = 0; i < t.axes[ra].categories.size(); ++i) {
    std::vector<double> row;
    for (size_t j = 0; j < t.axes[ca].categories.size(); ++j) {
      s[ra] = static_cast<int>(i), s[ca] = static_cast<int>(j);
      const TableCell* c = cell_at(t, s);
      if (!c || c->suppressed()) {
        r.reason = "a count is suppressed";
        return r;
      }
      row.push_back(static_cast<double>(*c->count));
    }
    grid.push_back(row);
  }
  std::vector<size_t> rows, cols;
  for (size_t i = 0; i < grid.size(); ++i) {
    double sum = 0;
    for (double v : grid[i]) sum += v;
    if (sum > 0) rows.push_back(i);
  }
  for (size_t j = 0; j < grid.front().size(); ++j) {
    double sum = 0;
    for (const auto& row : grid) sum += row[j];
    if (sum > 0) cols.push_back(j);
  }
  if (rows.size() < 2 || cols.size() < 2) {
    r.reason = "fewer than two non-empty rows or columns";
    return r;
  }
  stats::Table tab{static_cast<int>(rows.size()), static_cast<int>(cols.size()), {}};
  for (size_t i : rows)
    for (size_t j : cols) tab.cells.push_back(grid[i][j]);
  const auto chi = stats::chisq_test(tab, false);
  r.available = true;
  r.rows = tab.nrow, r.columns = tab.ncol;
  r.chi2 = chi.statistic, r.chi2_df = chi.df, r.chi2_p = chi.p_value, r.chi2_warn = chi.warn_approx;
  try {
    r.fisher_p = tab.nrow == 2 && tab.ncol == 2
                     ? stats::fisher_test_2x2(static_cast<int64_t>(tab.cells[0]), static_cast<int64_t>(tab.cells[1]),
                                              static_cast<int64_t>(tab.cells[2]), static_cast<int64_t>(tab.cells[3]))
                           .p_value
                     : stats::fisher_test_rxc(tab);
  } catch (const std::runtime_error&) {
    r.fisher_p.reset();  // beyond the exact test's work budget
  }
  return r;
}

}  // namespace vaksam::tables
