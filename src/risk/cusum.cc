#include "risk/cusum.h"

#include <algorithm>
#include <cmath>

#include "common/error.h"
#include "risk/r_numerics.h"

namespace vaksam::risk {

double cusum(std::span<const double> observed, std::size_t begin, const CusumOptions& options,
             std::span<CusumPoint> out) {
  if (begin > observed.size() || out.size() != observed.size() - begin) {
    throw Error("cusum: the range does not fit the series");
  }
  double m = options.m;
  if (std::isnan(m)) {
    if (begin == 0) throw Error("cusum: no history before the range to estimate m");
    m = mean_r(observed.first(begin));
  }
  const double k = options.k;
  const double h = options.h;
  const double sqrt_m = std::sqrt(m);
  double previous = 0.0;  // S_{t-1}
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double x = observed[begin + i];
    const double z = options.transform == CusumTransform::kRossi
                         ? (x - 3.0 * m + 2.0 * std::sqrt(x * m)) / (2.0 * sqrt_m)
                         : (x - m) / sqrt_m;
    double bound;
    if (options.transform == CusumTransform::kRossi) {
      // Solves z(x) = h + k - S_{t-1} for x; R writes m^(1/2) and m^(3/2) as powers.
      const double r = std::pow(m, 0.5);
      const double r3 = std::pow(m, 1.5);
      bound = 2 * h * r + 2 * k * r - 2 * previous * r + 5 * m -
              2 * std::pow(4 * (m * m) + 2 * r3 * h + 2 * r3 * k - 2 * r3 * previous, 0.5);
    } else {
      bound = std::ceil(std::sqrt(m) * (h + k - previous) + m);
    }
    if (std::isnan(bound) || bound < 0.0) bound = 0.0;
    const double s = std::max(0.0, previous + (z - k));
    out[i] = {s, bound, s >= h};
    previous = s;
  }
  return m;
}

CusumResult cusum(std::span<const double> observed, std::size_t begin,
                  const CusumOptions& options) {
  CusumResult result;
  result.points.resize(begin <= observed.size() ? observed.size() - begin : 0);
  result.m = cusum(observed, begin, options, result.points);
  return result;
}

}  // namespace vaksam::risk
