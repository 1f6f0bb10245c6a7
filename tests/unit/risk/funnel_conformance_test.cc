// Funnel plots against FunnelPlotR 0.6.0 (shared/conformance/funnel): every dataset and
// configuration, every row and column of units.csv, summary.csv and limits_grid.csv.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "risk/funnel.h"
#include "risk/funnel_limits.h"
#include "unit/risk/conformance_csv.h"

namespace vaksam::risk {
namespace {

using testing::conformance_path;
using testing::CsvTable;
using testing::ErrorLog;
using testing::read_csv;
using testing::relative_error;

constexpr double kTolerance = 1e-9;  // README: closed-form funnel values about 1e-9 relative
constexpr double kFloor = 1e-12;

struct Case {
  std::string dataset;
  std::string config;
};

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  return info.param.dataset + "_" + info.param.config;
}

FunnelOptions options_for(const std::string& config, bool compatibility) {
  FunnelOptions o;
  o.type = config.rfind("PR", 0) == 0 ? FunnelType::kProportion : FunnelType::kRatio;
  o.ratio_method = config.rfind("CQC", 0) == 0 ? RatioMethod::kCqc : RatioMethod::kShmi;
  o.trim_by = config.find("_t05_") != std::string::npos ? 0.05 : 0.1;
  o.multiplier = config.find("_m100") != std::string::npos ? 100.0 : 1.0;
  o.shmi_rounding = true;
  o.compatibility = compatibility;
  return o;
}

// The units, summary and grid rows of one configuration.
struct Vectors {
  std::vector<FunnelInput> input;
  CsvTable units, summary, grid;
  std::vector<std::size_t> unit_rows, grid_rows;
  std::size_t summary_row = 0;
};

bool load(const Case& c, Vectors& v) {
  const std::string base = "funnel/funnel_" + c.dataset + "_";
  auto input = read_csv(conformance_path(base + "input.csv"));
  auto units = read_csv(conformance_path(base + "units.csv"));
  auto summary = read_csv(conformance_path(base + "summary.csv"));
  auto grid = read_csv(conformance_path(base + "limits_grid.csv"));
  if (!input || !units || !summary || !grid) return false;
  for (std::size_t r = 0; r < input->rows.size(); ++r) {
    v.input.push_back({input->number(r, 1), input->number(r, 2)});
  }
  v.units = std::move(*units);
  v.summary = std::move(*summary);
  v.grid = std::move(*grid);
  for (std::size_t r = 0; r < v.units.rows.size(); ++r) {
    if (v.units.text(r, 0) == c.config) v.unit_rows.push_back(r);
  }
  for (std::size_t r = 0; r < v.grid.rows.size(); ++r) {
    if (v.grid.text(r, 0) == c.config) v.grid_rows.push_back(r);
  }
  for (std::size_t r = 0; r < v.summary.rows.size(); ++r) {
    if (v.summary.text(r, 0) == c.config) v.summary_row = r;
  }
  return true;
}

double limit_value(const FunnelLimits& l, const std::string& name) {
  static const std::map<std::string, double FunnelLimits::*> fields = {
      {"LCL95", &FunnelLimits::lcl95},         {"UCL95", &FunnelLimits::ucl95},
      {"LCL998", &FunnelLimits::lcl998},       {"UCL998", &FunnelLimits::ucl998},
      {"OD_LCL95", &FunnelLimits::od_lcl95},   {"OD_UCL95", &FunnelLimits::od_ucl95},
      {"OD_LCL998", &FunnelLimits::od_lcl998}, {"OD_UCL998", &FunnelLimits::od_ucl998}};
  return l.*fields.at(name);
}

const std::vector<std::string> kLimitColumns = {"LCL95",    "UCL95",    "LCL998",    "UCL998",
                                                "OD_LCL95", "OD_UCL95", "OD_LCL998", "OD_UCL998"};

// Checks one number and records its error; fails the test beyond the tolerance.
void expect_close(ErrorLog& log, double got, double want, const std::string& where,
                  double tolerance = kTolerance) {
  const double e = relative_error(got, want, kFloor);
  log.add(e, where);
  EXPECT_LE(e, tolerance) << where << ": got " << got << ", R gave " << want;
}

// A flag must match, unless the plotted value lies within the tolerance of one of its
// limits (README); such cases are counted and reported, and must stay rare.
void expect_flag(bool got, bool want, double value, double lower, double upper,
                 const std::string& where, int& borderline) {
  if (got == want) return;
  const bool near = relative_error(value, lower, kFloor) <= kTolerance ||
                    relative_error(value, upper, kFloor) <= kTolerance;
  if (near) {
    ++borderline;
    return;
  }
  ADD_FAILURE() << where << ": flag " << got << ", R gave " << want << " (value " << value
                << ", limits " << lower << " .. " << upper << ")";
}

class FunnelConformance : public ::testing::TestWithParam<Case> {};

// Compatibility mode reproduces the package: values, limits (including its CQC limits
// left on the square-root scale), flags, summary and grid.
TEST_P(FunnelConformance, CompatibilityModeReproducesFunnelPlotR) {
  const Case& c = GetParam();
  Vectors v;
  if (!load(c, v)) GTEST_SKIP() << "conformance vectors for " << c.dataset << " not found";
  ASSERT_EQ(v.unit_rows.size(), v.input.size());
  const FunnelOptions options = options_for(c.config, true);
  const FunnelResult r = funnel_compare(v.input, options);
  ASSERT_EQ(r.units.size(), v.input.size());

  ErrorLog log;
  int borderline = 0;
  const CsvTable& u = v.units;
  for (std::size_t i = 0; i < v.unit_rows.size(); ++i) {
    const std::size_t row = v.unit_rows[i];
    const FunnelUnitResult& got = r.units[i];
    const std::string at = c.config + " " + u.text(row, u.column("group")) + " ";
    auto num = [&](const char* col) { return u.number(row, u.column(col)); };
    EXPECT_EQ(got.denominator, num("denominator_used")) << at << "denominator_used";
    expect_close(log, got.ratio, num("rr"), at + "rr");
    expect_close(log, got.plotted_value, num("plotted_value"), at + "plotted_value");
    expect_close(log, got.y, num("Y"), at + "Y");
    expect_close(log, r.target_transformed, num("target_transformed"), at + "target_transformed");
    expect_close(log, got.s, num("s"), at + "s");
    expect_close(log, got.z, num("z_raw"), at + "z_raw");
    expect_close(log, got.z_trimmed, num("z_trimmed"), at + "z_trimmed");
    EXPECT_EQ(got.trimmed, num("trim_flag") == 1.0) << at << "trim_flag";
    expect_close(log, got.z_od, num("z_od_derived"), at + "z_od_derived");
    for (const std::string& col : kLimitColumns) {
      expect_close(log, limit_value(got.limits, col), num(col.c_str()), at + col);
    }
    const FunnelLimits& l = got.limits;
    const double value = got.plotted_value;
    expect_flag(got.out95, num("out95_unadj") == 1.0, value, l.lcl95, l.ucl95, at + "out95_unadj",
                borderline);
    expect_flag(got.out998, num("out998_unadj") == 1.0, value, l.lcl998, l.ucl998,
                at + "out998_unadj", borderline);
    expect_flag(got.od_out95, num("out95_od") == 1.0, value, l.od_lcl95, l.od_ucl95,
                at + "out95_od", borderline);
    expect_flag(got.od_out998, num("out998_od") == 1.0, value, l.od_lcl998, l.od_ucl998,
                at + "out998_od", borderline);
    const bool adjusted = r.overdispersed;
    expect_flag(got.outlier, num("out_default_call") == 1.0, value,
                adjusted ? l.od_lcl998 : l.lcl998, adjusted ? l.od_ucl998 : l.ucl998,
                at + "out_default_call", borderline);
  }

  // summary.csv
  const CsvTable& s = v.summary;
  const std::size_t sr = v.summary_row;
  auto sum = [&](const char* col) { return s.number(sr, s.column(col)); };
  int n_outliers = 0;
  for (const auto& unit : r.units) n_outliers += unit.outlier ? 1 : 0;
  EXPECT_EQ(static_cast<double>(r.units.size()), sum("n_units"));
  EXPECT_EQ(static_cast<double>(r.n_used_for_phi), sum("n_used_for_phi"));
  expect_close(log, r.target, sum("target"), c.config + " summary target");
  expect_close(log, r.target_transformed, sum("target_transformed"),
               c.config + " summary target_transformed");
  expect_close(log, r.phi, sum("phi"), c.config + " summary phi");
  expect_close(log, r.tau2, sum("tau2"), c.config + " summary tau2");
  expect_close(log, std::sqrt(r.tau2), sum("tau"), c.config + " summary tau");
  EXPECT_EQ(!r.overdispersed, sum("phi_le_1") == 1.0);
  EXPECT_EQ(r.overdispersed, sum("default_call_draw_adjusted") == 1.0);
  EXPECT_EQ(!r.overdispersed, sum("default_call_draw_unadjusted") == 1.0);
  EXPECT_NEAR(n_outliers, sum("default_call_n_outliers"), borderline);
  std::vector<double> used;
  for (const auto& unit : r.units) used.push_back(unit.denominator);
  const std::vector<double> lookup = funnel_lookup_grid(used, options.type);
  EXPECT_EQ(static_cast<double>(lookup.size()), sum("n_lookup_rows"));
  EXPECT_EQ(lookup.back(), sum("lookup_max_x"));

  // limits_grid.csv: the package's calculate_limits over a fixed grid, same pass.
  const CsvTable& g = v.grid;
  std::vector<double> grid;
  for (std::size_t row : v.grid_rows) grid.push_back(g.number(row, g.column("denominator")));
  std::vector<FunnelLimits> limits(grid.size());
  limits_on_grid(grid, funnel_limit_spec(r, options), limits);
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const std::size_t row = v.grid_rows[i];
    const std::string at = c.config + " grid " + g.text(row, 1) + " ";
    expect_close(log, funnel_standard_error(grid[i], options.type, options.ratio_method),
                 g.number(row, g.column("s")), at + "s");
    for (const std::string& col : kLimitColumns) {
      expect_close(log, limit_value(limits[i], col), g.number(row, g.column(col)), at + col);
    }
  }
  EXPECT_LE(borderline, 2) << "too many flags decided by rounding at a limit";
  std::cout << "[conformance] funnel " << c.dataset << " " << c.config
            << " compatibility: " << log.compared << " values, max relative error " << log.worst
            << " (" << log.where << "), borderline flags " << borderline << "\n";
}

