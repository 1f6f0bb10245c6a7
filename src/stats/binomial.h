// Exact inference on one binomial proportion: R's binom.test and the Clopper-Pearson interval.
#pragma once

#include <cstdint>

#include "stats/interval.h"

namespace vaksam::stats {

// Two-sided exact p-value of x successes in n trials under P(success) = p, by R's rule: the
// total probability of all outcomes no more likely than x, with a relative slack of 1e-7 so
// that ties in floating point count as ties. Not clamped to 1 (as in R).
double binom_two_sided_p(int64_t x, int64_t n, double p);

// Clopper-Pearson ("exact") interval for x/n: qbeta(alpha/2, x, n-x+1) and
// qbeta(1-alpha/2, x+1, n-x), with 0 at x = 0 and 1 at x = n. Requires 0 <= x <= n.
Interval clopper_pearson(int64_t x, int64_t n, double conf_level = 0.95);

struct BinomTest {
  double estimate = 0;  // x / n (NaN when n = 0)
  Interval ci;          // Clopper-Pearson
  double p_value = 0;   // two-sided
  double p_less = 0;    // P(X <= x)
  double p_greater = 0; // P(X >= x)
};

// R's binom.test(x, n, p). n = 0 is allowed (x must be 0), as poisson.test relies on it.
BinomTest binom_test(int64_t x, int64_t n, double p = 0.5, double conf_level = 0.95);

}  // namespace vaksam::stats
