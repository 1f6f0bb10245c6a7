#include "tables/json.h"

#include <cmath>

namespace vaksam::tables {

using J = nlohmann::ordered_json;

J number(double v) { return std::isfinite(v) ? J(v) : J(nullptr); }
J number(const std::optional<double>& v) { return v ? number(*v) : J(nullptr); }

namespace {

J interval(const stats::Interval& i) { return J{{"lower", number(i.lower)}, {"upper", number(i.upper)}}; }

J stratum(const Stratum& s) { return J{{"codes", s.codes}, {"label_sv", s.label_sv}, {"label_en", s.label_en}}; }

}  // namespace

J to_json(const TableResult& t) {
  J j;
  j["title_sv"] = t.title_sv;
  j["title_en"] = t.title_en;
  j["filters"] = t.filters;
  j["sex_disaggregated"] = t.sex_included;
  j["cases_selected"] = t.cases_selected;
  if (!t.months.empty()) {
    char a[16], b[16];
    std::snprintf(a, sizeof a, "%04d-%02d", t.months.first / 12, t.months.first % 12 + 1);
    std::snprintf(b, sizeof b, "%04d-%02d", t.months.last / 12, t.months.last % 12 + 1);
    j["period"] = {{"from", a}, {"to", b}};
  }
  J dims = J::array();
  for (size_t a = 0; a < t.axes.size(); ++a) {
    const Axis& ax = t.axes[a];
    J cats = J::array();
    for (const auto& c : ax.categories) cats.push_back({{"code", c.code}, {"sv", c.sv}, {"en", c.en}});
    dims.push_back({{"name", ax.name}, {"sv", ax.sv}, {"en", ax.en}, {"has_total", t.has_total[a] != 0},
                    {"categories", cats}});
  }
  j["dimensions"] = dims;
  j["rates"] = t.rates;
  if (t.rates) j["rate_unit"] = {{"sv", t.rate_unit_sv}, {"en", t.rate_unit_en}};
  j["suppression"] = {{"mark", std::string(privacy::kSuppressedMark)},
                      {"suppressed_cells", t.primary + t.secondary},
                      {"all_suppressed", t.all_suppressed}};
  J cells = J::array();
  for (const auto& c : t.cells) {
    J cell;
    J codes = J::array();
    for (size_t a = 0; a < c.codes.size(); ++a)
      codes.push_back(c.codes[a] == kTotal ? std::string("total")
                                           : t.axes[a].categories[static_cast<size_t>(c.codes[a])].code);
    cell["codes"] = codes;
    cell["label_sv"] = t.label(c);
    cell["suppressed"] = c.suppressed();
    cell["count"] = c.count ? J(*c.count) : J(nullptr);
    cell["display"] = c.count ? std::to_string(*c.count) : std::string(privacy::kSuppressedMark);
    if (t.rates) {
      cell["person_years"] = number(c.person_years);
      cell["rate"] = number(c.rate);
      cell["rate_lower"] = number(c.rate_lower);
      cell["rate_upper"] = number(c.rate_upper);
    }
    cells.push_back(cell);
  }
  j["cells"] = cells;
  j["notes"] = t.notes;
  return j;
}

J to_json(const RateComparison& c) {
  J j{{"kind", "rate_ratio"},   {"dimension", c.axis},     {"group_a", c.code_a},     {"group_b", c.code_b},
      {"label_a_sv", c.label_a_sv}, {"label_b_sv", c.label_b_sv}, {"label_a_en", c.label_a_en},
      {"label_b_en", c.label_b_en}};
  J rows = J::array();
  for (const auto& r : c.strata) {
    J x{{"stratum", stratum(r.stratum)}, {"available", r.available}};
    if (!r.available) {
      x["reason"] = r.reason;
    } else {
      x["count_a"] = r.count_a, x["count_b"] = r.count_b;
      x["person_years_a"] = number(r.person_years_a), x["person_years_b"] = number(r.person_years_b);
      x["rate_a"] = number(r.rate_a), x["rate_b"] = number(r.rate_b);
      x["rate_ratio"] = number(r.ratio);
      x["ci_lower"] = number(r.lower), x["ci_upper"] = number(r.upper);
      x["p_value"] = number(r.p_value), x["p_holm"] = number(r.p_holm), x["p_bh"] = number(r.p_bh);
    }
    rows.push_back(x);
  }
  j["strata"] = rows;
  j["notes"] = c.notes;
  return j;
}

J to_json(const ProportionComparison& c) {
  J j{{"kind", "proportion_difference"}, {"dimension", c.axis},        {"group_a", c.code_a},
      {"group_b", c.code_b},             {"outcome_dimension", c.outcome_axis}, {"outcome", c.outcome_code},
      {"outcome_sv", c.outcome_sv},      {"outcome_en", c.outcome_en}, {"label_a_sv", c.label_a_sv},
      {"label_b_sv", c.label_b_sv},      {"label_a_en", c.label_a_en}, {"label_b_en", c.label_b_en}};
  J rows = J::array();
  for (const auto& r : c.strata) {
    J x{{"stratum", stratum(r.stratum)}, {"available", r.available}};
    if (!r.available) {
      x["reason"] = r.reason;
    } else {
      x["x_a"] = r.x_a, x["n_a"] = r.n_a, x["x_b"] = r.x_b, x["n_b"] = r.n_b;
      x["p_a"] = number(r.p_a), x["p_b"] = number(r.p_b), x["difference"] = number(r.difference);
      x["wilson_a"] = interval(r.wilson_a), x["wilson_b"] = interval(r.wilson_b);
      x["exact_a"] = interval(r.exact_a), x["exact_b"] = interval(r.exact_b);
      x["newcombe"] = interval(r.newcombe);
      x["chi2"] = number(r.chi2), x["chi2_p"] = number(r.chi2_p), x["chi2_small_expected"] = r.chi2_warn;
      x["fisher_p"] = number(r.fisher_p), x["fisher_odds_ratio"] = number(r.fisher_odds_ratio);
      x["p_holm"] = number(r.p_holm), x["p_bh"] = number(r.p_bh);
    }
    rows.push_back(x);
  }
  j["strata"] = rows;
  j["notes"] = c.notes;
  return j;
}

J to_json(const IndependenceTest& t) {
  J j{{"kind", "independence"}, {"rows", t.row_axis}, {"columns", t.column_axis}, {"available", t.available}};
  if (!t.available) {
    j["reason"] = t.reason;
    return j;
  }
  j["table"] = std::to_string(t.rows) + "x" + std::to_string(t.columns);
  j["chi2"] = number(t.chi2), j["df"] = number(t.chi2_df), j["chi2_p"] = number(t.chi2_p);
  j["chi2_small_expected"] = t.chi2_warn;
  j["fisher_p"] = number(t.fisher_p);
  if (!t.fisher_p) j["fisher_note"] = "the table is too large for the exact test";
  return j;
}

J to_json(const TrendResult& t) {
  J rows = J::array();
  for (const auto& f : t.strata) {
    J x{{"stratum", stratum(f.stratum)}, {"available", f.available}};
    if (!f.available) {
      x["reason"] = f.reason;
    } else {
      x["years"] = {f.first_year, f.last_year};
      x["slope"] = number(f.slope), x["slope_se"] = number(f.slope_se);
      x["rate_ratio_per_year"] = number(f.rr_per_year);
      x["ci"] = interval(f.rr_ci), x["p_value"] = number(f.p_value);
      x["dispersion"] = number(f.dispersion);
      x["ci_quasi_poisson"] = interval(f.rr_ci_qp), x["p_value_quasi_poisson"] = number(f.p_value_qp);
      x["p_holm"] = number(f.p_holm), x["p_bh"] = number(f.p_bh);
    }
    rows.push_back(x);
  }
  return J{{"kind", "trend"}, {"strata", rows}, {"notes", t.notes}};
}

}  // namespace vaksam::tables
