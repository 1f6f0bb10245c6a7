// The LP engine: bounds and protection for any table (several dimensions,
// hierarchies), by linear programming over the table's additivity relations.
#include "privacy/disclosure_lp.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "privacy/disclosure_engine.h"

namespace vaksam::privacy::disclosure_detail {

namespace {
constexpr double kPivotTolerance = 1e-7;
constexpr double kCostTolerance = 1e-9;
constexpr double kBoundTolerance = 1e-9;
constexpr double kTiny = 1e-11;
}  // namespace

Simplex::Simplex(std::size_t rows, std::size_t columns, std::vector<double> a,
                 std::vector<double> b, std::vector<double> upper)
    : rows_(rows),
      columns_(columns),
      width_(columns),
      original_(std::move(a)),
      rhs_(std::move(b)),
      basic_value_(rows),
      basis_(rows),
      row_of_(columns + rows, -1),
      at_upper_(columns + rows, 0),
      upper_(std::move(upper)) {
  if (original_.size() != rows * columns || rhs_.size() != rows || upper_.size() != columns) {
    throw std::invalid_argument("simplex: inconsistent sizes");
  }
  // Artificial variable r (index columns + r) starts basic in row r with value
  // |b_r|; the rows are negated where b_r < 0. Where b_r = 0 the artificial is
  // held at 0 from the start (bounds [0, 0]): it leaves the basis by a
  // degenerate pivot when a variable of its row has to move, and phase 1 has
  // only the rows with b_r != 0 to satisfy. Artificial columns are never
  // needed again, so the tableau holds the structural columns only.
  tableau_.assign(rows * columns, 0.0);
  upper_.resize(columns + rows, 0.0);
  for (std::size_t r = 0; r < rows; ++r) {
    const double sign = rhs_[r] < 0 ? -1.0 : 1.0;
    for (std::size_t j = 0; j < columns; ++j) at(r, j) = sign * original_[r * columns + j];
    basic_value_[r] = sign * rhs_[r];
    basis_[r] = columns + r;
    row_of_[columns + r] = static_cast<long>(r);
    upper_[columns + r] = rhs_[r] != 0 ? kNoBound : 0.0;
  }

  std::vector<double> none(columns, 0.0);
  run(none, -1, 0, 0);  // phase 1: see run()
  double infeasibility = 0;
  double scale = 1;
  for (std::size_t r = 0; r < rows; ++r) {
    scale = std::max(scale, std::abs(rhs_[r]));
    if (basis_[r] >= columns) infeasibility += std::max(basic_value_[r], 0.0);
  }
  feasible_ = infeasibility <= 1e-7 * scale;
  // From now on every artificial is held at 0; those still basic sit in
  // redundant rows or leave by degenerate pivots.
  for (std::size_t k = columns; k < columns + rows; ++k) upper_[k] = 0;
}

double Simplex::value(std::size_t column) const {
  const long r = row_of_.at(column);
  if (r >= 0) return basic_value_[static_cast<std::size_t>(r)];
  return at_upper_[column] ? upper_[column] : 0.0;
}

double Simplex::residual() const {
  double worst = 0;
  for (std::size_t r = 0; r < rows_; ++r) {
    double sum = -rhs_[r];
    for (std::size_t j = 0; j < columns_; ++j) {
      const double a = original_[r * columns_ + j];
      if (a != 0) sum += a * value(j);
    }
    worst = std::max(worst, std::abs(sum));
  }
  return worst;
}

Simplex::Outcome Simplex::minimize(const std::vector<double>& c, long watch, double target,
                                   int sense) {
  if (!feasible_) throw std::logic_error("simplex: infeasible problem");
  if (c.size() != columns_) throw std::invalid_argument("simplex: one cost per column");
  return run(c, watch, target, sense);
}

void Simplex::pivot(std::size_t r, std::size_t j, std::vector<double>& reduced) {
  const double p = at(r, j);
  nonzero_.clear();
  for (std::size_t k = 0; k < width_; ++k) {
    double& v = at(r, k);
    if (v == 0) continue;
    v /= p;
    if (std::abs(v) < kTiny) {
      v = 0;
    } else {
      nonzero_.push_back(k);
    }
  }
  at(r, j) = 1.0;
  for (std::size_t i = 0; i < rows_; ++i) {
    if (i == r) continue;
    const double f = at(i, j);
    if (f == 0) continue;
    double* row = &tableau_[i * width_];
    const double* prow = &tableau_[r * width_];
    for (std::size_t k : nonzero_) {
      row[k] -= f * prow[k];
      if (std::abs(row[k]) < kTiny) row[k] = 0;
    }
    row[j] = 0;
  }
  const double f = reduced[j];
  if (f != 0) {
    for (std::size_t k : nonzero_) reduced[k] -= f * at(r, k);
  }
  reduced[j] = 0;
}

// Bounded-variable primal simplex. Dantzig's rule, switching to Bland's rule
// (smallest index) after a run of degenerate steps so that it cannot cycle.
// Before feasibility is established this is phase 1: the artificials of rows
// with b != 0 cost 1 while basic, everything else 0.
Simplex::Outcome Simplex::run(const std::vector<double>& cost, long watch, double target,
                              int sense) {
  const bool phase1 = !feasible_;
  std::vector<double> reduced(cost);
  for (std::size_t r = 0; r < rows_; ++r) {
    const std::size_t b = basis_[r];
    const double cb = b >= columns_ ? (phase1 && upper_[b] > 0 ? 1.0 : 0.0) : cost[b];
    if (cb == 0) continue;
    for (std::size_t j = 0; j < columns_; ++j) {
      const double a = at(r, j);
      if (a != 0) reduced[j] -= cb * a;
    }
  }
  const std::size_t limit = 50 * (rows_ + columns_) + 10000;
  int degenerate = 0;
  bool bland = false;
  for (std::size_t iteration = 0;; ++iteration) {
    if (iteration > limit) throw std::runtime_error("simplex: no convergence");
    if (watch >= 0) {
      const double v = value(static_cast<std::size_t>(watch));
      if (sense > 0 && v >= target - 1e-9) return Outcome::target_reached;
      if (sense < 0 && v <= target + 1e-9) return Outcome::target_reached;
    }
    std::size_t enter = columns_;
    double best = kCostTolerance;
    for (std::size_t j = 0; j < columns_; ++j) {
      if (row_of_[j] >= 0) continue;
      const double score = at_upper_[j] ? reduced[j] : -reduced[j];
      if (score <= kCostTolerance) continue;
      if (bland) {
        enter = j;
        break;
      }
      if (score > best) {
        best = score;
        enter = j;
      }
    }
    if (enter == columns_) return Outcome::optimal;
    const double direction = at_upper_[enter] ? -1.0 : 1.0;

    // Harris's two-pass ratio test: find how far the entering variable may go
    // if every bound may be overshot by a hair, then, among the rows that block
    // within that distance, pivot on the largest entry. Small pivots are what
    // makes a dense simplex lose accuracy.
    auto slack = [&](std::size_t r, double a) {
      // How far row r's basic variable may move before its bound (kNoBound:
      // it does not block), never below 0.
      if (a > 0) return std::max(basic_value_[r], 0.0);
      const double ub = upper_[basis_[r]];
      return ub < kNoBound ? std::max(ub - basic_value_[r], 0.0) : kNoBound;
    };
    double relaxed = upper_[enter];
    for (std::size_t r = 0; r < rows_; ++r) {
      const double a = at(r, enter) * direction;
      if (std::abs(a) <= kPivotTolerance) continue;
      const double s = slack(r, a);
      if (s >= kNoBound) continue;
      relaxed = std::min(relaxed, (s + kBoundTolerance) / std::abs(a));
    }
    if (relaxed >= kNoBound) return Outcome::unbounded;
    double theta = upper_[enter];  // a bound flip, if no row blocks sooner
    std::size_t leave = rows_;
    bool leave_to_upper = false;
    double leave_pivot = 0;
    for (std::size_t r = 0; r < rows_; ++r) {
      const double a = at(r, enter) * direction;
      if (std::abs(a) <= kPivotTolerance) continue;
      const double s = slack(r, a);
      if (s >= kNoBound) continue;
      const double t = s / std::abs(a);
      if (t > relaxed) continue;
      bool take = leave == rows_;
      if (!take) {
        take = bland ? basis_[r] < basis_[leave] : std::abs(a) > leave_pivot;
      }
      if (take) {
        theta = t;
        leave = r;
        leave_to_upper = a < 0;
        leave_pivot = std::abs(a);
      }
    }
    if (leave < rows_ && upper_[enter] <= theta) leave = rows_, theta = upper_[enter];
    if (theta >= kNoBound) return Outcome::unbounded;

    for (std::size_t r = 0; r < rows_; ++r) {
      const double a = at(r, enter);
      if (a != 0) basic_value_[r] -= theta * direction * a;
    }
    if (leave == rows_) {
      at_upper_[enter] = !at_upper_[enter];
    } else {
      const std::size_t out = basis_[leave];
      const double entering = at_upper_[enter] ? upper_[enter] - theta : theta;
      row_of_[out] = -1;
      at_upper_[out] = leave_to_upper ? 1 : 0;
      basis_[leave] = enter;
      row_of_[enter] = static_cast<long>(leave);
      at_upper_[enter] = 0;
      basic_value_[leave] = entering;
      pivot(leave, enter, reduced);
    }
    if (theta <= kTiny) {
      if (++degenerate > 30) bland = true;
    } else {
      degenerate = 0;
      bland = false;
    }
  }
}

namespace {

class LpEngine final : public Engine {
 public:
  LpEngine(const CountTable& table, std::vector<char> unknown, std::vector<std::int64_t> cost,
           std::size_t lp_protection_cells)
      : table_(table),
        counts_(table.counts()),
        additivity_(table.additivity()),
        unknown_(std::move(unknown)),
        cost_(std::move(cost)),
        lp_protection_cells_(lp_protection_cells) {}

