// The network engine: exact bounds for two-way tables with flat dimensions.
//
// Extend the table with its total row and column (a virtual one, whose cells
// are unconstrained, where a dimension has no total) and give each cell the
// sign y = s_row * s_col * count, with s = -1 for the total code. Then every
// row and every column of y sums to zero, so the changes an attacker may make
// to the unknown cells are exactly the circulations in the bipartite graph of
// row nodes and column nodes, one edge per unknown cell: raising y_rc is flow
// r -> c, lowering it is flow c -> r. An edge's capacities come from
// count >= 0 (a cell with sign +1 can rise without bound and fall by its count;
// a total, sign -1, the other way round). How far a cell can move is then the
// maximum flow between its two nodes through the other edges: integral,
// because the capacities are, so the bounds are exact for integer counts.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <queue>
#include <utility>
#include <vector>

#include "privacy/disclosure_engine.h"

namespace vaksam::privacy::disclosure_detail {
namespace {

constexpr std::int64_t kInfinite = std::int64_t{1} << 62;

// A flat dimension: either every code is a top-level leaf (no total), or one
// top-level code whose children are all the other codes, all leaves.
struct FlatLayout {
  bool flat = false;
  int total = -1;  // the total code, or -1
};

FlatLayout flat_layout(const Dimension& dim) {
  const int n = static_cast<int>(dim.labels.size());
  int roots = 0;
  int root = -1;
  for (int i = 0; i < n; ++i) {
    if (dim.parents[static_cast<std::size_t>(i)] == -1) {
      ++roots;
      root = i;
    }
  }
  if (roots == n) return {true, -1};
  if (roots != 1) return {};
  for (int i = 0; i < n; ++i) {
    if (i != root && dim.parents[static_cast<std::size_t>(i)] != root) return {};
  }
  return {true, root};
}

class NetworkEngine final : public Engine {
 public:
  NetworkEngine(const CountTable& table, std::vector<char> unknown, std::vector<std::int64_t> cost,
                FlatLayout rows, FlatLayout cols)
      : cost_(std::move(cost)) {
    const auto& dims = table.dimensions();
    const int row_codes = static_cast<int>(dims[0].labels.size());
    const int col_codes = dims.size() > 1 ? static_cast<int>(dims[1].labels.size()) : 1;
    rows_ = row_codes + (rows.total < 0 ? 1 : 0);
    cols_ = col_codes + (cols.total < 0 ? 1 : 0);
    const int row_total = rows.total < 0 ? row_codes : rows.total;
    const int col_total = cols.total < 0 ? col_codes : cols.total;
    const std::size_t positions = static_cast<std::size_t>(rows_) * static_cast<std::size_t>(cols_);
    cell_.assign(positions, -1);
    sign_.assign(positions, 1);
    inc_.assign(positions, kInfinite);
    dec_.assign(positions, kInfinite);
    active_.assign(positions, 1);
    position_.assign(table.size(), 0);
    for (int r = 0; r < rows_; ++r) {
      for (int c = 0; c < cols_; ++c) {
        const std::size_t p = position(r, c);
        if (r >= row_codes || c >= col_codes) continue;  // a virtual total: free
        const std::size_t cell = dims.size() > 1 ? table.cell({r, c}) : table.cell({r});
        cell_[p] = static_cast<long>(cell);
        position_[cell] = p;
        const int sign = (r == row_total ? -1 : 1) * (c == col_total ? -1 : 1);
        const std::int64_t x = table.count(cell);
        sign_[p] = sign;
        // y = sign * x with x >= 0: y rises freely and falls by x, or the reverse.
        inc_[p] = sign > 0 ? kInfinite : x;
        dec_[p] = sign > 0 ? x : kInfinite;
        active_[p] = unknown[cell];
      }
    }
    // Arc 2p: row r -> column c (raise y); arc 2p+1: column c -> row r.
    adjacency_.assign(static_cast<std::size_t>(rows_ + cols_), {});
    for (int r = 0; r < rows_; ++r) {
      for (int c = 0; c < cols_; ++c) {
        const std::size_t p = position(r, c);
        adjacency_[static_cast<std::size_t>(r)].push_back(2 * p);
        adjacency_[static_cast<std::size_t>(rows_ + c)].push_back(2 * p + 1);
      }
    }
    residual_.assign(2 * positions, 0);
    level_.assign(static_cast<std::size_t>(rows_ + cols_), -1);
    next_arc_.assign(static_cast<std::size_t>(rows_ + cols_), 0);
  }

