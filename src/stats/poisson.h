// Exact inference on Poisson counts: R's poisson.test for one rate and for a ratio of two rates.
#pragma once

#include <cstdint>

#include "stats/interval.h"

namespace vaksam::stats {

// Two-sided exact p-value of count x when its mean is m, by R's rule (see binom_two_sided_p):
// all counts no more likely than x, with a relative slack of 1e-7 for ties.
double poisson_two_sided_p(int64_t x, double m);

// Garwood ("exact") interval for the mean of a Poisson count x: qgamma(alpha/2, x) (0 at
// x = 0) and qgamma(1 - alpha/2, x + 1).
Interval garwood_interval(int64_t x, double conf_level = 0.95);

struct PoissonTest {
  double expected = 0;   // m = r * T, the count expected under the null
  double estimate = 0;   // x / T
  Interval ci;           // Garwood interval divided by T
  double p_value = 0;    // two-sided
  double p_less = 0;     // P(X <= x)
  double p_greater = 0;  // P(X >= x)
};

// R's poisson.test(x, T, r): count x over person-time (or population) T > 0, null rate r.
PoissonTest poisson_test(int64_t x, double t, double r = 1, double conf_level = 0.95);

struct PoissonRatioTest {
  double null_prob1 = 0;         // r*T1 / (r*T1 + T2): the binomial null for x1 out of x1 + x2
  double expected_count1 = 0;    // (x1 + x2) * null_prob1
  double expected_count1_r = 0;  // what R 4.2.2 reports: n*r*T1 / (T1 + r*T2); see docs
  double estimate = 0;           // (x1/T1) / (x2/T2): NaN if both 0, Inf if x2 = 0
  Interval ci;                   // Clopper-Pearson for x1 of n, mapped by pp/(1-pp)*T2/T1
  double p_value = 0;            // two-sided
  double p_less = 0;
  double p_greater = 0;
};

// R's poisson.test(c(x1, x2), c(T1, T2), r): the rate ratio group 1 / group 2, tested
// conditionally on x1 + x2 (binom.test of x1 out of x1 + x2).
PoissonRatioTest poisson_test_two_sample(int64_t x1, double t1, int64_t x2, double t2,
                                         double r = 1, double conf_level = 0.95);

}  // namespace vaksam::stats
