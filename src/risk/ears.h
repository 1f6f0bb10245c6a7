// EARS C1, C2 and C3 (Hutwagner et al. 2003) as surveillance 1.20.3's earsC computes them.
// C1 and C2 compare a count with mean + z * sd of a short baseline (C2 with a two-step
// gap). C3 follows the package's code, not its help page: the threshold at t is
// observed(t) + sd_C2(t) * (z - max(0, C2(t-1) - 1) - max(0, C2(t-2) - 1)), so an alarm at t
// depends on the two previous C2 statistics, not on observed(t).
#pragma once

#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace vaksam::risk {

enum class EarsMethod { kC1, kC2, kC3 };

struct EarsOptions {
  EarsMethod method = EarsMethod::kC1;
  int baseline = 7;      // counts in the baseline window (at least 3)
  double min_sigma = 0;  // floor on the baseline standard deviation
  // NaN: the package's default, 0.001 for C1 and C2 and 0.025 for C3.
  double alpha = std::numeric_limits<double>::quiet_NaN();
};

struct EarsPoint {
  double upperbound = 0;  // NaN if the baseline sd is 0 and min_sigma is 0 (C3 only)
  bool alarm = false;     // observed > upperbound
};

// The first time index the package monitors by default (0-based): baseline, baseline + 2
// or baseline + 4.
std::size_t ears_default_begin(const EarsOptions& options);

// Monitors observed[begin..end); out holds observed.size() - begin points. Throws
// vaksam::Error if begin leaves too little history or the options are invalid.
void ears(std::span<const double> observed, std::size_t begin, const EarsOptions& options,
          std::span<EarsPoint> out);
std::vector<EarsPoint> ears(std::span<const double> observed, std::size_t begin,
                            const EarsOptions& options);

}  // namespace vaksam::risk