  std::int64_t capacity(std::size_t cell, int direction, std::int64_t limit) override {
    const std::size_t p = position_[cell];
    const auto [source, sink, own] = endpoints(p, direction);
    limit = std::min(limit, own);
    if (limit <= 0) return 0;
    reset_residuals(p);
    return max_flow(source, sink, limit);
  }

  std::vector<std::size_t> extend(std::size_t cell, int direction, std::int64_t amount) override {
    const std::size_t p = position_[cell];
    const auto [source, sink, own] = endpoints(p, direction);
    if (amount > own) return {};
    reset_residuals(p);
    std::int64_t flow = max_flow(source, sink, amount);
    // Shown cells become usable at a price; the edge of the cell itself stays out.
    for (std::size_t q = 0; q < active_.size(); ++q) {
      if (!active_[q] && q != p) {
        residual_[2 * q] = inc_[q];
        residual_[2 * q + 1] = dec_[q];
      }
    }
    std::vector<std::size_t> added;
    while (flow < amount) {
      // Prefer one path that carries all that is missing; else any path.
      std::vector<std::size_t> path = cheapest_path(source, sink, amount - flow, p);
      if (path.empty()) path = cheapest_path(source, sink, 1, p);
      if (path.empty()) return added;  // cannot happen with a total row and column
      std::int64_t push = amount - flow;
      for (std::size_t arc : path) push = std::min(push, residual_[arc]);
      for (std::size_t arc : path) {
        residual_[arc] -= push;
        residual_[arc ^ 1] += push;
        const std::size_t q = arc / 2;
        if (!active_[q]) {
          active_[q] = 1;
          added.push_back(static_cast<std::size_t>(cell_[q]));
        }
      }
      flow += push;
    }
    return added;
  }

  bool integer_exact() const override { return true; }

 private:
  struct Ends {
    int source;
    int sink;
    std::int64_t own;
  };

  std::size_t position(int r, int c) const {
    return static_cast<std::size_t>(r) * static_cast<std::size_t>(cols_) +
           static_cast<std::size_t>(c);
  }
  int row_node(std::size_t p) const {
    return static_cast<int>(p / static_cast<std::size_t>(cols_));
  }
  int col_node(std::size_t p) const {
    return rows_ + static_cast<int>(p % static_cast<std::size_t>(cols_));
  }
  int head(std::size_t arc) const { return arc % 2 == 0 ? col_node(arc / 2) : row_node(arc / 2); }

  // Moving the count by `direction` moves y by sign * direction. Raising y by
  // d is the arc r -> c plus d units of flow c -> r through the other edges.
  Ends endpoints(std::size_t p, int direction) const {
    const bool raise_y = sign_[p] * direction > 0;
    const std::int64_t own = raise_y ? inc_[p] : dec_[p];
    if (raise_y) return {col_node(p), row_node(p), own};
    return {row_node(p), col_node(p), own};
  }

  void reset_residuals(std::size_t excluded) {
    for (std::size_t q = 0; q < active_.size(); ++q) {
      const bool use = active_[q] && q != excluded;
      residual_[2 * q] = use ? inc_[q] : 0;
      residual_[2 * q + 1] = use ? dec_[q] : 0;
    }
  }

  // Dinic's algorithm, stopping at limit.
  std::int64_t max_flow(int source, int sink, std::int64_t limit) {
    std::int64_t flow = 0;
    while (flow < limit) {
      std::fill(level_.begin(), level_.end(), -1);
      std::queue<int> queue;
      level_[static_cast<std::size_t>(source)] = 0;
      queue.push(source);
      while (!queue.empty()) {
        const int u = queue.front();
        queue.pop();
        for (std::size_t arc : adjacency_[static_cast<std::size_t>(u)]) {
          const int v = head(arc);
          if (residual_[arc] > 0 && level_[static_cast<std::size_t>(v)] < 0) {
            level_[static_cast<std::size_t>(v)] = level_[static_cast<std::size_t>(u)] + 1;
            queue.push(v);
          }
        }
      }
      if (level_[static_cast<std::size_t>(sink)] < 0) break;
      std::fill(next_arc_.begin(), next_arc_.end(), 0);
      while (flow < limit) {
        const std::int64_t pushed = augment(source, sink, limit - flow);
        if (pushed == 0) break;
        flow += pushed;
      }
    }
    return flow;
  }

