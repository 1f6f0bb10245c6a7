#include "stats/rate_ratio.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "stats/distributions.h"

namespace vaksam::stats {
namespace {

void check(int64_t x1, double t1, int64_t x2, double t2) {
  if (x1 < 0 || x2 < 0) throw std::invalid_argument("rate ratio: counts must be >= 0");
  if (!(t1 > 0) || !(t2 > 0)) throw std::invalid_argument("rate ratio: T1 and T2 must be > 0");
}

}  // namespace

RateRatioWald rate_ratio_wald(int64_t x1, double t1, int64_t x2, double t2, double conf_level) {
  check(x1, t1, x2, t2);
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  const auto a = static_cast<double>(x1);
  const auto b = static_cast<double>(x2);
  RateRatioWald r;
  r.rate1 = a / t1;
  r.rate2 = b / t2;
  r.estimate = r.rate1 / r.rate2;
  r.defined = x1 > 0 && x2 > 0;
  if (!r.defined) {
    r.log_estimate = r.se_log = r.z = r.p_value = kNaN;
    r.ci = {kNaN, kNaN};
    return r;
  }
  const double z = qnorm(0.5 * (1 + conf_level));
  r.log_estimate = std::log(r.estimate);
  r.se_log = std::sqrt(1 / a + 1 / b);
  r.ci = {std::exp(r.log_estimate - z * r.se_log), std::exp(r.log_estimate + z * r.se_log)};
  r.z = r.log_estimate / r.se_log;
  r.p_value = 2 * pnorm(-std::abs(r.z));
  return r;
}

double rate_ratio_midp_p(int64_t x1, double t1, int64_t x2, double t2) {
  check(x1, t1, x2, t2);
  const auto a = static_cast<double>(x1);
  const auto n = static_cast<double>(x1 + x2);
  const double s = t1 / (t1 + t2);
  const double p_lower = dbinom(a, n, s) / 2 + pbinom(a - 1, n, s);
  const double p_upper = 1 - p_lower;  // as epitools: exactly 0 once p_lower rounds to 1
  return 2 * std::min(p_lower, p_upper);
}

double rate_ratio_score_p(int64_t x1, double t1, int64_t x2, double t2) {
  check(x1, t1, x2, t2);
  const auto a = static_cast<double>(x1);
  const auto n = static_cast<double>(x1 + x2);
  const double t = t2 + t1;
  const double num = a - (t1 / t) * n;
  const double den = std::sqrt(n * (t1 / t) * (t2 / t));
  const double ratio = num / den;
  if (std::isnan(ratio)) return ratio;
  return 1 - pchisq(ratio * ratio, 1);  // 1 - lower tail, as epitools (0 below ~1e-16)
}

}  // namespace vaksam::stats
