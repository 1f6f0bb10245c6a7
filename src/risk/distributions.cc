#include "risk/distributions.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/negative_binomial.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cfloat>
#include <cmath>
#include <limits>

namespace vaksam::risk {

namespace {

namespace bm = boost::math;

// NaN instead of exceptions; no promotion to long double (fast, still ~1e-15 relative).
using Policy = bm::policies::policy<bm::policies::domain_error<bm::policies::ignore_error>,
                                    bm::policies::pole_error<bm::policies::ignore_error>,
                                    bm::policies::overflow_error<bm::policies::ignore_error>,
                                    bm::policies::evaluation_error<bm::policies::ignore_error>,
                                    bm::policies::promote_double<false>>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// R's discrete quantile search: smallest y >= 0 with cdf(y) >= p (p fuzzed down a little
// so that a cdf equal to p up to rounding still counts), from a Cornish-Fisher start.
template <typename Cdf>
double discrete_quantile(double p, double mu, double sigma, double gamma, Cdf cdf) {
  if (std::isnan(p) || p < 0.0 || p > 1.0) return kNaN;
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  const double z = qnorm(p);
  double y = std::nearbyint(mu + sigma * (z + gamma * (z * z - 1.0) / 6.0));
  if (!(y >= 0.0)) y = 0.0;
  p *= 1.0 - 64.0 * DBL_EPSILON;
  if (cdf(y) >= p) {
    while (y > 0.0 && cdf(y - 1.0) >= p) y -= 1.0;
    return y;
  }
  do {
    y += 1.0;
  } while (cdf(y) < p);
  return y;
}

}  // namespace

double qnorm(double p) {
  if (std::isnan(p) || p < 0.0 || p > 1.0) return kNaN;
  if (p == 0.0) return -std::numeric_limits<double>::infinity();
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  return bm::quantile(bm::normal_distribution<double, Policy>(), p);
}

double pnorm_upper(double x, double mean, double sd) {
  if (std::isnan(x) || !(sd > 0.0)) return kNaN;
  return bm::cdf(bm::complement(bm::normal_distribution<double, Policy>(mean, sd), x));
}

double qchisq_lower(double p, double df) {
  if (!(df > 0.0) || !(p >= 0.0 && p <= 1.0)) return kNaN;
  return bm::quantile(bm::chi_squared_distribution<double, Policy>(df), p);
}

double qchisq_upper(double p, double df) {
  if (!(df > 0.0) || !(p >= 0.0 && p <= 1.0)) return kNaN;
  return bm::quantile(bm::complement(bm::chi_squared_distribution<double, Policy>(df), p));
}

double pt_two_sided(double t, double df) {
  if (std::isnan(t) || !(df > 0.0)) return kNaN;
  if (std::isinf(t)) return 0.0;
  return 2.0 * bm::cdf(bm::students_t_distribution<double, Policy>(df), -std::fabs(t));
}

double qpois(double p, double lambda) {
  if (!(lambda >= 0.0)) return kNaN;
  if (lambda == 0.0) return 0.0;
  const bm::poisson_distribution<double, Policy> dist(lambda);
  const double sigma = std::sqrt(lambda);
  return discrete_quantile(p, lambda, sigma, 1.0 / sigma,
                           [&](double y) { return bm::cdf(dist, y); });
}

double qnbinom(double p, double size, double prob) {
  if (!(size > 0.0) || !(prob > 0.0 && prob <= 1.0)) return kNaN;
  if (prob == 1.0) return 0.0;
  const bm::negative_binomial_distribution<double, Policy> dist(size, prob);
  const double q = 1.0 / prob;
  const double pp = (1.0 - prob) * q;
  const double sigma = std::sqrt(size * pp * q);
  return discrete_quantile(p, size * pp, sigma, (q + pp) / sigma,
                           [&](double y) { return bm::cdf(dist, y); });
}

double ppois_upper(double q, double lambda) {
  if (std::isnan(q) || !(lambda >= 0.0)) return kNaN;
  if (q < 0.0) return 1.0;
  if (lambda == 0.0) return 0.0;
  return bm::cdf(
      bm::complement(bm::poisson_distribution<double, Policy>(lambda), std::floor(q + 1e-7)));
}

double pnbinom_upper(double q, double size, double prob) {
  if (std::isnan(q) || !(size > 0.0) || !(prob > 0.0 && prob <= 1.0)) return kNaN;
  if (q < 0.0) return 1.0;
  if (prob == 1.0) return 0.0;
  return bm::cdf(bm::complement(bm::negative_binomial_distribution<double, Policy>(size, prob),
                                std::floor(q + 1e-7)));
}

}  // namespace vaksam::risk
