// The Farrington flexible outbreak detector (Farrington et al. 1996; Noufaily et al. 2013)
// as surveillance 1.20.3's farringtonFlexible computes it on an index-time series:
// a quasi-Poisson GLM on the counts in windows around the same time in past years
// (optionally with the rest of each year in seasonal blocks, a time trend, and
// down-weighting of past outbreaks by Anscombe residuals), and a threshold from the
// predictive distribution of the current count.
#pragma once

#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace vaksam::risk {

enum class FarringtonThreshold {
  kDelta,     // Farrington 1996: normal on a power scale, one-sided, with the delta method
  kNbPlugin,  // Noufaily 2013: negative binomial quantile at the predicted mean
  kMuan,      // Noufaily 2013: ... at the upper (1 - alpha) quantile of the predicted mean
};

enum class PowerTransform { kNone, kHalf, kTwoThirds };

struct FarringtonOptions {
  int freq = 52;         // time points per year
  int b = 5;             // years back
  int w = 3;             // half-width of the window around each reference time
  bool reweight = true;  // down-weight past outbreaks
  double weights_threshold = 2.58;
  double alpha = 0.05;  // one-sided
  bool trend = true;    // try a linear time trend
  double p_threshold_trend = 0.05;
  int limit54_cases = 5;   // no threshold unless this many cases ...
  int limit54_period = 4;  // ... in the last this many time points (current included)
  PowerTransform power = PowerTransform::kTwoThirds;  // kDelta only
  int no_periods = 1;                // > 1: the rest of each year enters as no_periods - 1 blocks
  int past_weeks_not_included = -1;  // time points before now left out; -1 means w
  FarringtonThreshold threshold = FarringtonThreshold::kDelta;
};

// farrington1996: reweight with threshold 1, trend if p < 0.05, 2/3 power, delta.
FarringtonOptions farrington1996_options(int freq, int b, int w);
// noufaily2012: 10 (weekly) or 4 (other) periods, threshold 2.58, trend always kept if it
// does not extrapolate, half a year (26 weeks, 6 months) left out, no power transform.
FarringtonOptions noufaily2012_options(int freq, int b, int w, FarringtonThreshold threshold);

struct FarringtonPoint {
  bool fitted = false;  // false when the GLM converged neither with nor without trend
  double upperbound = std::numeric_limits<double>::quiet_NaN();  // NaN: too few cases
  bool alarm = false;  // score > 1 and observed > 0, with enough cases
  double expected = std::numeric_limits<double>::quiet_NaN();  // NaN with upperbound
  double score = std::numeric_limits<double>::quiet_NaN();     // (y - pred) / (U - pred)
  double pvalue = std::numeric_limits<double>::quiet_NaN();
  double phi = std::numeric_limits<double>::quiet_NaN();  // max(1, dispersion)
  bool trend = false;
  double trend_coef = std::numeric_limits<double>::quiet_NaN();
  // Mean of the negative binomial used (kNbPlugin, kMuan); NaN for kDelta.
  double mu0 = std::numeric_limits<double>::quiet_NaN();
};

// The package's default first time point (0-based): freq * b + w.
std::size_t farrington_default_begin(const FarringtonOptions& options);

// Monitors observed[begin..end) (counts, NaN = missing). out holds observed.size() - begin
// points. Throws vaksam::Error if begin leaves fewer than b years of history or the
// seasonal blocks do not fit into a year.
void farrington_flexible(std::span<const double> observed, std::size_t begin,
                         const FarringtonOptions& options, std::span<FarringtonPoint> out);
std::vector<FarringtonPoint> farrington_flexible(std::span<const double> observed,
                                                 std::size_t begin,
                                                 const FarringtonOptions& options);

}  // namespace vaksam::risk
