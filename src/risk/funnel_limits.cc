#include "risk/funnel_limits.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "risk/distributions.h"
#include "risk/r_numerics.h"

namespace vaksam::risk {

namespace {

// multiplier * target * (qchisq(p, 2E, lower = FALSE) / 2) / E, in R's evaluation order.
double poisson_lower(double e, double upper_tail_p, const LimitSpec& spec) {
  return spec.multiplier * spec.target * (qchisq_upper(upper_tail_p, 2.0 * e) / 2.0) / e;
}

double poisson_upper(double e, double upper_tail_p, const LimitSpec& spec) {
  return spec.multiplier * spec.target * (qchisq_upper(upper_tail_p, 2.0 * (e + 1.0)) / 2.0) / e;
}

// sin^2 of an angle on the arcsine scale; outside [0, pi/2] the transform folds back, so
// the corrected version clamps the angle first.
double proportion_bound(double angle, bool clamp_angle) {
  if (clamp_angle) {
    if (angle <= 0.0) return 0.0;
    if (angle >= std::numbers::pi / 2.0) return 1.0;
  }
  const double s = std::sin(angle);
  return s * s;
}

void adjusted_limits(double denominator, double tau2, const LimitSpec& spec, double& lcl95,
                     double& ucl95, double& lcl998, double& ucl998) {
  const double m = spec.multiplier;
  if (spec.type == FunnelType::kRatio && spec.method == RatioMethod::kShmi) {
    const double sd = std::sqrt((1.0 / denominator) + tau2);
    lcl95 = m * std::exp(-kZ95 * sd);
    ucl95 = m * std::exp(kZ95 * sd);
    lcl998 = m * std::exp(-kZ998 * sd);
    ucl998 = m * std::exp(kZ998 * sd);
    return;
  }
  const double s = 1.0 / (2.0 * std::sqrt(denominator));
  const double sd = std::sqrt(s * s + tau2);
  if (spec.type == FunnelType::kRatio) {
    if (spec.compatibility) {  // the package forgets to square back (a known bug)
      lcl95 = m * (1.0 - kZ95 * sd);
      ucl95 = m * (1.0 + kZ95 * sd);
      lcl998 = m * (1.0 - kZ998 * sd);
      ucl998 = m * (1.0 + kZ998 * sd);
    } else {  // sqrt(O/E) ~ N(1, s^2 + tau2), so the ratio limits are the squares
      auto sq = [](double v) { return v * v; };
      lcl95 = m * sq(std::max(0.0, 1.0 - kZ95 * sd));
      ucl95 = m * sq(1.0 + kZ95 * sd);
      lcl998 = m * sq(std::max(0.0, 1.0 - kZ998 * sd));
      ucl998 = m * sq(1.0 + kZ998 * sd);
    }
    return;
  }
  const double centre = std::asin(std::sqrt(spec.target));
  const bool clamp = !spec.compatibility;
  lcl95 = std::max(0.0, m * proportion_bound(centre - kZ95 * sd, clamp));
  ucl95 = std::min(m, m * proportion_bound(centre + kZ95 * sd, clamp));
  lcl998 = std::max(0.0, m * proportion_bound(centre - kZ998 * sd, clamp));
  ucl998 = std::min(m, m * proportion_bound(centre + kZ998 * sd, clamp));
}

}  // namespace

double funnel_standard_error(double denominator, FunnelType type, RatioMethod method) {
  if (type == FunnelType::kRatio && method == RatioMethod::kShmi) {
    return std::sqrt(1.0 / denominator);
  }
  return 1.0 / (2.0 * std::sqrt(denominator));
}

FunnelLimits limits_at(double denominator, const LimitSpec& spec) {
  FunnelLimits l;
  adjusted_limits(denominator, spec.tau2, spec, l.od_lcl95, l.od_ucl95, l.od_lcl998, l.od_ucl998);
  if (spec.type == FunnelType::kRatio) {
    l.lcl95 = poisson_lower(denominator, 0.975, spec);
    l.ucl95 = poisson_upper(denominator, 0.025, spec);
    l.lcl998 = poisson_lower(denominator, 0.999, spec);
    l.ucl998 = poisson_upper(denominator, 0.001, spec);
  } else {  // the same normal approximation with tau2 = 0
    adjusted_limits(denominator, 0.0, spec, l.lcl95, l.ucl95, l.lcl998, l.ucl998);
  }
  return l;
}

void limits_on_grid(std::span<const double> ascending, const LimitSpec& spec,
                    std::span<FunnelLimits> out) {
  const std::size_t n = ascending.size();
  for (std::size_t i = 0; i < n; ++i) out[i] = limits_at(ascending[i], spec);
  if (!(spec.compatibility && spec.type == FunnelType::kProportion) || n < 2) return;
  // One pass, each comparison with the next row's value before the pass.
  const double m = spec.multiplier;
  auto pass = [&](double FunnelLimits::*field, bool lower) {
    double next = out[n - 1].*field;
    for (std::size_t i = n - 1; i-- > 0;) {
      const double before = out[i].*field;
      if (lower ? before > next : before < next) out[i].*field = lower ? 0.0 : m;
      next = before;
    }
  };
  pass(&FunnelLimits::lcl95, true);
  pass(&FunnelLimits::ucl95, false);
  pass(&FunnelLimits::lcl998, true);
  pass(&FunnelLimits::ucl998, false);
  pass(&FunnelLimits::od_lcl95, true);
  pass(&FunnelLimits::od_ucl95, false);
  pass(&FunnelLimits::od_lcl998, true);
  pass(&FunnelLimits::od_ucl998, false);
}

std::vector<double> funnel_lookup_grid(std::span<const double> denominators, FunnelType type) {
  if (denominators.empty()) return {};
  const double max_x = std::ceil(*std::max_element(denominators.begin(), denominators.end()));
  const double from = type == FunnelType::kRatio ? 1.1 : 3.0;
  std::vector<double> grid = seq_length_out(from, max_x, 1000);
  grid.insert(grid.end(), denominators.begin(), denominators.end());
  std::sort(grid.begin(), grid.end());
  grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
  return grid;
}

}  // namespace vaksam::risk
