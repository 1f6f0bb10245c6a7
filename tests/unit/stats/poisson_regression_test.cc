#include "stats/poisson_regression.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "unit/stats/conformance.h"

namespace vaksam::stats {
namespace {

using testing::Checker;
using testing::Tolerance;

// README: trend main columns 1e-8, p-values 1e-7; *_default: slope 1e-6, SE and dispersion 1e-4.
constexpr Tolerance kMain{1e-8, 0, 0};
constexpr Tolerance kPValue{1e-7, 0, 1e-300};

struct Series {
  std::vector<int> years;
  std::vector<double> counts, populations, fitted, pearson, deviance;
  std::vector<std::string> ids;
};

std::map<std::string, Series> read_series(const testing::CsvFile& csv) {
  std::map<std::string, Series> out;
  for (const auto& row : csv.rows) {
    Series& s = out[row.text("series")];
    s.years.push_back(static_cast<int>(row.count("year")));
    s.counts.push_back(row.num("count"));
    s.populations.push_back(row.num("population"));
    s.fitted.push_back(row.num("fitted"));
    s.pearson.push_back(row.num("pearson_resid"));
    s.deviance.push_back(row.num("deviance_resid"));
    s.ids.push_back(row.text("series") + "/" + row.text("year"));
  }
  return out;
}

TEST(TrendConformance, MatchesRGlm) {
  VAKSAM_LOAD_CONFORMANCE(series_csv, "trend_series.csv");
  VAKSAM_LOAD_CONFORMANCE(fit_csv, "trend_fit.csv");
  ASSERT_EQ(series_csv.rows.size(), 100u);
  ASSERT_EQ(fit_csv.rows.size(), 10u);
  const std::map<std::string, Series> all = read_series(series_csv);
  Checker check("trend_fit.csv");
  Checker check_series("trend_series.csv");
  Checker check_default("trend_fit.csv (*_default, glm's epsilon 1e-8)");
  size_t series_rows = 0;
  for (const auto& row : fit_csv.rows) {
    check.count_row();
    check_default.count_row();
    const std::string id = row.text("series");
    ASSERT_TRUE(all.count(id)) << id;
    const Series& s = all.at(id);
    const PoissonTrend t = fit_poisson_trend(s.years, s.counts, s.populations);

    check.exact(id, "n_years", t.n_years, row.num("n_years"));
    check.exact(id, "year_first", t.year_first, row.num("year_first"));
    check.exact(id, "year_last", t.year_last, row.num("year_last"));
    check.exact(id, "total_count", t.total_count, row.num("total_count"));
    check.exact(id, "zero_years", t.zero_years, row.num("zero_years"));
    check.close(id, "intercept", t.intercept, row.num("intercept"), kMain);
    check.close(id, "intercept_se", t.intercept_se, row.num("intercept_se"), kMain);
    check.close(id, "slope", t.slope, row.num("slope"), kMain);
    check.close(id, "slope_se", t.slope_se, row.num("slope_se"), kMain);
    check.close(id, "slope_z", t.slope_z, row.num("slope_z"), kMain);
    check.close(id, "slope_p", t.slope_p, row.num("slope_p"), kPValue);
    check.close(id, "slope_ci_lower", t.slope_ci.lower, row.num("slope_ci_lower"), kMain);
    check.close(id, "slope_ci_upper", t.slope_ci.upper, row.num("slope_ci_upper"), kMain);
    check.close(id, "rr_per_year", t.rr_per_year, row.num("rr_per_year"), kMain);
    check.close(id, "rr_ci_lower", t.rr_ci.lower, row.num("rr_ci_lower"), kMain);
    check.close(id, "rr_ci_upper", t.rr_ci.upper, row.num("rr_ci_upper"), kMain);
    check.close(id, "deviance", t.deviance, row.num("deviance"), kMain);
    check.close(id, "null_deviance", t.null_deviance, row.num("null_deviance"), kMain);
    check.exact(id, "df_residual", t.df_residual, row.num("df_residual"));
    check.close(id, "pearson_chi2", t.pearson_chi2, row.num("pearson_chi2"), kMain);
    check.close(id, "aic", t.aic, row.num("aic"), kMain);
    if (id == "tr_08") {
      // R's uncentred design loses eta to cancellation (intercept -1433 against slope*year
      // +1422), so its deviance jitters by ~1e-12 near the optimum and the stopping test at
      // epsilon 1e-12 fires on rounding noise: R takes 6 iterations, the centred fit 5.
      EXPECT_NEAR(t.iterations, row.num("iterations"), 1) << id;
    } else {
      check.exact(id, "iterations", t.iterations, row.num("iterations"));
    }
    check.exact(id, "converged", t.converged, row.num("converged"));
    check.close(id, "qp_dispersion", t.qp_dispersion, row.num("qp_dispersion"), kMain);
    check.close(id, "qp_slope_se", t.qp_slope_se, row.num("qp_slope_se"), kMain);
    check.close(id, "qp_slope_t", t.qp_slope_t, row.num("qp_slope_t"), kMain);
    check.close(id, "qp_slope_p", t.qp_slope_p, row.num("qp_slope_p"), kPValue);
    check.close(id, "qp_ci_lower", t.qp_ci.lower, row.num("qp_ci_lower"), kMain);
    check.close(id, "qp_ci_upper", t.qp_ci.upper, row.num("qp_ci_upper"), kMain);
    check.close(id, "qp_ci_t_lower", t.qp_ci_t.lower, row.num("qp_ci_t_lower"), kMain);
    check.close(id, "qp_ci_t_upper", t.qp_ci_t.upper, row.num("qp_ci_t_upper"), kMain);

    ASSERT_EQ(t.fitted.size(), s.fitted.size());
    for (size_t i = 0; i < s.fitted.size(); ++i) {
      check_series.count_row();
      ++series_rows;
      check_series.close(s.ids[i], "fitted", t.fitted[i], s.fitted[i], kMain);
      check_series.close(s.ids[i], "pearson_resid", t.pearson_residuals[i], s.pearson[i], kMain);
      check_series.close(s.ids[i], "deviance_resid", t.deviance_residuals[i], s.deviance[i],
                         kMain);
    }

    // What a plain glm() call prints: same IRLS path, stopped by the default epsilon.
    const PoissonTrend d = fit_poisson_trend(s.years, s.counts, s.populations, GlmControl{});
    check_default.close(id, "slope_default", d.slope, row.num("slope_default"), {1e-6, 0, 0});
    check_default.close(id, "slope_se_default", d.slope_se, row.num("slope_se_default"),
                        {1e-4, 0, 0});
    check_default.close(id, "qp_dispersion_default", d.qp_dispersion,
                        row.num("qp_dispersion_default"), {1e-4, 0, 0});
    check_default.exact(id, "iterations_default", d.iterations, row.num("iterations_default"));
  }
  EXPECT_EQ(series_rows, series_csv.rows.size());
}

// A series with an exact exponential trend is fitted exactly, with zero deviance.
TEST(Trend, RecoversAnExactTrend) {
  std::vector<int> years;
  std::vector<double> counts, populations;
  for (int y = 2010; y < 2020; ++y) {
    years.push_back(y);
    populations.push_back(1000);
    counts.push_back(100 * std::pow(1.1, y - 2010));  // not integers: exactly on the curve
  }
  const PoissonTrend t = fit_poisson_trend(years, counts, populations);
  EXPECT_NEAR(t.rr_per_year, 1.1, 1e-10);
  EXPECT_NEAR(t.deviance, 0, 1e-10);
  EXPECT_NEAR(t.intercept + 2010 * t.slope, std::log(0.1), 1e-9);
  EXPECT_TRUE(t.converged);
}

TEST(Trend, RejectsBadInput) {
  EXPECT_THROW(fit_poisson_trend({2020}, {1}, {10}), std::invalid_argument);
  EXPECT_THROW(fit_poisson_trend({2020, 2021}, {1, 2}, {10, 0}), std::invalid_argument);
  EXPECT_THROW(fit_poisson_trend({2020, 2020}, {1, 2}, {10, 10}), std::invalid_argument);
  EXPECT_THROW(fit_poisson_trend({2020, 2021}, {1}, {10, 10}), std::invalid_argument);
}

}  // namespace
}  // namespace vaksam::stats