// Default mode: CQC limits are squared back, so a unit is flagged exactly when its
// overdispersed z-score is beyond z; proportion limits are clamped on the angle scale and
// no longer depend on the neighbouring denominators. Everything else equals the package.
TEST_P(FunnelConformance, DefaultModeCorrectsTheLimits) {
  const Case& c = GetParam();
  Vectors v;
  if (!load(c, v)) GTEST_SKIP() << "conformance vectors for " << c.dataset << " not found";
  const FunnelOptions options = options_for(c.config, false);
  const FunnelResult r = funnel_compare(v.input, options);
  const FunnelResult package = funnel_compare(v.input, options_for(c.config, true));
  const CsvTable& u = v.units;
  ErrorLog log;
  int borderline = 0;
  int flags_changed = 0;
  const double m = options.multiplier;
  const double tau2 = v.summary.number(v.summary_row, v.summary.column("tau2"));
  for (std::size_t i = 0; i < v.unit_rows.size(); ++i) {
    const std::size_t row = v.unit_rows[i];
    const FunnelUnitResult& got = r.units[i];
    const std::string at = c.config + " " + u.text(row, u.column("group")) + " ";
    auto num = [&](const char* col) { return u.number(row, u.column(col)); };
    // Scores and dispersion do not depend on the mode.
    expect_close(log, got.z, num("z_raw"), at + "z_raw");
    expect_close(log, got.z_od, num("z_od_derived"), at + "z_od_derived");
    const double e = got.denominator;
    const double value = got.plotted_value;
    if (options.type == FunnelType::kRatio && options.ratio_method == RatioMethod::kCqc) {
      const double sd = std::sqrt(1.0 / (4.0 * e) + tau2);
      auto sq = [](double x) { return x * x; };
      for (auto [z, lo, hi, out] :
           {std::tuple{kZ95, got.limits.od_lcl95, got.limits.od_ucl95, got.od_out95},
            std::tuple{kZ998, got.limits.od_lcl998, got.limits.od_ucl998, got.od_out998}}) {
        expect_close(log, lo, m * sq(std::max(0.0, 1.0 - z * sd)), at + "corrected lower");
        expect_close(log, hi, m * sq(1.0 + z * sd), at + "corrected upper");
        expect_flag(out, std::fabs(num("z_od_derived")) > z, value, lo, hi, at + "flag vs |z_od|",
                    borderline);
      }
      // The exact Poisson limits are unchanged.
      expect_close(log, got.limits.lcl95, num("LCL95"), at + "LCL95");
      expect_close(log, got.limits.ucl998, num("UCL998"), at + "UCL998");
    } else if (options.type == FunnelType::kProportion) {
      const double centre = std::asin(std::sqrt(r.target));
      for (auto [name, sign, z, t2] :
           {std::tuple{"LCL95", -1.0, kZ95, 0.0}, std::tuple{"UCL95", 1.0, kZ95, 0.0},
            std::tuple{"LCL998", -1.0, kZ998, 0.0}, std::tuple{"UCL998", 1.0, kZ998, 0.0},
            std::tuple{"OD_LCL95", -1.0, kZ95, tau2}, std::tuple{"OD_UCL95", 1.0, kZ95, tau2},
            std::tuple{"OD_LCL998", -1.0, kZ998, tau2},
            std::tuple{"OD_UCL998", 1.0, kZ998, tau2}}) {
        const double angle = centre + sign * z * std::sqrt(1.0 / (4.0 * e) + t2);
        const double mine = limit_value(got.limits, name);
        if (angle <= 0.0) {
          EXPECT_EQ(mine, 0.0) << at << name;
        } else if (angle >= std::acos(-1.0) / 2.0) {
          EXPECT_EQ(mine, m) << at << name;
        } else {  // inside the arcsine range the package's value is the right one
          expect_close(log, mine, num(name), at + name);
        }
      }
    } else {  // SHMI: identical to the package
      for (const std::string& col : kLimitColumns) {
        expect_close(log, limit_value(got.limits, col), num(col.c_str()), at + col);
      }
    }
    const FunnelUnitResult& p = package.units[i];
    flags_changed += (got.out95 != p.out95) + (got.out998 != p.out998) +
                     (got.od_out95 != p.od_out95) + (got.od_out998 != p.od_out998);
  }
  EXPECT_LE(borderline, 2);
  std::cout << "[conformance] funnel " << c.dataset << " " << c.config
            << " default: " << log.compared << " values, max relative error " << log.worst
            << ", flags differing from the package " << flags_changed << ", borderline "
            << borderline << "\n";
}

INSTANTIATE_TEST_SUITE_P(
    AllDatasets, FunnelConformance,
    ::testing::Values(Case{"sr_ncsids74", "SHMI_t10_m1"}, Case{"sr_ncsids74", "CQC_t10_m1"},
                      Case{"sr_ncsids74", "CQC_t05_m100"}, Case{"sr_synthA", "SHMI_t10_m1"},
                      Case{"sr_synthA", "CQC_t10_m1"}, Case{"sr_synthA", "CQC_t05_m100"},
                      Case{"sr_synthB", "SHMI_t10_m1"}, Case{"sr_synthB", "CQC_t10_m1"},
                      Case{"sr_synthB", "CQC_t05_m100"}, Case{"pr_contraception", "PR_t10_m1"},
                      Case{"pr_contraception", "PR_t05_m100"}, Case{"pr_cbpp", "PR_t10_m1"},
                      Case{"pr_cbpp", "PR_t05_m100"}, Case{"pr_synthA", "PR_t10_m1"},
                      Case{"pr_synthA", "PR_t05_m100"}),
    case_name);

}  // namespace
}  // namespace vaksam::risk
