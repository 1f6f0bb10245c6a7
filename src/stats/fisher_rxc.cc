#include "stats/fisher_rxc.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <vector>

#include "stats/distributions.h"

namespace vaksam::stats {
namespace {

// Remaining row totals, sorted: rows with equal totals are interchangeable for what is left.
using Key = std::vector<int64_t>;

struct KeyHash {
  size_t operator()(const Key& key) const {
    size_t h = 0xcbf29ce484222325ull;
    for (int64_t v : key) h = (h ^ static_cast<size_t>(v)) * 0x100000001b3ull;
    return h;
  }
};

// Calls f(x) for every way x of splitting `total` over rows with capacities caps.
template <typename F>
void for_each_filling(const Key& caps, int64_t total, F&& f) {
  const size_t r = caps.size();
  if (r == 0) return;
  std::vector<int64_t> room_after(r + 1, 0);  // capacity of rows i.. for pruning
  for (size_t i = r; i-- > 0;) room_after[i] = room_after[i + 1] + caps[i];
  if (room_after[0] < total) return;
  Key x(r, 0);
  // Odometer over x[0..r-2]; x[r-1] takes the rest.
  std::vector<int64_t> left(r, 0);
  left[0] = total;
  size_t i = 0;
  x[0] = std::max<int64_t>(0, total - room_after[1]);
  while (true) {
    if (i + 1 == r) {
      x[i] = left[i];
      f(static_cast<const Key&>(x));
      // Back up to the last row that can still take one more.
      while (true) {
        if (i == 0) return;
        --i;
        if (x[i] < std::min(caps[i], left[i])) {
          ++x[i];
          break;
        }
      }
    }
    left[i + 1] = left[i] - x[i];
    ++i;
    if (i + 1 < r) x[i] = std::max<int64_t>(0, left[i] - room_after[i + 1]);
  }
}

class Network {
 public:
  Network(Key rows, std::vector<int64_t> cols, int64_t total, int64_t max_work)
      : rows_(std::move(rows)), cols_(std::move(cols)), max_work_(max_work) {
    log_fact_.resize(static_cast<size_t>(total) + 1);
    for (int64_t i = 0; i <= total; ++i) log_fact_[i] = log_factorial(i);
    bounds_.resize(cols_.size() + 1);
  }

  double lf(int64_t n) const { return log_fact_[static_cast<size_t>(n)]; }

  // Smallest and largest sum of log(x!) over all completions of the columns from `stage` on
  // when the remaining row totals are `key` (the most and least probable completions).
  std::pair<double, double> bounds(size_t stage, const Key& key) {
    if (stage == cols_.size()) return {0, 0};
    auto& memo = bounds_[stage];
    if (auto it = memo.find(key); it != memo.end()) return it->second;
    std::pair<double, double> b{INFINITY, -INFINITY};
    if (stage + 1 == cols_.size()) {  // the last column takes what is left
      double s = 0;
      for (int64_t v : key) s += lf(v);
      b = {s, s};
    } else {
      for_each_filling(key, cols_[stage], [&](const Key& x) {
        count_work();
        double s = 0;
        for (int64_t v : x) s += lf(v);
        const auto child = bounds(stage + 1, child_key(key, x));
        b.first = std::min(b.first, s + child.first);
        b.second = std::max(b.second, s + child.second);
      });
    }
    memo.emplace(key, b);
    return b;
  }

