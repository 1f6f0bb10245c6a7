// Poisson regression with log link and an offset, fitted by IRLS exactly as R's glm.fit, and
// the trend model count ~ year + offset(log(population)) built on it.
#pragma once

#include <vector>

#include "stats/interval.h"

namespace vaksam::stats {

struct GlmControl {
  double epsilon = 1e-8;    // stop when |dev - dev_old| / (|dev| + 0.1) < epsilon (R's default)
  int max_iterations = 25;  // R's default maxit
};

// Iterated to the maximum-likelihood fit: standard errors are then those at the MLE.
inline constexpr GlmControl kGlmConverged{1e-12, 100};

struct PoissonGlmFit {
  std::vector<double> coefficients;
  // Model-based standard errors, sqrt(diag((X'WX)^-1)) with W the IRLS weights at the start of
  // the last iteration, as summary.glm reports them.
  std::vector<double> standard_errors;
  std::vector<double> cov_unscaled;      // (X'WX)^-1, p x p row by row
  std::vector<double> fitted;            // mu
  std::vector<double> pearson_residuals; // (y - mu) / sqrt(mu)
  std::vector<double> deviance_residuals;
  std::vector<double> working_weights;   // R's fit$weights
  std::vector<double> working_residuals; // R's fit$residuals: (y - mu) / mu
  double deviance = 0;
  double pearson_chi2 = 0;   // sum of squared Pearson residuals
  double aic = 0;            // -2 log-likelihood + 2p
  double dispersion = 0;     // quasi-Poisson: sum(weights * residuals^2) / df, as summary.glm
  int df_residual = 0;
  int iterations = 0;
  bool converged = false;
};

// Fits log E(y) = offset + X b. `columns` holds the columns of X (include a column of ones for
// an intercept). Starts from mu = y + 0.1 as R's poisson family, or from `mustart` if given.
PoissonGlmFit fit_poisson_glm(const std::vector<std::vector<double>>& columns,
                              const std::vector<double>& y, const std::vector<double>& offset,
                              const GlmControl& control = {},
                              const std::vector<double>* mustart = nullptr);

struct PoissonTrend {
  int n_years = 0;
  int year_first = 0;
  int year_last = 0;
  double total_count = 0;
  int zero_years = 0;
  double intercept = 0;      // log rate in year 0 (calendar year is not centred)
  double intercept_se = 0;
  double slope = 0;          // log rate ratio per year
  double slope_se = 0;
  double slope_z = 0;
  double slope_p = 0;        // 2 * pnorm(-|z|)
  Interval slope_ci;         // slope -/+ z * se (Wald, confint.default)
  double rr_per_year = 0;    // exp(slope)
  Interval rr_ci;
  double deviance = 0;
  double null_deviance = 0;  // intercept-only model with the same offset
  int df_residual = 0;
  double pearson_chi2 = 0;
  double aic = 0;
  int iterations = 0;
  bool converged = false;
  double qp_dispersion = 0;  // quasi-Poisson dispersion, not floored at 1
  double qp_slope_se = 0;    // slope_se * sqrt(dispersion)
  double qp_slope_t = 0;
  double qp_slope_p = 0;     // from t with df_residual
  Interval qp_ci;            // slope -/+ z * qp_slope_se (confint.default)
  Interval qp_ci_t;          // slope -/+ qt(1 - alpha/2, df) * qp_slope_se
  std::vector<double> fitted;
  std::vector<double> pearson_residuals;
  std::vector<double> deviance_residuals;
};

// glm(count ~ year, offset = log(population), family = poisson) and its quasi-Poisson twin.
// Needs at least 2 distinct years and positive populations. The year is centred internally for
// numerical stability and the results are reported for the uncentred year, as R gives them.
PoissonTrend fit_poisson_trend(const std::vector<int>& years, const std::vector<double>& counts,
                               const std::vector<double>& populations,
                               const GlmControl& control = kGlmConverged,
                               double conf_level = 0.95);

}  // namespace vaksam::stats
