#include "stats/poisson.h"

#include <cmath>
#include <stdexcept>

#include "stats/binomial.h"
#include "stats/distributions.h"

namespace vaksam::stats {

double poisson_two_sided_p(int64_t x, double m) {
  if (m == 0) return x == 0 ? 1 : 0;
  const double rel_err = 1 + 1e-7;  // R's fuzz for densities equal up to rounding
  const double d = dpois(x, m);
  const auto xd = static_cast<double>(x);
  if (xd == m) return 1;
  double y = 0;
  if (xd < m) {
    // The upper tail is unbounded: find an N beyond which densities are all below d.
    double big_n = std::ceil(2 * m - xd);
    while (dpois(big_n, m) > d) big_n *= 2;
    for (double i = std::ceil(m); i <= big_n; ++i) {
      if (dpois(i, m) <= d * rel_err) ++y;
    }
    return ppois(xd, m) + ppois(big_n - y, m, /*lower_tail=*/false);
  }
  const double last = std::floor(m);
  for (double i = 0; i <= last; ++i) {
    if (dpois(i, m) <= d * rel_err) ++y;
  }
  return ppois(y - 1, m) + ppois(xd - 1, m, /*lower_tail=*/false);
}

Interval garwood_interval(int64_t x, double conf_level) {
  if (x < 0) throw std::invalid_argument("garwood_interval: x must be >= 0");
  const double alpha = (1 - conf_level) / 2;
  const auto xd = static_cast<double>(x);
  return {x == 0 ? 0 : qgamma(alpha, xd), qgamma(1 - alpha, xd + 1)};
}

PoissonTest poisson_test(int64_t x, double t, double r, double conf_level) {
  if (x < 0) throw std::invalid_argument("poisson_test: x must be >= 0");
  if (!(t > 0)) throw std::invalid_argument("poisson_test: T must be > 0");
  if (!(r >= 0)) throw std::invalid_argument("poisson_test: r must be >= 0");
  const auto xd = static_cast<double>(x);
  PoissonTest res;
  res.expected = r * t;
  res.estimate = xd / t;
  const Interval count_ci = garwood_interval(x, conf_level);
  res.ci = {count_ci.lower / t, count_ci.upper / t};
  res.p_value = poisson_two_sided_p(x, res.expected);
  res.p_less = ppois(xd, res.expected);
  res.p_greater = ppois(xd - 1, res.expected, /*lower_tail=*/false);
  return res;
}

PoissonRatioTest poisson_test_two_sample(int64_t x1, double t1, int64_t x2, double t2, double r,
                                         double conf_level) {
  if (x1 < 0 || x2 < 0) throw std::invalid_argument("poisson_test_two_sample: counts must be >= 0");
  if (!(t1 > 0) || !(t2 > 0)) {
    throw std::invalid_argument("poisson_test_two_sample: T1 and T2 must be > 0");
  }
  if (!(r > 0)) throw std::invalid_argument("poisson_test_two_sample: r must be > 0");
  const int64_t n = x1 + x2;
  const auto nd = static_cast<double>(n);
  PoissonRatioTest res;
  res.null_prob1 = r * t1 / (r * t1 + t2);
  res.expected_count1 = nd * res.null_prob1;
  // R 4.2.2 weights T by c(1, r) here, which equals the line above only when r = 1 or T1 = T2.
  res.expected_count1_r = nd * r * t1 / (t1 + t2 * r);
  res.estimate = (static_cast<double>(x1) / t1) / (static_cast<double>(x2) / t2);
  const BinomTest b = binom_test(x1, n, res.null_prob1, conf_level);
  res.ci = {b.ci.lower / (1 - b.ci.lower) * t2 / t1, b.ci.upper / (1 - b.ci.upper) * t2 / t1};
  res.p_value = b.p_value;
  res.p_less = b.p_less;
  res.p_greater = b.p_greater;
  return res;
}

}  // namespace vaksam::stats
