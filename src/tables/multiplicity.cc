#include "tables/multiplicity.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace vaksam::tables {

namespace {

std::vector<size_t> valid_by_p(const std::vector<double>& p, bool ascending) {
  std::vector<size_t> idx;
  for (size_t i = 0; i < p.size(); ++i)
    if (!std::isnan(p[i])) idx.push_back(i);
  std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return ascending ? p[a] < p[b] : p[a] > p[b]; });
  return idx;
}

}  // namespace

std::vector<double> holm(const std::vector<double>& p) {
  std::vector<double> out(p.size(), std::numeric_limits<double>::quiet_NaN());
  const auto idx = valid_by_p(p, true);
  const double m = static_cast<double>(idx.size());
  double running = 0;
  for (size_t k = 0; k < idx.size(); ++k) {
    running = std::max(running, std::min(1.0, (m - static_cast<double>(k)) * p[idx[k]]));
    out[idx[k]] = running;
  }
  return out;
}

std::vector<double> benjamini_hochberg(const std::vector<double>& p) {
  std::vector<double> out(p.size(), std::numeric_limits<double>::quiet_NaN());
  const auto idx = valid_by_p(p, false);
  const double m = static_cast<double>(idx.size());
  double running = 1;
  for (size_t k = 0; k < idx.size(); ++k) {
    const double rank = m - static_cast<double>(k);  // rank in ascending order
    running = std::min(running, std::min(1.0, m / rank * p[idx[k]]));
    out[idx[k]] = running;
  }
  return out;
}

}  // namespace vaksam::tables
