// Random variates drawn from an Rng, each written out so the same seed gives the
// same numbers everywhere. Pure functions of the generator state.
#pragma once

#include <cmath>

#include "synth/rng.h"

namespace vaksam::synth {

inline double normal(Rng& rng) {
  // Box-Muller; the second variate is dropped to keep the stream simple.
  const double u1 = 1.0 - rng.uniform(), u2 = rng.uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

// Gamma(shape, scale) by Marsaglia and Tsang; shape > 0.
inline double gamma(Rng& rng, double shape, double scale) {
  if (shape < 1.0) return gamma(rng, shape + 1.0, scale) * std::pow(rng.uniform() + 1e-300, 1.0 / shape);
  const double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x, v;
    do {
      x = normal(rng);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = rng.uniform();
    if (u < 1.0 - 0.0331 * x * x * x * x || std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v)))
      return d * v * scale;
  }
}

// Poisson(mean): inversion in chunks of at most 20, so time grows with the mean
// but stays exact (means here are small: counts per unit and month).
inline int poisson(Rng& rng, double mean) {
  int total = 0;
  while (mean > 0.0) {
    const double m = mean > 20.0 ? 20.0 : mean;
    mean -= m;
    const double limit = std::exp(-m);
    double p = rng.uniform();
    while (p > limit) {
      ++total;
      p *= rng.uniform();
    }
  }
  return total;
}

inline double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace vaksam::synth
