#include "risk/r_numerics.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <numeric>

namespace vaksam::risk {

namespace {

// R_pow_di(10., n): repeated multiplication, exact for the small n used here.
double pow10_int(int n) {
  double result = 1.0;
  for (int i = 0; i < n; ++i) result *= 10.0;
  return result;
}

}  // namespace

double round_r(double x, int digits) {
  if (!std::isfinite(x) || x == 0.0) return x;
  if (digits == 0) return std::nearbyint(x);  // R's private_rint: half to even
  if (x < 0.0) return -round_r(-x, digits);
  if (digits > 0 && std::log10(x) + digits > DBL_DIG) return x;
  const double p10 = digits > 0 ? pow10_int(digits) : 1.0 / pow10_int(-digits);
  const double x10 = p10 * x;
  const double i10 = std::floor(x10);
  const double down = i10 / p10;
  const double up = std::ceil(x10) / p10;
  const double du = up - x;
  const double dd = x - down;
  return (du < dd || (du == dd && std::fmod(i10, 2.0) == 1.0)) ? up : down;
}

double sum_r(std::span<const double> x) {
  long double s = 0.0L;
  for (double v : x) s += v;
  return static_cast<double>(s);
}

double mean_r(std::span<const double> x) {
  const auto n = static_cast<long double>(x.size());
  long double s = 0.0L;
  for (double v : x) s += v;
  s /= n;
  if (std::isfinite(static_cast<double>(s))) {
    long double t = 0.0L;
    for (double v : x) t += v - s;
    s += t / n;
  }
  return static_cast<double>(s);
}

double sd_r(std::span<const double> x) {
  if (x.size() < 2) return std::nan("");
  const double m = mean_r(x);  // R keeps the mean as a double
  long double s = 0.0L;
  for (double v : x) {
    const double d = v - m;
    s += d * d;
  }
  return std::sqrt(static_cast<double>(s / static_cast<long double>(x.size() - 1)));
}

double quantile7_sorted(std::span<const double> sorted, double p) {
  if (sorted.empty()) return std::nan("");
  const double index = 1.0 + static_cast<double>(sorted.size() - 1) * p;  // 1-based
  const double lo = std::floor(index);
  const double hi = std::ceil(index);
  const double qlo = sorted[static_cast<std::size_t>(lo) - 1];
  const double qhi = sorted[static_cast<std::size_t>(hi) - 1];
  if (index > lo && qhi != qlo) {
    const double h = index - lo;
    return (1.0 - h) * qlo + h * qhi;
  }
  return qlo;
}

void rank_average(std::span<const double> x, std::span<double> ranks) {
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::size_t i = 0;
  while (i < order.size()) {
    std::size_t j = i;
    while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) ++j;
    const double average = (static_cast<double>(i + 1) + static_cast<double>(j + 1)) / 2.0;
    for (std::size_t k = i; k <= j; ++k) ranks[order[k]] = average;
    i = j + 1;
  }
}

std::vector<double> seq_length_out(double from, double to, int n) {
  std::vector<double> out;
  if (n <= 0) return out;
  if (n == 1) return {from};
  out.reserve(static_cast<std::size_t>(n));
  if (from == to) {
    out.assign(static_cast<std::size_t>(n), from);
    return out;
  }
  const int n1 = n - 1;
  const double by = (to - from) / n1;
  out.push_back(from);
  for (int i = 1; i < n1; ++i) out.push_back(from + i * by);
  out.push_back(to);
  return out;
}

}  // namespace vaksam::risk
