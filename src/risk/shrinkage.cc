#include "risk/shrinkage.h"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <cmath>

namespace vaksam::risk {

namespace {
constexpr double kMaxShape = 1e6;  // "no heterogeneity": the prior is all but a point
}

GammaPrior fit_gamma_prior(std::span<const double> observed, std::span<const double> expected) {
  double sum_o = 0, sum_e = 0;
  size_t n = 0;
  for (size_t i = 0; i < observed.size(); ++i) {
    if (!(expected[i] > 0)) continue;
    sum_o += observed[i];
    sum_e += expected[i];
    ++n;
  }
  GammaPrior prior;
  if (n < 2 || sum_e <= 0 || sum_o <= 0) return prior;
  prior.mean = sum_o / sum_e;
  // s2: E-weighted variance of the ratios; minus the Poisson part m / mean(E).
  double s2 = 0;
  for (size_t i = 0; i < observed.size(); ++i) {
    if (!(expected[i] > 0)) continue;
    double r = observed[i] / expected[i] - prior.mean;
    s2 += expected[i] * r * r;
  }
  s2 /= sum_e;
  double between = s2 - prior.mean / (sum_e / static_cast<double>(n));
  if (between > 0) prior.shape = std::min(kMaxShape, prior.mean * prior.mean / between);
  else prior.shape = kMaxShape;
  return prior;
}

double gamma_exceedance(const GammaPrior& prior, double observed, double expected, double threshold) {
  double shape = prior.shape + observed, rate = prior.rate() + expected;
  return boost::math::gamma_q(shape, threshold * prior.mean * rate);
}

RateEstimate gamma_posterior(const GammaPrior& prior, double observed, double expected, double threshold) {
  RateEstimate e;
  e.observed = observed;
  e.expected = expected;
  double shape = prior.shape + observed, rate = prior.rate() + expected;
  boost::math::gamma_distribution<double> post(shape, 1.0 / rate);
  e.mean = shape / rate;
  e.low = boost::math::quantile(post, 0.025);
  e.high = boost::math::quantile(post, 0.975);
  e.p_exceeds = gamma_exceedance(prior, observed, expected, threshold);
  return e;
}

BetaPrior fit_beta_prior(std::span<const double> successes, std::span<const double> trials) {
  double sum_x = 0, sum_n = 0;
  size_t n = 0;
  for (size_t i = 0; i < successes.size(); ++i) {
    if (!(trials[i] > 0)) continue;
    sum_x += successes[i];
    sum_n += trials[i];
    ++n;
  }
  BetaPrior prior;
  if (n < 2 || sum_n <= 0) return prior;
  double p = std::clamp(sum_x / sum_n, 1e-9, 1 - 1e-9);
  prior.mean = p;
  double s2 = 0;
  for (size_t i = 0; i < successes.size(); ++i) {
    if (!(trials[i] > 0)) continue;
    double d = successes[i] / trials[i] - p;
    s2 += trials[i] * d * d;
  }
  s2 /= sum_n;
  double between = s2 - p * (1 - p) / (sum_n / static_cast<double>(n));
  double total = between > 0 ? std::min(kMaxShape, p * (1 - p) / between - 1) : kMaxShape;
  total = std::max(total, 1e-3);
  prior.a = p * total;
  prior.b = (1 - p) * total;
  return prior;
}

double beta_exceedance(const BetaPrior& prior, double successes, double trials, double threshold, bool lower) {
  double a = prior.a + successes, b = prior.b + std::max(0.0, trials - successes);
  double cut = std::clamp(lower ? prior.mean / threshold : prior.mean * threshold, 0.0, 1.0);
  if (cut >= 1) return lower ? 1 : 0;
  if (cut <= 0) return lower ? 0 : 1;
  return lower ? boost::math::ibeta(a, b, cut) : boost::math::ibetac(a, b, cut);
}

ProportionEstimate beta_posterior(const BetaPrior& prior, double successes, double trials, double threshold,
                                  bool lower) {
  ProportionEstimate e;
  e.successes = successes;
  e.trials = trials;
  double a = prior.a + successes, b = prior.b + std::max(0.0, trials - successes);
  boost::math::beta_distribution<double> post(a, b);
  e.mean = a / (a + b);
  e.low = boost::math::quantile(post, 0.025);
  e.high = boost::math::quantile(post, 0.975);
  e.p_exceeds = beta_exceedance(prior, successes, trials, threshold, lower);
  return e;
}

}  // namespace vaksam::risk
