// Probability functions with R's names, arguments and edge cases, computed by Boost.Math.
//
// Every distribution in this module goes through here so that R's conventions (tails,
// counts outside the support, degenerate parameters) are settled in one place.
#pragma once

#include <cstdint>

namespace vaksam::stats {

// Poisson with mean lambda >= 0. ppois(q) is P(X <= q), or P(X > q) if !lower_tail.
double dpois(double x, double lambda);
double ppois(double q, double lambda, bool lower_tail = true);

// Binomial with n trials and success probability p in [0, 1].
double dbinom(double x, double n, double p);
double pbinom(double q, double n, double p, bool lower_tail = true);

// Hypergeometric: x white balls among k drawn from m white and n black (R's dhyper order).
// The log density stays finite far in the tails where the density itself underflows.
double log_dhyper(int64_t x, int64_t m, int64_t n, int64_t k);
double phyper(int64_t q, int64_t m, int64_t n, int64_t k, bool lower_tail = true);

// Log of the Poisson density, finite where the density underflows.
double log_dpois(double x, double lambda);

// Quantiles of the gamma (scale 1) and beta distributions, lower tail.
double qgamma(double p, double shape);
double qbeta(double p, double a, double b);

double pchisq(double q, double df, bool lower_tail = true);
double pnorm(double x, bool lower_tail = true);
double qnorm(double p);
double pt(double t, double df, bool lower_tail = true);
double qt(double p, double df);

// log(n!), exact to a few ulps.
double log_factorial(int64_t n);

}  // namespace vaksam::stats