  std::int64_t capacity(std::size_t cell, int direction, std::int64_t limit) override {
    const std::int64_t x = counts_[cell];
    if (direction < 0) limit = std::min(limit, x);
    if (limit <= 0) return 0;
    for (int attempt = 0;; ++attempt) {
      Component& comp = component(cell);
      const std::size_t column = column_[cell];
      std::vector<double> c(comp.cells.size(), 0.0);
      c[column] = direction > 0 ? -1.0 : 1.0;
      const double target = static_cast<double>(x) + direction * static_cast<double>(limit);
      const auto outcome = comp.lp->minimize(c, static_cast<long>(column), target, direction);
      if (comp.lp->residual() > 1e-6) {
        // Rounding has crept in: solve again from a fresh tableau, once.
        if (attempt > 0) throw std::runtime_error("disclosure audit: numerical trouble");
        comp.lp.reset();
        continue;
      }
      if (outcome != Simplex::Outcome::optimal) return limit;
      const double moved = direction * (comp.lp->value(column) - static_cast<double>(x));
      const auto whole = static_cast<std::int64_t>(std::floor(moved + 1e-6));
      return std::clamp<std::int64_t>(whole, 0, limit);
    }
  }

  std::vector<std::size_t> extend(std::size_t cell, int direction, std::int64_t amount) override {
    std::vector<std::size_t> added;
    if (counts_.size() > lp_protection_cells_) added = cheapest_hypercube(cell, direction, amount);
    if (added.empty()) added = protection_lp(cell, direction, amount);
    for (std::size_t q : added) unknown_[q] = 1;
    if (!added.empty()) components_.clear();
    return added;
  }

