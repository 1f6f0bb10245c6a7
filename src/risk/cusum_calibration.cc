#include "risk/cusum_calibration.h"

#include <algorithm>
#include <cmath>

namespace vaksam::risk {

namespace {

constexpr double kStep = 0.04;   // grid of S
constexpr double kCap = 80.0;    // S beyond this is one state: far past any threshold
constexpr double kMinMean = 0.005, kMaxMean = 50.0;
constexpr int kMeans = 48;

// Distribution of S after `months` steps from S = 0, with z = (x - m) / sqrt(m), for counts
// that are Poisson (phi <= 1) or negative binomial with variance phi * m.
std::vector<double> distribution_of_s(double m, double k, int months, double phi) {
  const size_t states = static_cast<size_t>(kCap / kStep) + 1;
  std::vector<double> p(states, 0.0), next(states);
  p[0] = 1;
  // The count distribution over the counts that matter.
  std::vector<double> pmf;
  if (phi <= 1.0001) {
    double q = std::exp(-m);
    for (int x = 0; x < 100000; ++x) {
      pmf.push_back(q);
      if (x > m && q < 1e-15) break;
      q *= m / (x + 1);
    }
  } else {
    const double r = m / (phi - 1), prob = r / (r + m);  // NB(size r, prob): mean m, var phi m
    double q = std::exp(r * std::log(prob));
    for (int x = 0; x < 100000; ++x) {
      pmf.push_back(q);
      if (x > m && q < 1e-15) break;
      q *= (x + r) / (x + 1) * (1 - prob);
    }
  }
  const double sd = std::sqrt(m);
  for (int t = 0; t < months; ++t) {
    std::fill(next.begin(), next.end(), 0.0);
    for (size_t s = 0; s < states; ++s) {
      if (p[s] == 0) continue;
      double value = s * kStep;
      for (size_t x = 0; x < pmf.size(); ++x) {
        double v = std::max(0.0, value + (static_cast<double>(x) - m) / sd - k);
        size_t to = std::min(states - 1, static_cast<size_t>(std::lround(v / kStep)));
        next[to] += p[s] * pmf[x];
      }
    }
    std::swap(p, next);
  }
  return p;
}

}  // namespace

CusumCalibration::CusumCalibration(double k, double p, int months, double phi) {
  *this = for_targets(k, {p}, months, phi)[0];
}

std::vector<CusumCalibration> CusumCalibration::for_targets(double k, const std::vector<double>& targets,
                                                            int months, double phi) {
  std::vector<CusumCalibration> out(targets.size());
  for (size_t t = 0; t < targets.size(); ++t) {
    out[t].k_ = k;
    out[t].p_ = targets[t];
    out[t].months_ = months;
  }
  for (int i = 0; i < kMeans; ++i) {
    double m = kMinMean * std::pow(kMaxMean / kMinMean, static_cast<double>(i) / (kMeans - 1));
    auto dist = distribution_of_s(m, k, months, phi);
    for (auto& cal : out) {
      // Smallest grid value h > 0 with P(S >= h) <= p.
      double tail = 0;
      size_t h = dist.size();
      for (size_t s = dist.size(); s-- > 1;) {
        if (tail + dist[s] > cal.p_) break;
        tail += dist[s];
        h = s;
      }
      cal.means_.push_back(m);
      cal.thresholds_.push_back(h >= dist.size() ? kCap : h * kStep);
      cal.probabilities_.push_back(tail);
    }
  }
  return out;
}

size_t CusumCalibration::grid_index(double m) const {
  if (m <= means_.front()) return 0;
  if (m >= means_.back()) return means_.size() - 1;
  double x = std::log(m / kMinMean) / std::log(kMaxMean / kMinMean) * (kMeans - 1);
  return static_cast<size_t>(std::lround(x));
}

double CusumCalibration::threshold(double m) const { return thresholds_[grid_index(m)]; }
double CusumCalibration::false_alarm_probability(double m) const { return probabilities_[grid_index(m)]; }

}  // namespace vaksam::risk
