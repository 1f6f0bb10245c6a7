#include "risk/linkage.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace vaksam::risk {

std::vector<uint32_t> link_cases(const facts::Cases& cases, int window_days) {
  const size_t n = cases.size();
  std::vector<uint32_t> root(n);
  std::iota(root.begin(), root.end(), 0u);
  std::vector<uint32_t> order;
  order.reserve(n);
  for (uint32_t i = 0; i < n; ++i)
    if (cases.subject[i] != 0 && cases.received[i] != facts::kNoDay) order.push_back(i);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (cases.unit[a] != cases.unit[b]) return cases.unit[a] < cases.unit[b];
    if (cases.subject[a] != cases.subject[b]) return cases.subject[a] < cases.subject[b];
    if (cases.received[a] != cases.received[b]) return cases.received[a] < cases.received[b];
    return a < b;
  });
  uint32_t start = 0;
  for (size_t k = 0; k < order.size(); ++k) {
    uint32_t i = order[k];
    bool same = k > 0 && cases.unit[i] == cases.unit[start] && cases.subject[i] == cases.subject[start] &&
                cases.received[i] - cases.received[start] <= window_days;
    if (same) root[i] = start;
    else start = i;
  }
  return root;
}

double decay_weight(double age_days, double half_life_days) {
  if (half_life_days <= 0) return 1;
  return std::exp2(-std::max(0.0, age_days) / half_life_days);
}

}  // namespace vaksam::risk
