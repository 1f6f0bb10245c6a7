// Poisson GLR detector for a step increase in the intercept (Hoehle and Paul 2008), as
// surveillance 1.20.3's glrnb with alpha = 0 (algo.glrpois): at time n,
//   GLR_n = max over k in [start, n] of  kappa * sum(x) - (exp(kappa) - 1) * sum(mu0),
// sums over k..n, kappa = max(0, log(sum(x) / sum(mu0))); alarm when GLR_n >= c.ARL, after
// which the chart restarts at n + 1. The in-control means mu0 come from a Poisson GLM with
// harmonic seasonal terms fitted to the counts before the monitored range.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace vaksam::risk {

enum class GlrReturn {
  kValue,  // upperbound = the GLR statistic
  kCases,  // upperbound = the smallest count at n that would have raised an alarm
};

struct GlrOptions {
  double c_arl = 5.0;  // alarm threshold
  GlrReturn ret = GlrReturn::kValue;
  // The in-control model log mu0_t = a [+ b t] + sum_s (c_s cos(2 s pi t / freq) +
  // d_s sin(2 s pi t / freq)), t the 1-based index, fitted to observed[0, begin).
  int harmonics = 1;
  bool trend = false;
};

struct GlrPoint {
  double mu0 = 0;         // in-control mean at this time
  double statistic = 0;   // GLR_n
  double upperbound = 0;  // statistic or cases, by GlrOptions::ret
  bool alarm = false;
};

// mu0 for every t in [begin, observed.size()). Throws vaksam::Error if the GLM cannot be
// fitted (no history, or it does not converge).
std::vector<double> glr_seasonal_mu0(std::span<const double> observed, std::size_t begin, int freq,
                                     int harmonics, bool trend);

// The detector on monitored counts x with in-control means mu0 (same size as x and out).
// Counts must be non-negative integers.
void glr_poisson(std::span<const double> x, std::span<const double> mu0, const GlrOptions& options,
                 std::span<GlrPoint> out);

// Fits mu0 on observed[0, begin) and monitors observed[begin, end).
std::vector<GlrPoint> glr_poisson(std::span<const double> observed, std::size_t begin, int freq,
                                  const GlrOptions& options);

}  // namespace vaksam::risk
