#include "stats/distributions.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/hypergeometric.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/factorials.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include "stats/boost_policy.h"

namespace vaksam::stats {
namespace {

namespace bm = boost::math;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
// Below this a density is taken from its logarithm, so that tails do not underflow to 0.
constexpr double kTinyDensity = 1e-280;

// R takes floor(q + 1e-7) of a count argument in ppois and pbinom.
double floor_count(double q) { return std::floor(q + 1e-7); }

bool is_count(double x) { return x >= 0 && std::nearbyint(x) == x; }

}  // namespace

double dpois(double x, double lambda) {
  if (std::isnan(x) || std::isnan(lambda) || lambda < 0) return kNaN;
  if (!is_count(x)) return 0;
  if (lambda == 0) return x == 0 ? 1 : 0;
  if (std::isinf(x)) return 0;
  return bm::pdf(bm::poisson_distribution<double, BoostPolicy>(lambda), x);
}

double ppois(double q, double lambda, bool lower_tail) {
  if (std::isnan(q) || std::isnan(lambda) || lambda < 0) return kNaN;
  q = floor_count(q);
  if (q < 0) return lower_tail ? 0 : 1;
  if (lambda == 0 || std::isinf(q)) return lower_tail ? 1 : 0;
  bm::poisson_distribution<double, BoostPolicy> dist(lambda);
  return lower_tail ? bm::cdf(dist, q) : bm::cdf(bm::complement(dist, q));
}

double log_dpois(double x, double lambda) {
  const double d = dpois(x, lambda);
  if (std::isnan(d) || d >= kTinyDensity) return std::log(d);
  if (lambda == 0 || !is_count(x) || std::isinf(x)) return std::log(d);  // a true zero
  return x * std::log(lambda) - lambda - log_factorial(static_cast<int64_t>(x));
}

double dbinom(double x, double n, double p) {
  if (std::isnan(x) || std::isnan(n) || std::isnan(p) || p < 0 || p > 1 || !is_count(n)) {
    return kNaN;
  }
  if (!is_count(x) || x > n) return 0;
  if (n == 0) return x == 0 ? 1 : 0;
  if (p == 0) return x == 0 ? 1 : 0;
  if (p == 1) return x == n ? 1 : 0;
  return bm::pdf(bm::binomial_distribution<double, BoostPolicy>(n, p), x);
}

double pbinom(double q, double n, double p, bool lower_tail) {
  if (std::isnan(q) || std::isnan(n) || std::isnan(p) || p < 0 || p > 1 || !is_count(n)) {
    return kNaN;
  }
  q = floor_count(q);
  if (q < 0) return lower_tail ? 0 : 1;
  if (q >= n) return lower_tail ? 1 : 0;
  if (p == 0) return lower_tail ? 1 : 0;  // all mass at 0 <= q
  if (p == 1) return lower_tail ? 0 : 1;  // all mass at n > q
  bm::binomial_distribution<double, BoostPolicy> dist(n, p);
  return lower_tail ? bm::cdf(dist, q) : bm::cdf(bm::complement(dist, q));
}

double log_factorial(int64_t n) {
  if (n < 0) return kNaN;
  if (n <= 170) return std::log(bm::factorial<double>(static_cast<unsigned>(n), BoostPolicy()));
  return bm::lgamma(static_cast<double>(n) + 1, BoostPolicy());
}

double log_dhyper(int64_t x, int64_t m, int64_t n, int64_t k) {
  if (m < 0 || n < 0 || k < 0 || k > m + n) return kNaN;
  const int64_t lo = std::max<int64_t>(0, k - n);
  const int64_t hi = std::min(k, m);
  if (x < lo || x > hi) return -kInf;
  bm::hypergeometric_distribution<double, BoostPolicy> dist(
      static_cast<unsigned>(m), static_cast<unsigned>(k), static_cast<unsigned>(m + n));
  const double d = bm::pdf(dist, static_cast<unsigned>(x));
  if (d >= kTinyDensity) return std::log(d);
  // Far tail: log choose(m, x) + log choose(n, k - x) - log choose(m + n, k).
  return log_factorial(m) - log_factorial(x) - log_factorial(m - x) + log_factorial(n) -
         log_factorial(k - x) - log_factorial(n - k + x) - log_factorial(m + n) +
         log_factorial(k) + log_factorial(m + n - k);
}

double phyper(int64_t q, int64_t m, int64_t n, int64_t k, bool lower_tail) {
  if (m < 0 || n < 0 || k < 0 || k > m + n) return kNaN;
  const int64_t lo = std::max<int64_t>(0, k - n);
  const int64_t hi = std::min(k, m);
  if (q < lo) return lower_tail ? 0 : 1;
  if (q >= hi) return lower_tail ? 1 : 0;
  bm::hypergeometric_distribution<double, BoostPolicy> dist(
      static_cast<unsigned>(m), static_cast<unsigned>(k), static_cast<unsigned>(m + n));
  const auto uq = static_cast<unsigned>(q);
  return lower_tail ? bm::cdf(dist, uq) : bm::cdf(bm::complement(dist, uq));
}

double qgamma(double p, double shape) {
  if (std::isnan(p) || std::isnan(shape) || p < 0 || p > 1 || shape < 0) return kNaN;
  if (shape == 0) return 0;  // R: all mass at 0
  if (p == 0) return 0;
  if (p == 1) return kInf;
  return bm::quantile(bm::gamma_distribution<double, BoostPolicy>(shape, 1.0), p);
}

double qbeta(double p, double a, double b) {
  if (std::isnan(p) || std::isnan(a) || std::isnan(b) || p < 0 || p > 1 || a < 0 || b < 0) {
    return kNaN;
  }
  if (a == 0 && b == 0) return p < 0.5 ? 0 : (p > 0.5 ? 1 : 0.5);  // R: mass 1/2 at 0 and 1
  if (a == 0) return 0;
  if (b == 0) return 1;
  if (p == 0) return 0;
  if (p == 1) return 1;
  return bm::quantile(bm::beta_distribution<double, BoostPolicy>(a, b), p);
}

double pchisq(double q, double df, bool lower_tail) {
  if (std::isnan(q) || std::isnan(df) || df < 0) return kNaN;
  if (q <= 0) return lower_tail ? 0 : 1;
  if (std::isinf(q)) return lower_tail ? 1 : 0;
  if (df == 0) return lower_tail ? 1 : 0;  // point mass at 0
  bm::chi_squared_distribution<double, BoostPolicy> dist(df);
  return lower_tail ? bm::cdf(dist, q) : bm::cdf(bm::complement(dist, q));
}

double pnorm(double x, bool lower_tail) {
  if (std::isnan(x)) return kNaN;
  if (std::isinf(x)) return (x > 0) == lower_tail ? 1 : 0;
  bm::normal_distribution<double, BoostPolicy> dist;
  return lower_tail ? bm::cdf(dist, x) : bm::cdf(bm::complement(dist, x));
}

double qnorm(double p) {
  if (std::isnan(p) || p < 0 || p > 1) return kNaN;
  if (p == 0) return -kInf;
  if (p == 1) return kInf;
  return bm::quantile(bm::normal_distribution<double, BoostPolicy>(), p);
}

double pt(double t, double df, bool lower_tail) {
  if (std::isnan(t) || std::isnan(df) || df <= 0) return kNaN;
  if (std::isinf(t)) return (t > 0) == lower_tail ? 1 : 0;
  bm::students_t_distribution<double, BoostPolicy> dist(df);
  return lower_tail ? bm::cdf(dist, t) : bm::cdf(bm::complement(dist, t));
}

double qt(double p, double df) {
  if (std::isnan(p) || std::isnan(df) || p < 0 || p > 1 || df <= 0) return kNaN;
  if (p == 0) return -kInf;
  if (p == 1) return kInf;
  return bm::quantile(bm::students_t_distribution<double, BoostPolicy>(df), p);
}

}  // namespace vaksam::stats
