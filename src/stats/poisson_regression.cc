#include "stats/poisson_regression.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "stats/distributions.h"
#include "stats/least_squares.h"

namespace vaksam::stats {
namespace {

// R's poisson()$linkinv and $mu.eta: exp(eta), kept away from 0.
double link_inverse(double eta) { return std::max(std::exp(eta), DBL_EPSILON); }

// R's poisson()$dev.resids for one observation.
double unit_deviance(double y, double mu) {
  return 2 * (y > 0 ? y * std::log(y / mu) - (y - mu) : mu);
}

double total_deviance(const std::vector<double>& y, const std::vector<double>& mu) {
  long double s = 0;  // R's sum() accumulates in long double
  for (size_t i = 0; i < y.size(); ++i) s += unit_deviance(y[i], mu[i]);
  return static_cast<double>(s);
}

std::vector<double> linear_predictor(const std::vector<std::vector<double>>& columns,
                                     const std::vector<double>& beta,
                                     const std::vector<double>& offset) {
  std::vector<double> eta(offset);
  for (size_t j = 0; j < columns.size(); ++j) {
    for (size_t i = 0; i < eta.size(); ++i) eta[i] += columns[j][i] * beta[j];
  }
  return eta;
}

}  // namespace

PoissonGlmFit fit_poisson_glm(const std::vector<std::vector<double>>& columns,
                              const std::vector<double>& y, const std::vector<double>& offset,
                              const GlmControl& control, const std::vector<double>* mustart) {
  const size_t n = y.size();
  const size_t p = columns.size();
  if (offset.size() != n) throw std::invalid_argument("fit_poisson_glm: offset length");
  if (n < p || p == 0) throw std::invalid_argument("fit_poisson_glm: too few observations");
  for (double v : y) {
    if (!(v >= 0) || std::isinf(v)) throw std::invalid_argument("fit_poisson_glm: bad count");
  }
  std::vector<double> eta(n), mu(n);
  for (size_t i = 0; i < n; ++i) {
    eta[i] = std::log(mustart ? (*mustart)[i] : y[i] + 0.1);
    mu[i] = link_inverse(eta[i]);
  }
  double dev_old = total_deviance(y, mu);
  std::vector<double> z(n), w(n), beta, beta_old;
  LeastSquaresFit ls;
  PoissonGlmFit fit;
  for (int iter = 1; iter <= control.max_iterations; ++iter) {
    fit.iterations = iter;
    for (size_t i = 0; i < n; ++i) {
      const double mu_eta = link_inverse(eta[i]);
      z[i] = (eta[i] - offset[i]) + (y[i] - mu[i]) / mu_eta;
      w[i] = std::sqrt(mu_eta * mu_eta / mu[i]);
    }
    ls = weighted_least_squares(columns, z, w);
    beta = ls.coefficients;
    eta = linear_predictor(columns, beta, offset);
    for (size_t i = 0; i < n; ++i) mu[i] = link_inverse(eta[i]);
    double dev = total_deviance(y, mu);
    // As glm.fit: halve the step back towards the last coefficients while the deviance is
    // infinite (exp overflow).
    for (int halvings = 0; !std::isfinite(dev); ++halvings) {
      if (beta_old.empty() || halvings >= control.max_iterations) {
        throw std::runtime_error("fit_poisson_glm: no valid set of coefficients");
      }
      for (size_t j = 0; j < p; ++j) beta[j] = (beta[j] + beta_old[j]) / 2;
      eta = linear_predictor(columns, beta, offset);
      for (size_t i = 0; i < n; ++i) mu[i] = link_inverse(eta[i]);
      dev = total_deviance(y, mu);
    }
    const bool done = std::abs(dev - dev_old) / (std::abs(dev) + 0.1) < control.epsilon;
    dev_old = dev;
    beta_old = beta;
    if (done) {
      fit.converged = true;
      break;
    }
  }

  fit.coefficients = beta;
  fit.cov_unscaled = ls.cov_unscaled;
  fit.standard_errors.resize(p);
  for (size_t j = 0; j < p; ++j) fit.standard_errors[j] = std::sqrt(ls.cov_unscaled[j * p + j]);
  fit.fitted = mu;
  fit.deviance = dev_old;
  fit.df_residual = static_cast<int>(n - p);
  fit.pearson_residuals.resize(n);
  fit.deviance_residuals.resize(n);
  fit.working_weights.resize(n);
  fit.working_residuals.resize(n);
  long double pearson = 0, loglik = 0, weighted = 0;
  for (size_t i = 0; i < n; ++i) {
    const double r = y[i] - mu[i];
    fit.pearson_residuals[i] = r / std::sqrt(mu[i]);
    const double sign = r > 0 ? 1 : (r < 0 ? -1 : 0);
    fit.deviance_residuals[i] = sign * std::sqrt(unit_deviance(y[i], mu[i]));
    fit.working_weights[i] = w[i] * w[i];
    fit.working_residuals[i] = r / link_inverse(eta[i]);
    pearson += fit.pearson_residuals[i] * fit.pearson_residuals[i];
    loglik += log_dpois(y[i], mu[i]);
    weighted += fit.working_weights[i] * fit.working_residuals[i] * fit.working_residuals[i];
  }
  fit.pearson_chi2 = static_cast<double>(pearson);
  fit.aic = -2 * static_cast<double>(loglik) + 2 * static_cast<double>(p);
  fit.dispersion = fit.df_residual > 0 ? static_cast<double>(weighted) / fit.df_residual
                                       : std::numeric_limits<double>::quiet_NaN();
  return fit;
}

PoissonTrend fit_poisson_trend(const std::vector<int>& years, const std::vector<double>& counts,
                               const std::vector<double>& populations, const GlmControl& control,
                               double conf_level) {
  const size_t n = years.size();
  if (counts.size() != n || populations.size() != n) {
    throw std::invalid_argument("fit_poisson_trend: years, counts and populations differ");
  }
  if (n < 2) throw std::invalid_argument("fit_poisson_trend: need at least 2 years");
  PoissonTrend t;
  t.n_years = static_cast<int>(n);
  t.year_first = *std::min_element(years.begin(), years.end());
  t.year_last = *std::max_element(years.begin(), years.end());
  double mean_year = 0;
  for (int v : years) mean_year += v;
  mean_year /= static_cast<double>(n);
  std::vector<double> offset(n);
  std::vector<std::vector<double>> columns(2, std::vector<double>(n, 1.0));
  for (size_t i = 0; i < n; ++i) {
    if (!(populations[i] > 0)) throw std::invalid_argument("fit_poisson_trend: population <= 0");
    offset[i] = std::log(populations[i]);
    columns[1][i] = years[i] - mean_year;
    t.total_count += counts[i];
    if (counts[i] == 0) ++t.zero_years;
  }
  const PoissonGlmFit f = fit_poisson_glm(columns, counts, offset, control);

  // Back to the uncentred year: intercept = a - b*mean, Var = Vaa - 2 mean Vab + mean^2 Vbb.
  const std::vector<double>& v = f.cov_unscaled;
  t.slope = f.coefficients[1];
  t.slope_se = f.standard_errors[1];
  t.intercept = f.coefficients[0] - t.slope * mean_year;
  t.intercept_se = std::sqrt(v[0] - 2 * mean_year * v[1] + mean_year * mean_year * v[3]);
  t.slope_z = t.slope / t.slope_se;
  t.slope_p = 2 * pnorm(-std::abs(t.slope_z));
  const double alpha = (1 - conf_level) / 2;
  const double z = qnorm(1 - alpha);
  t.slope_ci = {t.slope - z * t.slope_se, t.slope + z * t.slope_se};
  t.rr_per_year = std::exp(t.slope);
  t.rr_ci = {std::exp(t.slope_ci.lower), std::exp(t.slope_ci.upper)};
  t.deviance = f.deviance;
  t.df_residual = f.df_residual;
  t.pearson_chi2 = f.pearson_chi2;
  t.aic = f.aic;
  t.iterations = f.iterations;
  t.converged = f.converged;
  t.fitted = f.fitted;
  t.pearson_residuals = f.pearson_residuals;
  t.deviance_residuals = f.deviance_residuals;

  // As glm(): with an offset the null model is refitted (intercept only), from the fitted mu.
  const std::vector<std::vector<double>> intercept_only(1, std::vector<double>(n, 1.0));
  t.null_deviance = fit_poisson_glm(intercept_only, counts, offset, control, &f.fitted).deviance;

  t.qp_dispersion = f.dispersion;
  t.qp_slope_se = t.slope_se * std::sqrt(f.dispersion);
  t.qp_slope_t = t.slope / t.qp_slope_se;
  t.qp_slope_p = 2 * pt(-std::abs(t.qp_slope_t), t.df_residual);
  t.qp_ci = {t.slope - z * t.qp_slope_se, t.slope + z * t.qp_slope_se};
  const double tq = qt(1 - alpha, t.df_residual);
  t.qp_ci_t = {t.slope - tq * t.qp_slope_se, t.slope + tq * t.qp_slope_se};
  return t;
}

}  // namespace vaksam::stats
