// The composite priority of one level: weighted evidence that sums to the score, ranks, a
// bootstrap interval for each rank, and whether the top-k flag survives other methods.
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/beta.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "risk/engine_internal.h"

namespace vaksam::risk {

namespace {

constexpr double kZ95Funnel = 1.959964;

// splitmix64: a small, portable generator, so the same seed gives the same ranks anywhere.
struct SplitMix {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
};

double phi(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// The normal CDF by table and linear interpolation (error < 1e-6): the bootstrap evaluates
// it millions of times.
class FastPhi {
 public:
  FastPhi() {
    for (int i = 0; i <= kSteps; ++i) table_[i] = phi(kLow + i * kWidth);
  }
  double operator()(double z) const {
    double x = (z - kLow) / kWidth;
    if (x <= 0) return 0;
    if (x >= kSteps) return 1;
    int i = static_cast<int>(x);
    double f = x - i;
    return table_[i] + f * (table_[i + 1] - table_[i]);
  }

 private:
  static constexpr int kSteps = 4096;
  static constexpr double kLow = -8, kWidth = 16.0 / kSteps;
  double table_[kSteps + 1];
};
double probit(double p) {
  p = std::clamp(p, 1e-9, 1 - 1e-9);
  return -std::sqrt(2.0) * boost::math::erfc_inv(2 * p);
}

bool perturbable(const IndicatorDef& d) { return d.type == DataType::ratio || d.type == DataType::proportion; }

// Ranks (1 = highest) of `score`, ties broken by entity order.
void rank_of(const std::vector<double>& score, std::vector<uint32_t>& order, std::vector<int>& rank) {
  order.resize(score.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return score[a] != score[b] ? score[a] > score[b] : a < b;
  });
  rank.resize(score.size());
  for (size_t r = 0; r < order.size(); ++r) rank[order[r]] = static_cast<int>(r + 1);
}

// The entities in the top k of `score`, ties at the boundary included.
std::vector<char> top_k(const std::vector<double>& score, size_t k) {
  std::vector<char> in(score.size(), 0);
  if (k == 0 || score.empty()) return in;
  std::vector<double> sorted = score;
  std::nth_element(sorted.begin(), sorted.begin() + (k - 1), sorted.end(), std::greater<>());
  const double cut = sorted[k - 1];
  for (size_t e = 0; e < score.size(); ++e) in[e] = score[e] >= cut && score[e] > 0;
  return in;
}

}  // namespace

void score_level(const PriorityModel& model, LevelResult& level, std::vector<EntityScore>& scores,
                 const ComputeOptions& options) {
  const size_t n = level.ids.size();
  const size_t ni = model.indicators.size();
  double total_weight = model.alarm_weight + model.change_weight;
  for (const auto& d : model.indicators) total_weight += d.weight;
  const double scale = 100.0 / total_weight;

  std::vector<double> score(n, 0.0);
  for (size_t e = 0; e < n; ++e) {
    auto& s = scores[e];
    s.contributions.clear();
    for (size_t k = 0; k < ni; ++k) {
      const auto& v = level.values[e * ni + k];
      const double w = model.indicators[k].weight;
      if (!v.applicable || w <= 0 || v.component <= 0) continue;
      s.contributions.push_back({static_cast<int>(k), scale * w * v.component});
    }
    if (s.alarm && model.alarm_weight > 0) s.contributions.push_back({kAlarmContribution, scale * model.alarm_weight});
    if (s.change_probability > 0 && model.change_weight > 0)
      s.contributions.push_back({kChangeContribution, scale * model.change_weight * s.change_probability});
    std::sort(s.contributions.begin(), s.contributions.end(),
              [](const Contribution& a, const Contribution& b) { return a.points > b.points; });
    for (const auto& c : s.contributions) s.score += c.points;
    score[e] = s.score;
  }
  std::vector<uint32_t> order;
  std::vector<int> rank;
  rank_of(score, order, rank);
  for (size_t e = 0; e < n; ++e) {
    scores[e].rank = rank[e];
    scores[e].flagged = static_cast<size_t>(rank[e]) <= level.k && score[e] > 0;
    scores[e].rank_low = scores[e].rank_high = rank[e];
  }

  // Rank intervals: redraw each shrunken component as if the data had come out differently
  // (on the probit scale of its posterior probability), keep the rest, rank again.
  const int replicates = options.rank_intervals ? model.bootstrap_replicates : 0;
  if (replicates > 0 && n > 1) {
    std::vector<double> fixed(n, 0.0);
    std::vector<uint32_t> start(n + 1, 0);
    std::vector<double> weight, z0;
    for (size_t e = 0; e < n; ++e) {
      fixed[e] = score[e];
      for (size_t k = 0; k < ni; ++k) {
        const auto& v = level.values[e * ni + k];
        const auto& def = model.indicators[k];
        if (!v.applicable || def.weight <= 0 || !perturbable(def)) continue;
        fixed[e] -= scale * def.weight * v.component;
        weight.push_back(scale * def.weight);
        z0.push_back(probit(v.component));
      }
      start[e + 1] = static_cast<uint32_t>(weight.size());
    }
    // Standard normal quantiles at 4096 equal steps: draws by table lookup.
    std::vector<double> normal(4096);
    for (size_t i = 0; i < normal.size(); ++i) normal[i] = probit((i + 0.5) / normal.size());
    SplitMix rng{model.seed};
    static const FastPhi fast_phi;
    std::vector<std::vector<int>> ranks(n);
    for (auto& r : ranks) r.reserve(replicates);
    std::vector<double> replica(n);
    for (int b = 0; b < replicates; ++b) {
      for (size_t e = 0; e < n; ++e) {
        double x = fixed[e];
        for (uint32_t j = start[e]; j < start[e + 1]; ++j) x += weight[j] * fast_phi(z0[j] + normal[rng.next() >> 52]);
        replica[e] = x;
      }
      rank_of(replica, order, rank);
      for (size_t e = 0; e < n; ++e) ranks[e].push_back(rank[e]);
    }
    for (size_t e = 0; e < n; ++e) {
      auto& r = ranks[e];
      std::sort(r.begin(), r.end());
      scores[e].rank_low = std::min(scores[e].rank, r[static_cast<size_t>(0.025 * (r.size() - 1))]);
      scores[e].rank_high = std::max(scores[e].rank, r[static_cast<size_t>(std::ceil(0.975 * (r.size() - 1)))]);
    }
  }

  // Method sensitivity: the top k again without shrinkage, and by funnel outliers with
  // Winsorised or with truncated tau2 in place of the shrunken components.
  if (options.sensitivity && level.k > 0) {
    std::vector<double> raw(n), winsorised(n), truncated(n);
    for (size_t e = 0; e < n; ++e) {
      double base = score[e];
      raw[e] = winsorised[e] = truncated[e] = 0;
      for (size_t k = 0; k < ni; ++k) {
        const auto& v = level.values[e * ni + k];
        const auto& def = model.indicators[k];
        if (!v.applicable || def.weight <= 0 || !perturbable(def)) continue;
        const double w = scale * def.weight;
        base -= w * v.component;
        const auto& sum = level.summaries[k];
        const bool lower = def.direction == Direction::lower_is_worse;
        double flat;
        if (def.type == DataType::ratio) {
          // Jeffreys prior: the unit's own counts only.
          double cut = (lower ? 1 / def.threshold : def.threshold) * sum.gamma.mean * v.expected;
          flat = boost::math::gamma_q(v.observed + 0.5, cut);
          if (lower) flat = 1 - flat;
        } else {
          double cut = std::clamp(lower ? sum.beta.mean / def.threshold : sum.beta.mean * def.threshold, 0.0, 1.0);
          double a = v.observed + 0.5, b = std::max(0.0, double(v.expected) - v.observed) + 0.5;
          flat = cut >= 1 ? (lower ? 1 : 0) : lower ? boost::math::ibeta(a, b, cut) : boost::math::ibetac(a, b, cut);
        }
        raw[e] += w * flat;
        winsorised[e] += w * (v.z_winsorised > kZ95Funnel ? 1 : 0);
        truncated[e] += w * (v.z_truncated > kZ95Funnel ? 1 : 0);
      }
      raw[e] += base;
      winsorised[e] += base;
      truncated[e] += base;
    }
    const auto in_raw = top_k(raw, level.k), in_w = top_k(winsorised, level.k), in_t = top_k(truncated, level.k);
    for (size_t e = 0; e < n; ++e) {
      auto& s = scores[e];
      s.sensitivity.clear();
      if (static_cast<bool>(in_raw[e]) != s.flagged) s.sensitivity.push_back("without_shrinkage");
      if (static_cast<bool>(in_w[e]) != s.flagged) s.sensitivity.push_back("funnel_winsorised");
      if (static_cast<bool>(in_t[e]) != s.flagged) s.sensitivity.push_back("funnel_truncated");
      s.method_dependent = !s.sensitivity.empty();
    }
  }

  rank_of(score, order, rank);
  level.ranked.resize(n);
  for (size_t r = 0; r < n; ++r) level.ranked[r] = std::move(scores[order[r]]);
}

}  // namespace vaksam::risk
