#include "tables/csv.h"

#include <cmath>
#include <cstdio>

namespace vaksam::tables {

std::string csv_number(double v, int decimals) {
  if (!std::isfinite(v)) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  for (char* p = buf; *p; ++p)
    if (*p == '.') *p = ',';
  return buf;
}

std::string csv_number(const std::optional<double>& v, int decimals) { return v ? csv_number(*v, decimals) : ""; }

namespace {

// p-values: 4 significant digits, small ones in scientific notation.
std::string p_text(double p) {
  if (!std::isfinite(p)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, p < 1e-4 ? "%.2e" : "%.4f", p);
  for (char* c = buf; *c; ++c)
    if (*c == '.') *c = ',';
  return buf;
}

std::string notes(const std::vector<std::string>& ns) {
  std::string out;
  for (const auto& n : ns) out += "# " + n + "\n";
  return out;
}

}  // namespace

std::string to_csv(const TableResult& t) {
  std::string out;
  if (!t.title_sv.empty()) out += "# " + t.title_sv + (t.title_en.empty() ? "" : " / " + t.title_en) + "\n";
  if (!t.filters.empty()) out += "# filters: " + t.filters + "\n";
  out += notes(t.notes);
  for (const auto& ax : t.axes) out += ax.name + ";";
  out += "label;count";
  if (t.rates) out += ";person_years;rate;rate_lower;rate_upper";
  out += "\n";
  for (const auto& c : t.cells) {
    for (size_t a = 0; a < c.codes.size(); ++a) {
      out.append(c.codes[a] == kTotal ? std::string_view("total")
                                      : std::string_view(t.axes[a].categories[static_cast<size_t>(c.codes[a])].code));
      out += ';';
    }
    out += t.label(c) + ";" + (c.count ? std::to_string(*c.count) : std::string(privacy::kSuppressedMark));
    if (t.rates) {
      for (const auto& [v, decimals] : {std::pair{c.person_years, 1}, {c.rate, 2}, {c.rate_lower, 2}, {c.rate_upper, 2}}) {
        out += ';';
        out += csv_number(v, decimals);
      }
    }
    out += "\n";
  }
  return out;
}

std::string to_csv(const RateComparison& c) {
  std::string out = "# Rate ratio " + c.label_a_sv + " / " + c.label_b_sv + " (" + c.axis + ")\n" + notes(c.notes);
  out += "stratum;count_a;count_b;rate_a;rate_b;rate_ratio;ci_lower;ci_upper;p_value;p_holm;p_bh;note\n";
  for (const auto& r : c.strata) {
    out += r.stratum.label_sv + ";";
    if (!r.available) {
      out += ";;;;;;;;;;" + r.reason + "\n";
      continue;
    }
    out += std::to_string(r.count_a) + ";" + std::to_string(r.count_b) + ";" + csv_number(r.rate_a, 2) + ";" +
           csv_number(r.rate_b, 2) + ";" + csv_number(r.ratio, 3) + ";" + csv_number(r.lower, 3) + ";" +
           (r.upper ? csv_number(*r.upper, 3) : std::string("Inf")) + ";" + p_text(r.p_value) + ";" +
           p_text(r.p_holm) + ";" + p_text(r.p_bh) + ";\n";
  }
  return out;
}

std::string to_csv(const ProportionComparison& c) {
  std::string out = "# Share with " + c.outcome_sv + ": " + c.label_a_sv + " vs " + c.label_b_sv + "\n" + notes(c.notes);
  out += "stratum;x_a;n_a;p_a;exact_a_lower;exact_a_upper;x_b;n_b;p_b;exact_b_lower;exact_b_upper;difference;"
         "newcombe_lower;newcombe_upper;chi2;chi2_p;fisher_p;p_holm;p_bh;note\n";
  for (const auto& r : c.strata) {
    out += r.stratum.label_sv + ";";
    if (!r.available) {
      out += ";;;;;;;;;;;;;;;;;;" + r.reason + "\n";
      continue;
    }
    out += std::to_string(r.x_a) + ";" + std::to_string(r.n_a) + ";" + csv_number(r.p_a, 4) + ";" +
           csv_number(r.exact_a.lower, 4) + ";" + csv_number(r.exact_a.upper, 4) + ";" + std::to_string(r.x_b) + ";" +
           std::to_string(r.n_b) + ";" + csv_number(r.p_b, 4) + ";" + csv_number(r.exact_b.lower, 4) + ";" +
           csv_number(r.exact_b.upper, 4) + ";" + csv_number(r.difference, 4) + ";" +
           csv_number(r.newcombe.lower, 4) + ";" + csv_number(r.newcombe.upper, 4) + ";" + csv_number(r.chi2, 3) +
           ";" + (r.chi2_p ? p_text(*r.chi2_p) : "") + ";" + p_text(r.fisher_p) + ";" + p_text(r.p_holm) + ";" +
           p_text(r.p_bh) + ";" + (r.chi2_warn ? "an expected count is below 5: prefer Fisher" : "") + "\n";
  }
  return out;
}

std::string to_csv(const IndependenceTest& t) {
  std::string out = "# Independence of " + t.row_axis + " and " + t.column_axis + "\n";
  out += "chi2;df;chi2_p;fisher_p;note\n";
  if (!t.available) return out + ";;;;" + t.reason + "\n";
  return out + csv_number(t.chi2, 3) + ";" + csv_number(t.chi2_df, 0) + ";" + p_text(t.chi2_p) + ";" +
         (t.fisher_p ? p_text(*t.fisher_p) : "") + ";" +
         (t.fisher_p ? "" : "too large for the exact test") + (t.chi2_warn ? " an expected count is below 5" : "") +
         "\n";
}

std::string to_csv(const TrendResult& t) {
  std::string out = notes(t.notes);
  out += "stratum;years;rate_ratio_per_year;ci_lower;ci_upper;p_value;dispersion;qp_ci_lower;qp_ci_upper;qp_p_value;"
         "p_holm;p_bh;note\n";
  for (const auto& f : t.strata) {
    out += f.stratum.label_sv + ";";
    if (!f.available) {
      out += ";;;;;;;;;;;" + f.reason + "\n";
      continue;
    }
    out += std::to_string(f.first_year) + "-" + std::to_string(f.last_year) + ";" + csv_number(f.rr_per_year, 3) +
           ";" + csv_number(f.rr_ci.lower, 3) + ";" + csv_number(f.rr_ci.upper, 3) + ";" + p_text(f.p_value) + ";" +
           csv_number(f.dispersion, 2) + ";" + csv_number(f.rr_ci_qp.lower, 3) + ";" +
           csv_number(f.rr_ci_qp.upper, 3) + ";" + p_text(f.p_value_qp) + ";" + p_text(f.p_holm) + ";" +
           p_text(f.p_bh) + ";\n";
  }
  return out;
}

}  // namespace vaksam::tables
