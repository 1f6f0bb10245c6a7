// Poisson CUSUM (Rossi, Lampugnani and Marchi 1999), as surveillance 1.20.3's algo.cusum:
// one in-control mean m for the whole monitored range, standardised counts, and a
// one-sided cumulative sum without reset after an alarm.
#pragma once

#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace vaksam::risk {

enum class CusumTransform {
  kStandard,  // z = (x - m) / sqrt(m)
  kRossi,     // z = (x - 3m + 2 sqrt(x m)) / (2 sqrt(m)), closer to normal for small m
};

struct CusumOptions {
  double k = 1.04;  // reference value
  double h = 2.26;  // decision interval
  // In-control mean; NaN means the mean of all counts before the monitored range.
  double m = std::numeric_limits<double>::quiet_NaN();
  CusumTransform transform = CusumTransform::kStandard;
};

struct CusumPoint {
  double statistic = 0;   // S_t = max(0, S_{t-1} + z_t - k), S before the range = 0
  double upperbound = 0;  // the count at t that would have made S_t reach h (0 if none)
  bool alarm = false;     // S_t >= h
};

// Monitors observed[begin..end); out must hold observed.size() - begin points. Returns m.
// Throws vaksam::Error if begin is 0 while m must be estimated, or begin is out of range.
double cusum(std::span<const double> observed, std::size_t begin, const CusumOptions& options,
             std::span<CusumPoint> out);

struct CusumResult {
  double m = 0;
  std::vector<CusumPoint> points;  // points[i] is time begin + i
};
CusumResult cusum(std::span<const double> observed, std::size_t begin, const CusumOptions& options);

}  // namespace vaksam::risk