  bool integer_exact() const override { return false; }

 private:
  struct Component {
    std::vector<std::size_t> cells;
    std::vector<std::size_t> relations;
    std::unique_ptr<Simplex> lp;
  };

  // The hypercube method: in every dimension where the cell's code takes part
  // in a relation, pair it with a partner code: a sibling leaf (which moves
  // the opposite way) or, for a leaf under a top-level total or for that
  // total itself, the total or a leaf below it (which moves the same way).
  // Moving the 2^k corners of the box by ±amount keeps every sum, so
  // suppressing them lets the cell move by amount. Among the boxes whose
  // falling corners can fall that far, the cheapest; none where a code lies
  // deeper in a hierarchy (then the protection LP decides).
  std::vector<std::size_t> cheapest_hypercube(std::size_t cell, int direction,
                                              std::int64_t amount) const {
    struct Partner {
      int code;
      int sign;
    };
    const auto& dims = table_.dimensions();
    const std::vector<int> codes = table_.coordinates(cell);
    std::vector<std::size_t> varied;
    std::vector<std::vector<Partner>> options;
    for (std::size_t d = 0; d < dims.size(); ++d) {
      const Dimension& dim = dims[d];
      const int c = codes[d];
      std::vector<int> kids;
      for (std::size_t i = 0; i < dim.parents.size(); ++i) {
        if (dim.parents[i] == c) kids.push_back(static_cast<int>(i));
      }
      auto is_leaf = [&](int code) {
        return std::find(dim.parents.begin(), dim.parents.end(), code) == dim.parents.end();
      };
      const int parent = dim.parents[static_cast<std::size_t>(c)];
      std::vector<Partner> partners;
      if (parent == -1 && kids.empty()) continue;  // in no relation: stays
      if (kids.empty()) {
        for (std::size_t i = 0; i < dim.parents.size(); ++i) {
          const int s = static_cast<int>(i);
          if (s != c && dim.parents[i] == parent && is_leaf(s)) partners.push_back({s, -1});
        }
        if (dim.parents[static_cast<std::size_t>(parent)] == -1) partners.push_back({parent, 1});
      } else if (parent == -1) {
        for (int k : kids) {
          if (is_leaf(k)) partners.push_back({k, 1});
        }
      }
      if (partners.empty()) return {};
      varied.push_back(d);
      options.push_back(std::move(partners));
    }
    const std::size_t k = varied.size();
    if (k == 0 || k > 16) return {};
    std::size_t boxes = 1;
    for (const auto& o : options) {
      if (o.size() > kMaxBoxes / boxes) return {};
      boxes *= o.size();
    }
    std::vector<std::size_t> choice(k, 0);
    std::vector<std::size_t> best;
    std::int64_t best_cost = -1;
    std::vector<std::size_t> corners;
    for (std::size_t box = 0; box < boxes; ++box) {
      corners.clear();
      std::int64_t price = 0;
      bool fits = true;
      std::vector<int> corner = codes;
      for (std::size_t mask = 1; mask < (std::size_t{1} << k) && fits; ++mask) {
        int sign = 1;
        for (std::size_t i = 0; i < k; ++i) {
          const Partner& partner = options[i][choice[i]];
          const bool in = (mask >> i) & 1;
          corner[varied[i]] = in ? partner.code : codes[varied[i]];
          if (in) sign *= partner.sign;
        }
        const std::size_t q = table_.cell(corner);
        if (sign * direction < 0 && counts_[q] < amount) fits = false;
        if (!unknown_[q]) {
          price += cost_[q];
          corners.push_back(q);
        }
      }
      if (fits && (best_cost < 0 || price < best_cost)) {
        best_cost = price;
        best = corners;
      }
      for (std::size_t i = 0; i < k; ++i) {  // next box
        if (++choice[i] < options[i].size()) break;
        choice[i] = 0;
      }
    }
    std::sort(best.begin(), best.end());
    return best;
  }

