// Thresholds for the Poisson CUSUM chosen by average run length: for an in-control mean m,
// the smallest h such that P(S_t >= h) at the last month of a run of `months` in-control
// months is at most p. The distribution of S is computed exactly on a fine grid (a Markov
// chain, Brook and Evans 1972), not simulated, so the false alarms expected by chance are
// known: the sum of those probabilities over the units monitored. With phi > 1 the in-control
// counts are negative binomial with variance phi * m (extra-Poisson variation between months:
// season, clustered reporting, an in-control mean that is itself estimated).
#pragma once

#include <cstddef>
#include <vector>

namespace vaksam::risk {

class CusumCalibration {
 public:
  // `p`: the alarm probability per unit and month that the thresholds aim at.
  CusumCalibration(double k, double p, int months, double phi = 1);
  // Several targets at once: the distributions of S are computed once and shared.
  static std::vector<CusumCalibration> for_targets(double k, const std::vector<double>& p, int months,
                                                  double phi = 1);

  // h for the in-control mean m (from a log-spaced grid of means), and the exact alarm
  // probability at that h.
  double threshold(double m) const;
  double false_alarm_probability(double m) const;

  double k() const { return k_; }
  double target() const { return p_; }

  CusumCalibration() = default;  // empty: filled by for_targets

 private:
  std::size_t grid_index(double m) const;
  double k_ = 0, p_ = 0;
  int months_ = 0;
  std::vector<double> means_, thresholds_, probabilities_;
};

}  // namespace vaksam::risk
