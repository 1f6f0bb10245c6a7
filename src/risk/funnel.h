// Funnel-plot comparison of units with overdispersion (Spiegelhalter 2005, 2012), as
// FunnelPlotR 0.6.0 computes it: z-scores on a transformed scale, phi from Winsorised or
// truncated z-scores, an additive between-unit variance tau2 (DerSimonian-Laird), and
// 95 % / 99.8 % limits with and without it.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "risk/funnel_limits.h"

namespace vaksam::risk {

struct FunnelInput {
  double numerator = 0;    // observed events O, or successes x
  double denominator = 0;  // expected events E, or trials n
};

// How extreme z-scores are kept out of the estimate of phi.
enum class Trimming {
  kPackage,    // as FunnelPlotR: truncation for SHMI, Winsorisation otherwise
  kWinsorise,  // z clamped to the trim quantiles
  kTruncate,   // the extreme rank groups dropped
};

struct FunnelOptions {
  FunnelType type = FunnelType::kRatio;
  Trimming trimming = Trimming::kPackage;
  RatioMethod ratio_method = RatioMethod::kShmi;  // ratios only
  double trim_by = 0.1;                           // share Winsorised / truncated at each end
  double multiplier = 1.0;    // scale of the plotted value and limits (e.g. 100)
  bool shmi_rounding = true;  // SHMI: round E to 2 decimals like R's round(E, 2)
  // Reproduce FunnelPlotR exactly, including its CQC limits on the wrong scale and its
  // table-dependent proportion limits. Off by default: see LimitSpec.
  bool compatibility = false;
  // false: skip the per-unit limits (exact Poisson limits are costly) and flag by |z| and
  // |z_od| against kZ95 / kZ998, which is the same test on the transformed scale.
  bool limits = true;
};

struct FunnelUnitResult {
  double denominator = 0;    // as used (SHMI: rounded)
  double ratio = 0;          // numerator / input denominator (before SHMI rounding)
  double plotted_value = 0;  // ratio * multiplier, what the limits are compared with
  double y = 0;              // transformed value: log(O/E), sqrt(O/E) or asin(sqrt(x/n))
  double s = 0;              // within-unit standard error of y
  double z = 0;              // (y - target_transformed) / s
  double z_trimmed = 0;      // the z used for phi: clamped (Winsorised) or NaN (truncated)
  bool trimmed = false;      // Winsorised (z on or beyond a quantile) or truncated
  double z_od = 0;           // (y - target_transformed) / sqrt(s^2 + tau2)
  FunnelLimits limits;       // at this unit's denominator
  bool out95 = false, out998 = false;        // outside the limits without tau2
  bool od_out95 = false, od_out998 = false;  // outside the limits with tau2
  // The package's default flag: outside the 99.8 % limits with tau2, or without tau2 when
  // phi <= 1 (no overdispersion).
  bool outlier = false;
};

struct FunnelResult {
  std::vector<FunnelUnitResult> units;  // in input order
  double target = 0;                    // centre line before the multiplier: 1 or sum(x)/sum(n)
  double target_transformed = 0;        // 0 (SHMI), 1 (CQC) or asin(sqrt(target))
  double phi = 0;                       // dispersion ratio
  double tau2 = 0;                      // between-unit variance on the transformed scale
  std::size_t n_used_for_phi = 0;
  bool overdispersed = false;  // phi > 1: `outlier` uses the adjusted limits
};

// Scratch space for repeated calls (one per thread).
struct FunnelWorkspace {
  std::vector<double> values, ranks, grid;
  std::vector<FunnelLimits> grid_limits;
};

// Throws vaksam::Error for an empty input, a denominator that is not positive (also after
// SHMI rounding), a negative numerator, a proportion above 1, or trim_by outside (0, 0.5).
FunnelResult funnel_compare(std::span<const FunnelInput> units, const FunnelOptions& options);
void funnel_compare(std::span<const FunnelInput> units, const FunnelOptions& options,
                    FunnelWorkspace& work, FunnelResult& result);

// The LimitSpec of a result, for drawing its funnel with limits_at / limits_on_grid.
LimitSpec funnel_limit_spec(const FunnelResult& result, const FunnelOptions& options);

}  // namespace vaksam::risk