  std::vector<std::size_t> protection_lp(std::size_t cell, int direction, std::int64_t amount) {
    // The protection problem: a change d to the table that keeps every sum,
    // moves `cell` by direction * amount, keeps every count >= 0 and changes
    // the shown cells as little as possible (price per unit of change). The
    // shown cells it changes are the ones to suppress. In deviation form,
    // d_q = up_q - down_q with up_q >= 0 and 0 <= down_q <= count_q, so d = 0
    // is a vertex that already satisfies every relation not containing `cell`.
    const std::size_t n = counts_.size();
    if (direction < 0 && amount > counts_[cell]) return {};
    const double moved = direction * static_cast<double>(amount);
    std::vector<std::size_t> up_column(n, 0);
    std::vector<long> down_column(n, -1);
    std::vector<double> upper;
    std::vector<double> price;
    for (std::size_t q = 0; q < n; ++q) {
      if (q == cell) continue;
      const double unit = unknown_[q] ? 0.0 : static_cast<double>(cost_[q]);
      up_column[q] = upper.size();
      upper.push_back(kNoBound);
      price.push_back(unit);
      if (counts_[q] > 0) {
        down_column[q] = static_cast<long>(upper.size());
        upper.push_back(static_cast<double>(counts_[q]));
        price.push_back(unit);
      }
    }
    const std::size_t columns = upper.size();
    const std::size_t rows = additivity_.size();
    std::vector<double> a(rows * columns, 0.0);
    std::vector<double> b(rows, 0.0);
    auto put = [&](std::size_t r, std::size_t q, double coefficient) {
      if (q == cell) {
        b[r] -= coefficient * moved;
        return;
      }
      a[r * columns + up_column[q]] = coefficient;
      if (down_column[q] >= 0) {
        a[r * columns + static_cast<std::size_t>(down_column[q])] = -coefficient;
      }
    };
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t part : additivity_[r].parts) put(r, part, 1.0);
      put(r, additivity_[r].total, -1.0);
    }
    Simplex lp(rows, columns, std::move(a), std::move(b), std::move(upper));
    if (!lp.feasible()) return {};
    lp.minimize(price);
    if (lp.residual() > 1e-6) return {};
    std::vector<std::size_t> added;
    for (std::size_t q = 0; q < n; ++q) {
      if (q == cell || unknown_[q]) continue;
      const bool rises = lp.value(up_column[q]) > 1e-7;
      const bool falls =
          down_column[q] >= 0 && lp.value(static_cast<std::size_t>(down_column[q])) > 1e-7;
      if (rises || falls) added.push_back(q);
    }
    return added;
  }

