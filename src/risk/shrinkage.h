// Empirical-Bayes shrinkage of unit rates (Clayton and Kaldor 1987; moment estimators of
// Marshall 1991): a small unit's rate is pulled towards the national level in proportion
// to how little its own counts say, so two cases in a small unit do not top the list.
#pragma once

#include <span>

namespace vaksam::risk {

// Ratios: O_i ~ Poisson(E_i * theta_i), theta_i ~ Gamma(shape, rate) with mean m.
struct GammaPrior {
  double mean = 1;     // m = sum O / sum E
  double shape = 1e6;  // alpha; large when the units hardly differ beyond chance
  double rate() const { return shape / mean; }
};
struct RateEstimate {
  double observed = 0, expected = 0;
  double mean = 0;                 // posterior mean of theta
  double low = 0, high = 0;        // 95 % credible interval
  double p_exceeds = 0;            // P(theta > threshold * m | data)
};

// Marshall's moment estimator over units with E > 0. Units with O/E far from m widen the
// prior; if the spread is no more than Poisson noise the prior is nearly a point at m.
GammaPrior fit_gamma_prior(std::span<const double> observed, std::span<const double> expected);
// P(theta > threshold * m): one incomplete-gamma evaluation (cheap, for every unit).
double gamma_exceedance(const GammaPrior& prior, double observed, double expected, double threshold);
// Everything, including the interval (two quantile inversions; for the units shown).
RateEstimate gamma_posterior(const GammaPrior& prior, double observed, double expected, double threshold);

// Proportions: x_i ~ Binomial(n_i, p_i), p_i ~ Beta(a, b) with mean p.
struct BetaPrior {
  double mean = 0;
  double a = 1e6, b = 1e6;
};
struct ProportionEstimate {
  double successes = 0, trials = 0;
  double mean = 0, low = 0, high = 0;
  double p_exceeds = 0;  // P(p > threshold * mean | data), or below for lower_is_worse
};
BetaPrior fit_beta_prior(std::span<const double> successes, std::span<const double> trials);
double beta_exceedance(const BetaPrior& prior, double successes, double trials, double threshold, bool lower);
ProportionEstimate beta_posterior(const BetaPrior& prior, double successes, double trials, double threshold,
                                  bool lower);

}  // namespace vaksam::risk
