#include "risk/funnel.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "common/error.h"
#include "risk/r_numerics.h"

namespace vaksam::risk {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool outside(double value, double lower, double upper) {
  return !(value <= upper && value >= lower);  // a value on a limit is inside
}

void validate(std::span<const FunnelInput> units, const FunnelOptions& options) {
  if (units.empty()) throw Error("funnel: no units");
  if (!(options.trim_by > 0.0 && options.trim_by < 0.5)) {
    throw Error("funnel: trim_by must lie in (0, 0.5)");
  }
  if (!(options.multiplier > 0.0)) throw Error("funnel: multiplier must be positive");
  for (const FunnelInput& u : units) {
    if (!(u.denominator > 0.0) || !std::isfinite(u.denominator)) {
      throw Error("funnel: every denominator must be positive and finite");
    }
    if (!(u.numerator >= 0.0) || !std::isfinite(u.numerator)) {
      throw Error("funnel: every numerator must be non-negative and finite");
    }
    if (options.type == FunnelType::kProportion && u.numerator > u.denominator) {
      throw Error("funnel: a proportion's numerator exceeds its denominator");
    }
  }
}

// Winsorisation: z clamped to the [trim, 1 - trim] type-7 quantiles; a value equal to a
// quantile counts as Winsorised although it is unchanged (strict comparison in the package).
void winsorise(FunnelResult& r, double trim_by, std::vector<double>& sorted) {
  sorted.clear();
  for (const auto& u : r.units) {
    if (!std::isnan(u.z)) sorted.push_back(u.z);
  }
  std::sort(sorted.begin(), sorted.end());
  const double lz = quantile7_sorted(sorted, trim_by);
  const double uz = quantile7_sorted(sorted, 1.0 - trim_by);
  for (auto& u : r.units) {
    u.trimmed = !(u.z > lz && u.z < uz);
    u.z_trimmed = u.z < lz ? lz : (u.z > uz ? uz : u.z);
  }
}

// SHMI truncation: k = 1/trim_by rank groups; the lowest and highest groups are dropped.
void truncate(FunnelResult& r, double trim_by, std::vector<double>& values,
              std::vector<double>& ranks) {
  const std::size_t n = r.units.size();
  values.resize(n);
  ranks.resize(n);
  for (std::size_t i = 0; i < n; ++i) values[i] = r.units[i].z;
  rank_average(values, ranks);
  const double k = 1.0 / trim_by;
  const double max_group = k - 1.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double group = std::floor(ranks[i] * k / static_cast<double>(n + 1));
    const bool keep = group > 0.0 && group < max_group;
    r.units[i].trimmed = !keep;
    r.units[i].z_trimmed = keep ? r.units[i].z : kNaN;
  }
}

// phi = mean of squared trimmed z; tau2 by the method of moments on the units used.
void estimate_dispersion(FunnelResult& r, std::vector<double>& scratch) {
  scratch.clear();
  long double sum_w = 0.0L, sum_w2 = 0.0L;
  for (const auto& u : r.units) {
    if (std::isnan(u.z_trimmed)) continue;
    scratch.push_back(u.z_trimmed * u.z_trimmed);
    const double w = 1.0 / (u.s * u.s);
    sum_w += w;
    sum_w2 += static_cast<long double>(w * w);
  }
  const double n = static_cast<double>(scratch.size());
  r.n_used_for_phi = scratch.size();
  r.phi = (1.0 / n) * sum_r(scratch);
  r.tau2 = 0.0;
  if (scratch.empty() || n * r.phi < n - 1.0) return;
  const double sw = static_cast<double>(sum_w);
  const double denominator = sw - static_cast<double>(sum_w2) / sw;
  r.tau2 = std::max(0.0, (n * r.phi - (n - 1.0)) / denominator);
}

}  // namespace

LimitSpec funnel_limit_spec(const FunnelResult& result, const FunnelOptions& options) {
  LimitSpec spec;
  spec.type = options.type;
  spec.method = options.ratio_method;
  spec.multiplier = options.multiplier;
  spec.target = result.target;
  spec.tau2 = result.tau2;
  spec.compatibility = options.compatibility;
  return spec;
}

FunnelResult funnel_compare(std::span<const FunnelInput> units, const FunnelOptions& options) {
  FunnelWorkspace work;
  FunnelResult result;
  funnel_compare(units, options, work, result);
  return result;
}

