#include "stats/binomial.h"

#include <cmath>
#include <stdexcept>

#include "stats/distributions.h"

namespace vaksam::stats {

double binom_two_sided_p(int64_t x, int64_t n, double p) {
  if (p == 0) return x == 0 ? 1 : 0;
  if (p == 1) return x == n ? 1 : 0;
  const double rel_err = 1 + 1e-7;  // R's fuzz for densities equal up to rounding
  const double d = dbinom(x, n, p);
  const double m = n * p;
  const double xd = static_cast<double>(x);
  if (xd == m) return 1;
  int64_t y = 0;
  if (xd < m) {
    for (auto i = static_cast<int64_t>(std::ceil(m)); i <= n; ++i) {
      if (dbinom(i, n, p) <= d * rel_err) ++y;
    }
    return pbinom(x, n, p) + pbinom(n - y, n, p, /*lower_tail=*/false);
  }
  const auto last = static_cast<int64_t>(std::floor(m));
  for (int64_t i = 0; i <= last; ++i) {
    if (dbinom(i, n, p) <= d * rel_err) ++y;
  }
  return pbinom(y - 1, n, p) + pbinom(x - 1, n, p, /*lower_tail=*/false);
}

Interval clopper_pearson(int64_t x, int64_t n, double conf_level) {
  if (x < 0 || n < 0 || x > n) throw std::invalid_argument("clopper_pearson: need 0 <= x <= n");
  const double alpha = (1 - conf_level) / 2;
  const auto xd = static_cast<double>(x);
  const auto nd = static_cast<double>(n);
  Interval ci;
  ci.lower = x == 0 ? 0 : qbeta(alpha, xd, nd - xd + 1);
  ci.upper = x == n ? 1 : qbeta(1 - alpha, xd + 1, nd - xd);
  return ci;
}

BinomTest binom_test(int64_t x, int64_t n, double p, double conf_level) {
  if (x < 0 || n < 0 || x > n) throw std::invalid_argument("binom_test: need 0 <= x <= n");
  if (!(p >= 0 && p <= 1)) throw std::invalid_argument("binom_test: p must be in [0, 1]");
  BinomTest r;
  r.estimate = static_cast<double>(x) / static_cast<double>(n);
  r.ci = clopper_pearson(x, n, conf_level);
  r.p_value = binom_two_sided_p(x, n, p);
  r.p_less = pbinom(x, n, p);
  r.p_greater = pbinom(x - 1, n, p, /*lower_tail=*/false);
  return r;
}

}  // namespace vaksam::stats