  // The unknown cells linked to `cell` through relations, and its LP.
  Component& component(std::size_t cell) {
    if (components_.empty()) partition();
    Component& comp = components_[static_cast<std::size_t>(component_of_[cell])];
    if (!comp.lp) {
      const std::size_t rows = comp.relations.size();
      const std::size_t columns = comp.cells.size();
      std::vector<double> a(rows * columns, 0.0);
      std::vector<double> b(rows, 0.0);
      for (std::size_t r = 0; r < rows; ++r) {
        const Additivity& rel = additivity_[comp.relations[r]];
        auto put = [&](std::size_t q, double coefficient) {
          if (unknown_[q]) {
            a[r * columns + column_[q]] = coefficient;
          } else {
            b[r] -= coefficient * static_cast<double>(counts_[q]);
          }
        };
        for (std::size_t part : rel.parts) put(part, 1.0);
        put(rel.total, -1.0);
      }
      comp.lp = std::make_unique<Simplex>(rows, columns, std::move(a), std::move(b),
                                          std::vector<double>(columns, kNoBound));
      if (!comp.lp->feasible()) throw std::logic_error("disclosure audit: the table is infeasible");
    }
    return comp;
  }

  void partition() {
    const std::size_t n = counts_.size();
    std::vector<std::size_t> parent(n);
    std::iota(parent.begin(), parent.end(), std::size_t{0});
    auto find = [&](std::size_t v) {
      while (parent[v] != v) v = parent[v] = parent[parent[v]];
      return v;
    };
    auto unite = [&](std::size_t u, std::size_t v) {
      u = find(u);
      v = find(v);
      if (u != v) parent[std::max(u, v)] = std::min(u, v);
    };
    for (const Additivity& rel : additivity_) {
      long first = unknown_[rel.total] ? static_cast<long>(rel.total) : -1;
      for (std::size_t part : rel.parts) {
        if (!unknown_[part]) continue;
        if (first < 0) {
          first = static_cast<long>(part);
        } else {
          unite(static_cast<std::size_t>(first), part);
        }
      }
    }
    component_of_.assign(n, -1);
    column_.assign(n, 0);
    std::vector<long> id(n, -1);
    for (std::size_t q = 0; q < n; ++q) {
      if (!unknown_[q]) continue;
      const std::size_t root = find(q);
      if (id[root] < 0) {
        id[root] = static_cast<long>(components_.size());
        components_.emplace_back();
      }
      component_of_[q] = id[root];
      Component& comp = components_[static_cast<std::size_t>(id[root])];
      column_[q] = comp.cells.size();
      comp.cells.push_back(q);
    }
    for (std::size_t k = 0; k < additivity_.size(); ++k) {
      const Additivity& rel = additivity_[k];
      long owner = unknown_[rel.total] ? component_of_[rel.total] : -1;
      for (std::size_t part : rel.parts) {
        if (owner < 0 && unknown_[part]) owner = component_of_[part];
      }
      if (owner >= 0) components_[static_cast<std::size_t>(owner)].relations.push_back(k);
    }
  }

  static constexpr std::size_t kMaxBoxes = 4'000'000;

  CountTable table_;
  std::vector<std::int64_t> counts_;
  std::vector<Additivity> additivity_;
  std::vector<char> unknown_;
  std::vector<std::int64_t> cost_;
  std::size_t lp_protection_cells_;
  std::vector<Component> components_;  // empty: to be computed
  std::vector<long> component_of_;
  std::vector<std::size_t> column_;
};

}  // namespace

std::unique_ptr<Engine> make_lp_engine(const CountTable& table, std::vector<char> unknown,
                                       std::vector<std::int64_t> cost,
                                       std::size_t lp_protection_cells) {
  return std::make_unique<LpEngine>(table, std::move(unknown), std::move(cost),
                                    lp_protection_cells);
}

}  // namespace vaksam::privacy::disclosure_detail