  std::int64_t augment(int u, int sink, std::int64_t limit) {
    if (u == sink) return limit;
    auto& arcs = adjacency_[static_cast<std::size_t>(u)];
    for (std::size_t& i = next_arc_[static_cast<std::size_t>(u)]; i < arcs.size(); ++i) {
      const std::size_t arc = arcs[i];
      const int v = head(arc);
      if (residual_[arc] <= 0 ||
          level_[static_cast<std::size_t>(v)] != level_[static_cast<std::size_t>(u)] + 1) {
        continue;
      }
      const std::int64_t pushed = augment(v, sink, std::min(limit, residual_[arc]));
      if (pushed > 0) {
        residual_[arc] -= pushed;
        residual_[arc ^ 1] += pushed;
        return pushed;
      }
    }
    return 0;
  }

  // Dijkstra over arcs with residual >= min_residual; an arc of a shown cell
  // costs that cell's price, others nothing. Ties go to the lower node and the
  // earlier arc, so the result is deterministic. Returns the arcs in order.
  std::vector<std::size_t> cheapest_path(int source, int sink, std::int64_t min_residual,
                                         std::size_t excluded) {
    const std::size_t nodes = static_cast<std::size_t>(rows_ + cols_);
    constexpr std::int64_t kFar = std::numeric_limits<std::int64_t>::max();
    std::vector<std::int64_t> dist(nodes, kFar);
    std::vector<std::size_t> via(nodes, std::numeric_limits<std::size_t>::max());
    using Entry = std::pair<std::int64_t, int>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
    dist[static_cast<std::size_t>(source)] = 0;
    heap.push({0, source});
    while (!heap.empty()) {
      const auto [d, u] = heap.top();
      heap.pop();
      if (d != dist[static_cast<std::size_t>(u)]) continue;
      if (u == sink) break;
      for (std::size_t arc : adjacency_[static_cast<std::size_t>(u)]) {
        const std::size_t q = arc / 2;
        if (q == excluded || residual_[arc] < min_residual) continue;
        const std::int64_t step = active_[q] ? 0 : cost_[static_cast<std::size_t>(cell_[q])];
        const int v = head(arc);
        if (d + step < dist[static_cast<std::size_t>(v)]) {
          dist[static_cast<std::size_t>(v)] = d + step;
          via[static_cast<std::size_t>(v)] = arc;
          heap.push({d + step, v});
        }
      }
    }
    if (dist[static_cast<std::size_t>(sink)] == kFar) return {};
    std::vector<std::size_t> path;
    for (int v = sink; v != source;) {
      const std::size_t arc = via[static_cast<std::size_t>(v)];
      path.push_back(arc);
      v = head(arc ^ 1);
    }
    std::reverse(path.begin(), path.end());
    return path;
  }

  std::vector<std::int64_t> cost_;
  int rows_ = 0;
  int cols_ = 0;
  std::vector<long> cell_;             // per position: the cell, or -1 (virtual)
  std::vector<int> sign_;              // per position
  std::vector<std::int64_t> inc_;      // per position: how far y may rise
  std::vector<std::int64_t> dec_;      // per position: how far y may fall
  std::vector<char> active_;           // per position: unknown or virtual
  std::vector<std::size_t> position_;  // per cell
  std::vector<std::vector<std::size_t>> adjacency_;
  std::vector<std::int64_t> residual_;
  std::vector<int> level_;
  std::vector<std::size_t> next_arc_;
};

}  // namespace

std::unique_ptr<Engine> make_network_engine(const CountTable& table, std::vector<char> unknown,
                                            std::vector<std::int64_t> cost) {
  const auto& dims = table.dimensions();
  if (dims.size() > 2) return nullptr;
  const FlatLayout rows = flat_layout(dims[0]);
  // A one-way table is a table with a single column and no column total.
  const FlatLayout cols = dims.size() > 1 ? flat_layout(dims[1]) : FlatLayout{true, -1};
  if (!rows.flat || !cols.flat) return nullptr;
  return std::make_unique<NetworkEngine>(table, std::move(unknown), std::move(cost), rows, cols);
}

}  // namespace vaksam::privacy::disclosure_detail