  // Sum of the probabilities of the tables whose sum of log(x!) is at least `threshold`.
  double tail_probability(double threshold) {
    struct Entry {
      double s;     // sum of log(x!) over the columns placed so far
      double mass;  // probability of all tables through this node with this past
    };
    // Paths that reach the same node with the same past are merged (the past is keyed to 1e-9).
    using Pasts = std::unordered_map<int64_t, Entry>;
    std::unordered_map<Key, Pasts, KeyHash> current;
    current[rows_][0] = {0, 1};
    double p = 0;
    for (size_t stage = 0; stage < cols_.size(); ++stage) {
      std::unordered_map<Key, Pasts, KeyHash> next;
      const int64_t c = cols_[stage];
      for (const auto& [key, pasts] : current) {
        std::vector<Entry> entries;
        entries.reserve(pasts.size());
        for (const auto& kv : pasts) entries.push_back(kv.second);
        std::sort(entries.begin(), entries.end(),
                  [](const Entry& a, const Entry& b) { return a.s < b.s; });
        std::vector<double> suffix(entries.size() + 1, 0);  // masses of entries i.. (by s)
        for (size_t i = entries.size(); i-- > 0;) suffix[i] = suffix[i + 1] + entries[i].mass;
        int64_t n_left = 0;
        double log_rows = 0;
        for (int64_t v : key) {
          n_left += v;
          log_rows += lf(v);
        }
        const double log_choose = lf(n_left) - lf(c) - lf(n_left - c);
        for_each_filling(key, c, [&](const Key& x) {
          double d = 0, log_ways = log_rows;
          for (size_t i = 0; i < x.size(); ++i) {
            d += lf(x[i]);
            log_ways -= lf(x[i]) + lf(key[i] - x[i]);
          }
          // Probability of this column given the node: multivariate hypergeometric.
          const double col_prob = std::exp(log_ways - log_choose);
          Key child = child_key(key, x);
          const auto [lo, hi] = bounds(stage + 1, child);
          const auto first_at = [&](double s_min) {
            return static_cast<size_t>(
                std::lower_bound(entries.begin(), entries.end(), s_min,
                                 [](const Entry& e, double v) { return e.s < v; }) -
                entries.begin());
          };
          // Pasts with s + d + lo >= threshold: every completion counts.
          const size_t all_from = first_at(threshold - d - lo);
          p += col_prob * suffix[all_from];
          // Pasts with s + d + hi < threshold: no completion counts. Between: go deeper.
          const size_t some_from = first_at(threshold - d - hi);
          if (some_from < all_from) {
            Pasts& target = next[child];
            for (size_t i = some_from; i < all_from; ++i) {
              count_work();
              const double s = entries[i].s + d;
              auto [it, inserted] = target.try_emplace(std::llround(s * 1e9), Entry{s, 0});
              it->second.mass += entries[i].mass * col_prob;
            }
          }
        });
      }
      current.swap(next);
    }
    return p;
  }

 private:
  static Key child_key(const Key& key, const Key& x) {
    Key child(key.size());
    for (size_t i = 0; i < key.size(); ++i) child[i] = key[i] - x[i];
    std::sort(child.begin(), child.end());
    return child;
  }

  void count_work() {
    if (++work_ > max_work_) {
      throw std::runtime_error("fisher_test_rxc: table too large for the exact test");
    }
  }

  Key rows_;
  std::vector<int64_t> cols_;
  int64_t max_work_;
  int64_t work_ = 0;
  std::vector<double> log_fact_;
  std::vector<std::unordered_map<Key, std::pair<double, double>, KeyHash>> bounds_;
};

}  // namespace

double fisher_test_rxc(const Table& table, int64_t max_work) {
  const int nr = table.nrow, nc = table.ncol;
  if (nr < 1 || nc < 1 || table.cells.size() != static_cast<size_t>(nr) * nc) {
    throw std::invalid_argument("fisher_test_rxc: bad table shape");
  }
  std::vector<std::vector<int64_t>> x(nr, std::vector<int64_t>(nc));
  for (int i = 0; i < nr; ++i) {
    for (int j = 0; j < nc; ++j) {
      const double v = table.at(i, j);
      if (!(v >= 0) || v != std::floor(v) || v > 1e9) {
        throw std::invalid_argument("fisher_test_rxc: cells must be non-negative integers");
      }
      x[i][j] = static_cast<int64_t>(v);
    }
  }
  // Margins; empty rows and columns change no probability and are dropped.
  std::vector<int64_t> rows, cols;
  std::vector<int> keep_rows, keep_cols;
  for (int i = 0; i < nr; ++i) {
    int64_t s = 0;
    for (int j = 0; j < nc; ++j) s += x[i][j];
    if (s > 0) {
      rows.push_back(s);
      keep_rows.push_back(i);
    }
  }
  for (int j = 0; j < nc; ++j) {
    int64_t s = 0;
    for (int i = 0; i < nr; ++i) s += x[i][j];
    if (s > 0) {
      cols.push_back(s);
      keep_cols.push_back(j);
    }
  }
  if (rows.size() < 2 || cols.size() < 2) return 1;  // only one table has these margins
  int64_t total = 0;
  double s_obs = 0;
  for (int i : keep_rows) {
    for (int j : keep_cols) {
      total += x[i][j];
      s_obs += log_factorial(x[i][j]);
    }
  }
  // Nodes are keyed by the shorter margin; columns are placed largest first.
  if (rows.size() > cols.size()) std::swap(rows, cols);
  std::sort(rows.begin(), rows.end());
  std::sort(cols.begin(), cols.end(), std::greater<>());
  // P(table) is proportional to exp(-sum log x!): "no more likely than observed, up to a
  // factor 1 + 1e-7" is sum log x! >= s_obs - log(1 + 1e-7).
  Network network(rows, cols, total, max_work);
  const double p = network.tail_probability(s_obs - std::log1p(1e-7));
  return std::clamp(p, 0.0, 1.0);
}

}  // namespace vaksam::stats