void funnel_compare(std::span<const FunnelInput> units, const FunnelOptions& options,
                    FunnelWorkspace& work, FunnelResult& r) {
  validate(units, options);
  const bool ratio = options.type == FunnelType::kRatio;
  const bool shmi = ratio && options.ratio_method == RatioMethod::kShmi;
  const std::size_t n = units.size();
  r.units.resize(n);

  for (std::size_t i = 0; i < n; ++i) {
    double e = units[i].denominator;
    if (shmi && options.shmi_rounding) e = round_r(e, 2);
    if (!(e > 0.0)) throw Error("funnel: a denominator rounds to 0");
    r.units[i].denominator = e;
    // The package forms the ratio before rounding E, and flags that ratio.
    r.units[i].ratio = units[i].numerator / units[i].denominator;
    r.units[i].plotted_value = r.units[i].ratio * options.multiplier;
  }

  // Centre line and transformed values.
  if (ratio) {
    r.target = 1.0;
    r.target_transformed = shmi ? 0.0 : 1.0;
  } else {
    long double sx = 0.0L, sn = 0.0L;
    for (const FunnelInput& u : units) {
      sx += u.numerator;
      sn += u.denominator;
    }
    r.target = static_cast<double>(sx) / static_cast<double>(sn);
    r.target_transformed = std::asin(std::sqrt(r.target));
  }
  for (std::size_t i = 0; i < n; ++i) {
    FunnelUnitResult& u = r.units[i];
    if (shmi) {
      u.y = std::log(units[i].numerator / u.denominator);
      u.s = 1.0 / std::sqrt(u.denominator);
      u.z = std::sqrt(u.denominator) * std::log(units[i].numerator / u.denominator);
    } else {
      u.y = ratio ? std::sqrt(u.ratio) : std::asin(std::sqrt(u.ratio));
      u.s = 1.0 / (2.0 * std::sqrt(u.denominator));
      u.z = (u.y - r.target_transformed) / u.s;
    }
  }

  const bool truncating = options.trimming == Trimming::kPackage ? shmi : options.trimming == Trimming::kTruncate;
  if (truncating) {
    truncate(r, options.trim_by, work.values, work.ranks);
  } else {
    winsorise(r, options.trim_by, work.values);
  }
  estimate_dispersion(r, work.values);
  r.overdispersed = r.phi > 1.0;
  for (auto& u : r.units) {
    u.z_od = (u.y - r.target_transformed) / std::sqrt(u.s * u.s + r.tau2);
  }

  if (!options.limits) {
    for (auto& u : r.units) {
      u.out95 = !(std::fabs(u.z) <= kZ95);
      u.out998 = !(std::fabs(u.z) <= kZ998);
      u.od_out95 = !(std::fabs(u.z_od) <= kZ95);
      u.od_out998 = !(std::fabs(u.z_od) <= kZ998);
      u.outlier = r.overdispersed ? u.od_out998 : u.out998;
    }
    return;
  }

  // Limits at each unit's denominator. The package reads them off its lookup table; only
  // the compatible proportion limits depend on that table (the monotonicity pass).
  const LimitSpec spec = funnel_limit_spec(r, options);
  if (options.compatibility && !ratio) {
    work.values.resize(n);
    for (std::size_t i = 0; i < n; ++i) work.values[i] = r.units[i].denominator;
    work.grid = funnel_lookup_grid(work.values, options.type);
    work.grid_limits.resize(work.grid.size());
    limits_on_grid(work.grid, spec, work.grid_limits);
    for (auto& u : r.units) {
      const auto it = std::lower_bound(work.grid.begin(), work.grid.end(), u.denominator);
      u.limits = work.grid_limits[static_cast<std::size_t>(it - work.grid.begin())];
    }
  } else {
    for (auto& u : r.units) u.limits = limits_at(u.denominator, spec);
  }

  for (auto& u : r.units) {
    const FunnelLimits& l = u.limits;
    const double v = u.plotted_value;
    u.out95 = outside(v, l.lcl95, l.ucl95);
    u.out998 = outside(v, l.lcl998, l.ucl998);
    u.od_out95 = outside(v, l.od_lcl95, l.od_ucl95);
    u.od_out998 = outside(v, l.od_lcl998, l.od_ucl998);
    u.outlier = r.overdispersed ? u.od_out998 : u.out998;
  }
}

}  // namespace vaksam::risk
