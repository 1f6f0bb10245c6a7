// Control limits of a funnel plot (Spiegelhalter 2005, 2012) at given denominators, with and
// without the overdispersion term tau2, as FunnelPlotR 0.6.0 draws them.
#pragma once

#include <span>
#include <vector>

namespace vaksam::risk {

enum class FunnelType {
  kRatio,       // indirectly standardised ratio O/E ("SR")
  kProportion,  // proportion x/n ("PR")
};

enum class RatioMethod {
  kShmi,  // log transform, truncation (NHS Digital SHMI)
  kCqc,   // square-root transform, Winsorisation (CQC / Spiegelhalter)
};

// FunnelPlotR hard-codes these instead of qnorm(0.975) and qnorm(0.999).
inline constexpr double kZ95 = 1.959964;
inline constexpr double kZ998 = 3.090232;

// Limits at one denominator, already multiplied by the multiplier.
struct FunnelLimits {
  double lcl95 = 0, ucl95 = 0, lcl998 = 0, ucl998 = 0;              // no overdispersion
  double od_lcl95 = 0, od_ucl95 = 0, od_lcl998 = 0, od_ucl998 = 0;  // with tau2
};

struct LimitSpec {
  FunnelType type = FunnelType::kRatio;
  RatioMethod method = RatioMethod::kShmi;
  double multiplier = 1.0;
  double target = 1.0;  // 1 for ratios, sum(x)/sum(n) for proportions
  double tau2 = 0.0;
  // true: exactly the package's formulas, including CQC limits left on the square-root
  // scale and the neighbour-dependent monotonicity pass for proportions (limits_on_grid).
  // false: CQC limits squared back; proportion limits clamped on the angle scale.
  bool compatibility = false;
};

// Within-unit standard error on the transformed scale at a denominator, as the package's
// calculate_limits() computes it: sqrt(1/E) (SHMI), 1/(2 sqrt(n)) (CQC, proportions).
double funnel_standard_error(double denominator, FunnelType type, RatioMethod method);

// Closed-form limits at one denominator. Ratios without overdispersion use exact Poisson
// (chi-square) limits with E taken as a count; everything else is a normal approximation on
// the transformed scale. In compatibility mode this omits the proportion monotonicity
// pass, which needs the neighbouring denominators; use limits_on_grid for that.
FunnelLimits limits_at(double denominator, const LimitSpec& spec);

// Limits over ascending denominators. For proportions in compatibility mode it then runs
// the package's single pass: a lower limit above the next row's becomes 0 and an upper
// limit below the next row's becomes the multiplier (both using pre-pass values).
void limits_on_grid(std::span<const double> ascending, const LimitSpec& spec,
                    std::span<FunnelLimits> out);

// The package's lookup table, whose rows the per-unit limits are read from:
// sort(unique(c(seq(from, ceiling(max(d)), length.out = 1000), d))), from = 1.1 for
// ratios and 3 for proportions.
std::vector<double> funnel_lookup_grid(std::span<const double> denominators, FunnelType type);

}  // namespace vaksam::risk
