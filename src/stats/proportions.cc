#include "stats/proportions.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "stats/distributions.h"

namespace vaksam::stats {
namespace {

void check_counts(int64_t x, int64_t n, const char* what) {
  if (n <= 0 || x < 0 || x > n) {
    throw std::invalid_argument(std::string(what) + ": need 0 <= x <= n, n > 0");
  }
}

// prop.test's one-sample interval: Wilson's score interval around x/n shifted by `yates`/n.
Interval score_interval(double estimate, double n, double yates, double conf_level) {
  const double z = qnorm((1 + conf_level) / 2);
  const double z22n = z * z / (2 * n);
  double p_c = estimate + yates / n;
  const double upper =
      p_c >= 1 ? 1 : (p_c + z22n + z * std::sqrt(p_c * (1 - p_c) / n + z22n / (2 * n))) /
                         (1 + 2 * z22n);
  p_c = estimate - yates / n;
  const double lower =
      p_c <= 0 ? 0 : (p_c + z22n - z * std::sqrt(p_c * (1 - p_c) / n + z22n / (2 * n))) /
                         (1 + 2 * z22n);
  return {std::max(lower, 0.0), std::min(upper, 1.0)};
}

}  // namespace

Interval wilson_interval(int64_t x, int64_t n, double conf_level) {
  check_counts(x, n, "wilson_interval");
  const auto nd = static_cast<double>(n);
  return score_interval(static_cast<double>(x) / nd, nd, 0, conf_level);
}

Interval wilson_cc_interval(int64_t x, int64_t n, double conf_level) {
  check_counts(x, n, "wilson_cc_interval");
  const auto nd = static_cast<double>(n);
  // Algebraically Newcombe's closed form; written as prop.test does with the correction fixed.
  return score_interval(static_cast<double>(x) / nd, nd, 0.5, conf_level);
}

PropTest prop_test_one_sample(int64_t x, int64_t n, double p0, bool correct, double conf_level) {
  check_counts(x, n, "prop_test_one_sample");
  if (!(p0 > 0 && p0 < 1)) {
    throw std::invalid_argument("prop_test_one_sample: p0 must be in (0, 1)");
  }
  const auto xd = static_cast<double>(x);
  const auto nd = static_cast<double>(n);
  PropTest r;
  r.estimate = xd / nd;
  r.yates = correct ? std::min(0.5, std::abs(xd - nd * p0)) : 0;
  r.ci = score_interval(r.estimate, nd, r.yates, conf_level);
  // The 1x2 table (x, n - x) against its expectation (n*p0, n*(1 - p0)).
  const double observed[2] = {xd, nd - xd};
  const double expected[2] = {nd * p0, nd * (1 - p0)};
  long double sum = 0;  // R's sum() accumulates in long double
  for (int i = 0; i < 2; ++i) {
    const double dev = std::abs(observed[i] - expected[i]) - r.yates;
    sum += dev * dev / expected[i];
    if (expected[i] < 5) r.warn_approx = true;
  }
  r.statistic = static_cast<double>(sum);
  r.df = 1;
  r.p_value = pchisq(r.statistic, 1, /*lower_tail=*/false);
  return r;
}

PropTest2 prop_test_two_sample(int64_t x1, int64_t n1, int64_t x2, int64_t n2, bool correct,
                               double conf_level) {
  check_counts(x1, n1, "prop_test_two_sample");
  check_counts(x2, n2, "prop_test_two_sample");
  const double xs[2] = {static_cast<double>(x1), static_cast<double>(x2)};
  const double ns[2] = {static_cast<double>(n1), static_cast<double>(n2)};
  PropTest2 r;
  r.estimate1 = xs[0] / ns[0];
  r.estimate2 = xs[1] / ns[1];
  r.difference = r.estimate1 - r.estimate2;
  const double inv_n = 1 / ns[0] + 1 / ns[1];
  r.yates = correct ? std::min(0.5, std::abs(r.difference) / inv_n) : 0;
  const double z = qnorm((1 + conf_level) / 2);
  const double width = z * std::sqrt(r.estimate1 * (1 - r.estimate1) / ns[0] +
                                     r.estimate2 * (1 - r.estimate2) / ns[1]) +
                       r.yates * inv_n;
  r.ci = {std::max(r.difference - width, -1.0), std::min(r.difference + width, 1.0)};
  // Pearson chi-square of the 2x2 table, summed column by column as R does.
  const double pooled = (xs[0] + xs[1]) / (ns[0] + ns[1]);
  const double observed[4] = {xs[0], xs[1], ns[0] - xs[0], ns[1] - xs[1]};
  const double expected[4] = {ns[0] * pooled, ns[1] * pooled, ns[0] * (1 - pooled),
                              ns[1] * (1 - pooled)};
  long double sum = 0;
  for (int i = 0; i < 4; ++i) {
    const double dev = std::abs(observed[i] - expected[i]) - r.yates;
    sum += dev * dev / expected[i];
    if (expected[i] < 5) r.warn_approx = true;
  }
  r.statistic = static_cast<double>(sum);
  r.df = 1;
  r.p_value = pchisq(r.statistic, 1, /*lower_tail=*/false);
  return r;
}

Interval newcombe_interval(double p1, Interval ci1, double p2, Interval ci2) {
  const double diff = p1 - p2;
  const double a = p1 - ci1.lower, b = ci2.upper - p2;
  const double c = ci1.upper - p1, d = p2 - ci2.lower;
  return {diff - std::sqrt(a * a + b * b), diff + std::sqrt(c * c + d * d)};
}

Interval newcombe_difference(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                             bool continuity_correction, double conf_level) {
  const auto interval = continuity_correction ? wilson_cc_interval : wilson_interval;
  const double p1 = static_cast<double>(x1) / static_cast<double>(n1);
  const double p2 = static_cast<double>(x2) / static_cast<double>(n2);
  return newcombe_interval(p1, interval(x1, n1, conf_level), p2, interval(x2, n2, conf_level));
}

}  // namespace vaksam::stats
