#include "privacy/disclosure.h"

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <utility>

#include "privacy/disclosure_engine.h"

namespace vaksam::privacy {

using disclosure_detail::Engine;
using disclosure_detail::kUnbounded;
using disclosure_detail::Need;

namespace {

constexpr std::size_t kMaxCells = std::size_t{20'000'000};
constexpr std::int64_t kMaxTotal = std::int64_t{1} << 50;

void validate_dimension(const Dimension& dim) {
  const std::size_t n = dim.labels.size();
  if (n == 0) throw std::invalid_argument("dimension '" + dim.name + "' has no codes");
  if (dim.parents.size() != n) {
    throw std::invalid_argument("dimension '" + dim.name + "': one parent per code is needed");
  }
  for (std::size_t i = 0; i < n; ++i) {
    const int p = dim.parents[i];
    if (p < -1 || p >= static_cast<int>(n) || p == static_cast<int>(i)) {
      throw std::invalid_argument("dimension '" + dim.name + "': bad parent of code '" +
                                  dim.labels[i] + "'");
    }
    // Walk up; more steps than codes means a cycle.
    std::size_t steps = 0;
    for (int q = p; q != -1; q = dim.parents[static_cast<std::size_t>(q)]) {
      if (++steps > n) {
        throw std::invalid_argument("dimension '" + dim.name + "': the hierarchy has a cycle");
      }
    }
  }
}

void validate_options(const DisclosureOptions& options) {
  if (options.threshold < 1) throw std::invalid_argument("threshold must be at least 1");
  if (options.min_width < 1) throw std::invalid_argument("min_width must be at least 1");
  if (options.threshold > kMaxTotal) throw std::invalid_argument("threshold is too large");
  if (options.min_width > kMaxTotal) throw std::invalid_argument("min_width is too large");
}

bool is_suppressed(CellStatus s) { return s == CellStatus::primary || s == CellStatus::secondary; }

Need need_for(std::int64_t count, CellStatus status, const DisclosureOptions& options) {
  Need need;
  need.width = options.min_width;
  if (status == CellStatus::primary) {
    if (options.upper_protection) need.up = std::max<std::int64_t>(0, options.threshold - count);
    if (options.lower_protection) need.down = count;
  }
  return need;
}

std::vector<std::int64_t> suppression_costs(const CountTable& table,
                                            const DisclosureOptions& options) {
  std::vector<std::int64_t> cost(table.size(), 1);
  if (options.cost == SuppressionCost::count_plus_one) {
    for (std::size_t c = 0; c < table.size(); ++c) cost[c] = table.count(c) + 1;
  }
  return cost;
}

std::unique_ptr<Engine> make_engine(const CountTable& table, const std::vector<CellStatus>& status,
                                    const DisclosureOptions& options) {
  std::vector<char> unknown(table.size(), 0);
  for (std::size_t c = 0; c < table.size(); ++c) unknown[c] = status[c] != CellStatus::shown;
  std::vector<std::int64_t> cost = suppression_costs(table, options);
  if (options.method == AuditMethod::automatic) {
    if (auto engine = disclosure_detail::make_network_engine(table, unknown, cost)) return engine;
  }
  return disclosure_detail::make_lp_engine(table, std::move(unknown), std::move(cost),
                                           options.lp_protection_cells);
}

}  // namespace

Dimension flat_dimension(std::string name, std::vector<std::string> categories, bool with_total,
                         std::string total_label) {
  Dimension dim;
  dim.name = std::move(name);
  if (with_total) {
    dim.labels.push_back(std::move(total_label));
    dim.parents.push_back(-1);
  }
  for (auto& category : categories) {
    dim.labels.push_back(std::move(category));
    dim.parents.push_back(with_total ? 0 : -1);
  }
  return dim;
}

CountTable::CountTable(std::vector<Dimension> dimensions,
                       const std::vector<std::int64_t>& leaf_counts)
    : dimensions_(std::move(dimensions)) {
  if (dimensions_.empty()) throw std::invalid_argument("a table needs at least one dimension");
  const std::size_t dims = dimensions_.size();
  std::size_t cells = 1;
  std::size_t leaves = 1;
  children_.resize(dims);
  std::vector<std::vector<int>> leaf_codes(dims);
  for (std::size_t d = 0; d < dims; ++d) {
    const Dimension& dim = dimensions_[d];
    validate_dimension(dim);
    const std::size_t n = dim.labels.size();
    children_[d].assign(n, {});
    for (std::size_t i = 0; i < n; ++i) {
      if (dim.parents[i] >= 0) {
        children_[d][static_cast<std::size_t>(dim.parents[i])].push_back(static_cast<int>(i));
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (children_[d][i].empty()) leaf_codes[d].push_back(static_cast<int>(i));
    }
    if (n > kMaxCells / cells) throw std::invalid_argument("the table has too many cells");
    cells *= n;
    leaves *= leaf_codes[d].size();
  }
  if (leaf_counts.size() != leaves) {
    throw std::invalid_argument("expected " + std::to_string(leaves) + " leaf counts, got " +
                                std::to_string(leaf_counts.size()));
  }
  stride_.assign(dims, 1);
  for (std::size_t d = dims - 1; d > 0; --d) {
    stride_[d - 1] = stride_[d] * dimensions_[d].labels.size();
  }

  // Leaf cells, in row-major order over the leaf codes.
  counts_.assign(cells, -1);
  std::int64_t total = 0;
  std::vector<std::size_t> digit(dims, 0);
  for (std::size_t k = 0; k < leaves; ++k) {
    const std::int64_t v = leaf_counts[k];
    if (v < 0) throw std::invalid_argument("a count is negative");
    if (v > kMaxTotal - total) throw std::invalid_argument("the counts sum to more than 2^50");
    total += v;
    std::size_t cell = 0;
    for (std::size_t d = 0; d < dims; ++d) {
      cell += static_cast<std::size_t>(leaf_codes[d][digit[d]]) * stride_[d];
    }
    counts_[cell] = v;
    for (std::size_t d = dims; d-- > 0;) {
      if (++digit[d] < leaf_codes[d].size()) break;
      digit[d] = 0;
    }
  }

  // Aggregates: the sum over the children along the first aggregate code.
  // Memoised; the recursion depth is at most the sum of the hierarchy depths.
  std::function<std::int64_t(std::size_t)> value = [&](std::size_t cell) -> std::int64_t {
    if (counts_[cell] >= 0) return counts_[cell];
    for (std::size_t d = 0; d < dims; ++d) {
      const std::size_t code = (cell / stride_[d]) % dimensions_[d].labels.size();
      const auto& kids = children_[d][code];
      if (kids.empty()) continue;
      std::int64_t sum = 0;
      for (int child : kids) {
        sum += value(cell - code * stride_[d] + static_cast<std::size_t>(child) * stride_[d]);
      }
      counts_[cell] = sum;
      return sum;
    }
    return 0;  // unreachable: a cell of leaf codes was filled above
  };
  for (std::size_t c = 0; c < cells; ++c) value(c);

  published_.assign(cells, 1);

  for (std::size_t d = 0; d < dims; ++d) {
    const std::size_t n = dimensions_[d].labels.size();
    for (std::size_t c = 0; c < cells; ++c) {
      const std::size_t code = (c / stride_[d]) % n;
      const auto& kids = children_[d][code];
      if (kids.empty()) continue;
      Additivity a;
      a.total = c;
      for (int child : kids) {
        a.parts.push_back(c - code * stride_[d] + static_cast<std::size_t>(child) * stride_[d]);
      }
      additivity_.push_back(std::move(a));
    }
  }
}

void CountTable::set_published(std::size_t cell, bool published) {
  published_.at(cell) = published ? 1 : 0;
}

std::vector<int> CountTable::coordinates(std::size_t cell) const {
  if (cell >= size()) throw std::out_of_range("no such cell");
  std::vector<int> codes(dimensions_.size());
  for (std::size_t d = 0; d < dimensions_.size(); ++d) {
    codes[d] = static_cast<int>((cell / stride_[d]) % dimensions_[d].labels.size());
  }
  return codes;
}

std::size_t CountTable::cell(const std::vector<int>& codes) const {
  if (codes.size() != dimensions_.size()) throw std::out_of_range("one code per dimension");
  std::size_t cell = 0;
  for (std::size_t d = 0; d < codes.size(); ++d) {
    if (codes[d] < 0 || static_cast<std::size_t>(codes[d]) >= dimensions_[d].labels.size()) {
      throw std::out_of_range("no such code in dimension '" + dimensions_[d].name + "'");
    }
    cell += static_cast<std::size_t>(codes[d]) * stride_[d];
  }
  return cell;
}

bool CountTable::is_leaf(std::size_t cell) const {
  const std::vector<int> codes = coordinates(cell);
  for (std::size_t d = 0; d < codes.size(); ++d) {
    if (!children_[d][static_cast<std::size_t>(codes[d])].empty()) return false;
  }
  return true;
}

std::string CountTable::label(std::size_t cell) const {
  const std::vector<int> codes = coordinates(cell);
  std::string text;
  for (std::size_t d = 0; d < codes.size(); ++d) {
    if (d > 0) text += " × ";
    text += dimensions_[d].labels[static_cast<std::size_t>(codes[d])];
  }
  return text;
}

CountTable make_two_way_table(std::vector<std::string> row_labels,
                              std::vector<std::string> column_labels,
                              const std::vector<std::vector<std::int64_t>>& counts, Margins margins,
                              std::string row_name, std::string column_name) {
  const std::size_t rows = row_labels.size();
  const std::size_t cols = column_labels.size();
  if (rows == 0 || cols == 0) throw std::invalid_argument("a table needs rows and columns");
  if (counts.size() != rows) throw std::invalid_argument("one row of counts per row label");
  std::vector<std::int64_t> leaf;
  leaf.reserve(rows * cols);
  for (const auto& row : counts) {
    if (row.size() != cols) throw std::invalid_argument("the counts are not rectangular");
    leaf.insert(leaf.end(), row.begin(), row.end());
  }
  CountTable table({flat_dimension(std::move(row_name), std::move(row_labels)),
                    flat_dimension(std::move(column_name), std::move(column_labels))},
                   leaf);
  for (std::size_t i = 1; i <= rows; ++i) {
    table.set_published(table.cell({static_cast<int>(i), 0}), margins.row_totals);
  }
  for (std::size_t j = 1; j <= cols; ++j) {
    table.set_published(table.cell({0, static_cast<int>(j)}), margins.column_totals);
  }
  table.set_published(table.cell({0, 0}), margins.grand_total);
  return table;
}

std::size_t AuditReport::failures() const {
  return static_cast<std::size_t>(
      std::count_if(cells.begin(), cells.end(), [](const CellAudit& a) { return !a.ok; }));
}

const CellAudit* AuditReport::find(std::size_t cell) const {
  auto it = std::lower_bound(cells.begin(), cells.end(), cell,
                             [](const CellAudit& a, std::size_t c) { return a.cell < c; });
  return it != cells.end() && it->cell == cell ? &*it : nullptr;
}

std::vector<CellStatus> primary_suppression(const CountTable& table,
                                            const DisclosureOptions& options) {
  validate_options(options);
  std::vector<CellStatus> status(table.size(), CellStatus::shown);
  for (std::size_t c = 0; c < table.size(); ++c) {
    const std::int64_t v = table.count(c);
    if (!table.published(c)) {
      status[c] = CellStatus::unpublished;
    } else if ((v > 0 && v < options.threshold) || (v == 0 && options.zeros_sensitive)) {
      status[c] = CellStatus::primary;
    }
  }
  return status;
}

AuditReport audit(const CountTable& table, const std::vector<CellStatus>& status,
                  const DisclosureOptions& options) {
  validate_options(options);
  if (status.size() != table.size()) throw std::invalid_argument("one status per cell");
  for (std::size_t c = 0; c < table.size(); ++c) {
    if (status[c] != CellStatus::unpublished && !table.published(c)) {
      throw std::invalid_argument("cell " + table.label(c) + " is not published");
    }
  }
  auto engine = make_engine(table, status, options);
  AuditReport report;
  report.integer_exact = engine->integer_exact();
  for (std::size_t c = 0; c < table.size(); ++c) {
    if (!is_suppressed(status[c])) continue;
    const std::int64_t x = table.count(c);
    CellAudit a;
    a.cell = c;
    a.status = status[c];
    const std::int64_t up = engine->capacity(c, +1, kUnbounded);
    const std::int64_t down = engine->capacity(c, -1, x);
    a.lower = x - down;
    if (up < kUnbounded) a.upper = x + up;
    const Need need = need_for(x, status[c], options);
    a.ok = up >= need.up && down >= need.down && (up >= kUnbounded || up + down >= need.width);
    report.ok = report.ok && a.ok;
    report.cells.push_back(a);
  }
  return report;
}

ProtectedTable protect_table(const CountTable& table, const DisclosureOptions& options) {
  ProtectedTable out{table, primary_suppression(table, options), {}, {}, {}};
  const std::size_t n = table.size();
  out.reason.assign(n, SuppressionReason::none);
  out.protects.assign(n, std::nullopt);
  for (std::size_t c = 0; c < n; ++c) {
    if (out.status[c] == CellStatus::unpublished) out.reason[c] = SuppressionReason::unpublished;
    if (out.status[c] == CellStatus::primary) {
      out.reason[c] =
          table.count(c) == 0 ? SuppressionReason::sensitive_zero : SuppressionReason::small_count;
    }
  }

  // Secondary suppression. Suppressing a cell only ever widens what the
  // attacker must allow for, so a need once met stays met: each cell is
  // settled once, and passes repeat only for secondary cells added before the
  // cell being protected.
  bool gave_up = false;
  {
    auto engine = make_engine(table, out.status, options);
    std::vector<char> settled(n, 0);
    bool changed = true;
    while (changed && !gave_up) {
      changed = false;
      for (std::size_t c = 0; c < n && !gave_up; ++c) {
        if (!is_suppressed(out.status[c]) || settled[c]) continue;
        settled[c] = 1;
        const Need need = need_for(table.count(c), out.status[c], options);
        while (!engine->satisfied(c, need)) {
          const std::vector<std::size_t> added = engine->repair(c, need);
          if (added.empty()) {
            gave_up = true;
            break;
          }
          for (std::size_t a : added) {
            out.status[a] = CellStatus::secondary;
            out.reason[a] = SuppressionReason::protects_cell;
            out.protects[a] = c;
          }
          changed = true;
        }
      }
    }
  }

  // The final pattern is audited from scratch, independently of the engine
  // state that chose it.
  out.audit = audit(table, out.status, options);
  if (gave_up || !out.audit.ok) {
    for (std::size_t c = 0; c < n; ++c) {
      if (out.status[c] == CellStatus::shown) {
        out.status[c] = CellStatus::secondary;
        out.reason[c] = SuppressionReason::last_resort;
      }
    }
    out.audit = audit(table, out.status, options);
    if (!out.audit.ok) throw std::logic_error("disclosure control: even full suppression fails");
  }
  return out;
}

std::optional<std::int64_t> ProtectedTable::released(std::size_t cell) const {
  switch (status.at(cell)) {
    case CellStatus::shown:
      return table.count(cell);
    case CellStatus::unpublished:
      throw std::invalid_argument("cell " + table.label(cell) + " is not part of the release");
    default:
      return std::nullopt;
  }
}

std::string ProtectedTable::render(std::size_t cell) const {
  const auto v = released(cell);
  return v ? std::to_string(*v) : std::string(kSuppressedMark);
}

std::size_t ProtectedTable::count(CellStatus s) const {
  return static_cast<std::size_t>(std::count(status.begin(), status.end(), s));
}

namespace disclosure_detail {

bool Engine::satisfied(std::size_t cell, const Need& need) {
  const std::int64_t up = capacity(cell, +1, std::max(need.up, need.width));
  if (up < need.up) return false;
  if (need.down == 0 && up >= need.width) return true;
  const std::int64_t down = capacity(cell, -1, std::max(need.down, need.width - up));
  return down >= need.down && up + down >= need.width;
}

std::vector<std::size_t> Engine::repair(std::size_t cell, const Need& need) {
  const std::int64_t up = capacity(cell, +1, std::max(need.up, need.width));
  if (up < need.up) return extend(cell, +1, need.up);
  const std::int64_t down = capacity(cell, -1, std::max(need.down, need.width - up));
  if (down < need.down) return extend(cell, -1, need.down);
  if (up + down >= need.width) return {};
  // Widen upwards: always possible (margins can grow), unlike downwards.
  return extend(cell, +1, need.width - down);
}

}  // namespace disclosure_detail

}  // namespace vaksam::privacy
