#include "risk/glr.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "common/error.h"
#include "risk/glm.h"

namespace vaksam::risk {

namespace {

// The package's C routine glr(): backwards over k, sums updated recursively.
double glr_statistic(std::span<const double> x, std::span<const double> mu0, std::size_t start,
                     std::size_t n) {
  double sum_x = 0.0;
  double sum_mu0 = 0.0;
  double best = -1e99;
  for (std::size_t k = n + 1; k-- > start;) {
    sum_x += x[k];
    sum_mu0 += mu0[k];
    const double kappa = std::fmax(0.0, std::log(sum_x / sum_mu0));
    const double value = kappa * sum_x + (1.0 - std::exp(kappa)) * sum_mu0;
    if (value > best) best = value;
  }
  return best;
}

// Smallest count at n giving GLR >= c. The statistic does not decrease in x_n, so a
// doubling then bisection search finds what the package's one-by-one search finds.
double cases_to_alarm(std::span<double> x, std::span<const double> mu0, std::size_t start,
                      std::size_t n, double c) {
  const double saved = x[n];
  auto reaches = [&](double v) {
    x[n] = v;
    return glr_statistic(x, mu0, start, n) >= c;
  };
  double lo = -1.0;  // known not to reach (or below the search range)
  double hi = 0.0;
  while (!reaches(hi)) {
    lo = hi;
    hi = hi == 0.0 ? 1.0 : 2.0 * hi;
  }
  while (hi - lo > 1.0) {
    const double mid = std::floor((lo + hi) / 2.0);
    if (reaches(mid)) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  x[n] = saved;
  return hi;
}

}  // namespace

std::vector<double> glr_seasonal_mu0(std::span<const double> observed, std::size_t begin, int freq,
                                     int harmonics, bool trend) {
  if (begin == 0 || begin > observed.size()) throw Error("GLR: no history to fit mu0 on");
  if (freq <= 0 || harmonics < 0) throw Error("GLR: invalid frequency or harmonics");
  const std::size_t cols = 1 + (trend ? 1 : 0) + 2 * static_cast<std::size_t>(harmonics);
  auto fill_row = [&](Design& d, std::size_t row, double t) {
    std::size_t j = 0;
    d.at(row, j++) = 1.0;
    if (trend) d.at(row, j++) = t;
    for (int s = 1; s <= harmonics; ++s) {
      const double angle = 2.0 * s * std::numbers::pi / freq * t;  // R: 2*s*pi/p*t
      d.at(row, j++) = std::cos(angle);
      d.at(row, j++) = std::sin(angle);
    }
  };
  Design design;
  design.reset(begin, cols);
  for (std::size_t i = 0; i < begin; ++i) fill_row(design, i, static_cast<double>(i + 1));
  GlmFit fit;
  GlmWorkspace work;
  fit_poisson_glm(design, observed.first(begin), {}, GlmOptions{}, work, fit);
  if (!fit.converged) throw Error("GLR: the in-control Poisson GLM did not converge");
  std::vector<double> mu0(observed.size() - begin);
  Design row;
  row.reset(1, cols);
  for (std::size_t i = 0; i < mu0.size(); ++i) {
    fill_row(row, 0, static_cast<double>(begin + i + 1));
    double eta = 0.0;
    for (std::size_t j = 0; j < cols; ++j) eta += row.x[j] * fit.coef[j];
    mu0[i] = std::exp(eta);
  }
  return mu0;
}

void glr_poisson(std::span<const double> x, std::span<const double> mu0, const GlrOptions& options,
                 std::span<GlrPoint> out) {
  if (mu0.size() != x.size() || out.size() != x.size()) {
    throw Error("GLR: counts, means and output differ in length");
  }
  std::vector<double> counts(x.begin(), x.end());  // cases_to_alarm edits a copy
  std::size_t start = 0;
  for (std::size_t n = 0; n < x.size(); ++n) {
    GlrPoint& p = out[n];
    p.mu0 = mu0[n];
    p.statistic = glr_statistic(counts, mu0, start, n);
    p.alarm = p.statistic >= options.c_arl;
    if (options.ret == GlrReturn::kCases) {
      p.upperbound = cases_to_alarm(counts, mu0, start, n, options.c_arl);
    } else {
      p.upperbound = p.statistic;
    }
    if (std::isnan(p.upperbound) || p.upperbound < 0.0) p.upperbound = 0.0;
    if (p.alarm) start = n + 1;  // the chart restarts after an alarm
  }
}

std::vector<GlrPoint> glr_poisson(std::span<const double> observed, std::size_t begin, int freq,
                                  const GlrOptions& options) {
  const std::vector<double> mu0 =
      glr_seasonal_mu0(observed, begin, freq, options.harmonics, options.trend);
  std::vector<GlrPoint> out(mu0.size());
  glr_poisson(observed.subspan(begin), mu0, options, out);
  return out;
}

}  // namespace vaksam::risk
