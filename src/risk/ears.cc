#include "risk/ears.h"

#include <algorithm>
#include <cmath>

#include "common/error.h"
#include "risk/distributions.h"
#include "risk/r_numerics.h"

namespace vaksam::risk {

namespace {

// Window of `baseline` counts ending `lag` steps before t: C1 lag 1, C2 and C3 lag 3.
std::span<const double> window(std::span<const double> x, std::size_t t, int baseline, int lag) {
  const std::size_t start = t - static_cast<std::size_t>(baseline + lag - 1);
  return x.subspan(start, static_cast<std::size_t>(baseline));
}

// R's pmax(0, v): unlike std::max, NaN stays NaN.
double pmax0(double v) { return std::isnan(v) ? v : std::max(0.0, v); }

}  // namespace

std::size_t ears_default_begin(const EarsOptions& options) {
  const int extra = options.method == EarsMethod::kC1   ? 0
                    : options.method == EarsMethod::kC2 ? 2
                                                        : 4;
  return static_cast<std::size_t>(options.baseline + extra);
}

void ears(std::span<const double> observed, std::size_t begin, const EarsOptions& options,
          std::span<EarsPoint> out) {
  if (options.baseline < 3) throw Error("EARS: the baseline must hold at least 3 counts");
  if (options.min_sigma < 0) throw Error("EARS: min_sigma must not be negative");
  if (begin < ears_default_begin(options) || begin > observed.size() ||
      out.size() != observed.size() - begin) {
    throw Error("EARS: the range leaves too little history or does not fit the series");
  }
  double alpha = options.alpha;
  if (std::isnan(alpha)) alpha = options.method == EarsMethod::kC3 ? 0.025 : 0.001;
  const double z = qnorm(1.0 - alpha);
  const int b = options.baseline;

  if (options.method != EarsMethod::kC3) {
    const int lag = options.method == EarsMethod::kC1 ? 1 : 3;
    for (std::size_t i = 0; i < out.size(); ++i) {
      const auto ref = window(observed, begin + i, b, lag);
      const double bound = mean_r(ref) + z * std::max(sd_r(ref), options.min_sigma);
      out[i] = {bound, observed[begin + i] > bound};
    }
    return;
  }
  // C3: C2 statistics at t-2 and t-1 enter the threshold at t.
  auto c2_stat = [&](std::size_t t, double& sd) {
    const auto ref = window(observed, t, b, 3);
    sd = std::max(sd_r(ref), options.min_sigma);
    return (observed[t] - mean_r(ref)) / sd;
  };
  double sd_unused = 0;
  double c2_lag2 = c2_stat(begin - 2, sd_unused);
  double c2_lag1 = c2_stat(begin - 1, sd_unused);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::size_t t = begin + i;
    double sd = 0;
    const double c2_now = c2_stat(t, sd);
    const double part = pmax0(c2_lag2 - 1.0) + pmax0(c2_lag1 - 1.0);
    const double bound = pmax0(observed[t] + sd * (z - part));
    out[i] = {bound, observed[t] > bound};  // R gives NA for a NaN bound; this gives false
    c2_lag2 = c2_lag1;
    c2_lag1 = c2_now;
  }
}

std::vector<EarsPoint> ears(std::span<const double> observed, std::size_t begin,
                            const EarsOptions& options) {
  std::vector<EarsPoint> out(begin <= observed.size() ? observed.size() - begin : 0);
  ears(observed, begin, options, out);
  return out;
}

}  // namespace vaksam::risk
