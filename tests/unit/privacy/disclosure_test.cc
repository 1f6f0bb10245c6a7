#include "privacy/disclosure.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace vaksam::privacy {
namespace {

using Counts = std::vector<std::vector<std::int64_t>>;

std::vector<std::string> names(std::size_t n, const std::string& prefix) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(prefix + std::to_string(i + 1));
  return out;
}

CountTable two_way(const Counts& counts, Margins margins = {}) {
  return make_two_way_table(names(counts.size(), "r"), names(counts.at(0).size(), "c"), counts,
                            margins);
}

// Cell of interior row i, column j (0-based) in a two-way table; -1 = total.
std::size_t at(const CountTable& t, int i, int j) { return t.cell({i + 1, j + 1}); }

DisclosureOptions lp_options() {
  DisclosureOptions o;
  o.method = AuditMethod::linear_programming;
  return o;
}

// ---------------------------------------------------------------------------
// An independent check of the audit: enumerate every integer table whose
// shown cells agree with the release and record, per cell, the smallest and
// largest value seen. Only for small tables whose grand total is shown (then
// every cell lies in [0, grand total] and the enumeration is complete).

struct Range {
  std::int64_t lo = std::numeric_limits<std::int64_t>::max();
  std::int64_t hi = std::numeric_limits<std::int64_t>::min();
};

std::map<std::size_t, Range> brute_force_ranges(const CountTable& t,
                                                const std::vector<CellStatus>& status) {
  const std::size_t n = t.size();
  std::int64_t grand = 0;
  std::vector<std::size_t> leaves;
  for (std::size_t c = 0; c < n; ++c) {
    if (t.is_leaf(c)) {
      leaves.push_back(c);
      grand += t.count(c);
    }
  }
  // Which leaves each cell covers.
  std::vector<std::vector<std::size_t>> covers(n);  // cell -> leaf positions
  for (std::size_t k = 0; k < leaves.size(); ++k) {
    const std::vector<int> leaf = t.coordinates(leaves[k]);
    for (std::size_t c = 0; c < n; ++c) {
      const std::vector<int> codes = t.coordinates(c);
      bool inside = true;
      for (std::size_t d = 0; d < codes.size() && inside; ++d) {
        int code = leaf[d];
        while (code != -1 && code != codes[d]) {
          code = t.dimensions()[d].parents[static_cast<std::size_t>(code)];
        }
        inside = code == codes[d];
      }
      if (inside) covers[c].push_back(k);
    }
  }
  std::vector<std::size_t> last_leaf(n, 0);  // the last leaf position a cell covers
  for (std::size_t c = 0; c < n; ++c) last_leaf[c] = covers[c].back();
  std::vector<std::vector<std::size_t>> closes(leaves.size());  // shown cells complete at k
  for (std::size_t c = 0; c < n; ++c) {
    if (status[c] == CellStatus::shown) closes[last_leaf[c]].push_back(c);
  }
  std::vector<std::vector<std::size_t>> covered_by(leaves.size());
  for (std::size_t c = 0; c < n; ++c) {
    for (std::size_t k : covers[c]) covered_by[k].push_back(c);
  }

  std::vector<std::int64_t> sum(n, 0);
  std::vector<std::int64_t> value(leaves.size(), 0);
  std::map<std::size_t, Range> ranges;
  std::function<void(std::size_t)> go = [&](std::size_t k) {
    if (k == leaves.size()) {
      for (std::size_t c = 0; c < n; ++c) {
        if (status[c] != CellStatus::primary && status[c] != CellStatus::secondary) continue;
        Range& r = ranges[c];
        r.lo = std::min(r.lo, sum[c]);
        r.hi = std::max(r.hi, sum[c]);
      }
      return;
    }
    const std::size_t leaf = leaves[k];
    const bool fixed = status[leaf] == CellStatus::shown;
    const std::int64_t from = fixed ? t.count(leaf) : 0;
    std::int64_t to = grand;  // no more than any shown cell that contains it
    for (std::size_t c : covered_by[k]) {
      if (status[c] == CellStatus::shown) to = std::min(to, t.count(c) - sum[c]);
    }
    if (fixed) to = t.count(leaf);
    for (std::int64_t v = from; v <= to; ++v) {
      bool fine = true;
      for (std::size_t c : covered_by[k]) {
        sum[c] += v;
        if (status[c] == CellStatus::shown && sum[c] > t.count(c)) fine = false;
      }
      for (std::size_t c : closes[k]) {
        if (sum[c] != t.count(c)) fine = false;
      }
      if (fine) go(k + 1);
      for (std::size_t c : covered_by[k]) sum[c] -= v;
      if (!fine && !fixed) {
        // Sums only grow with v: once a shown cell is exceeded, stop.
        bool exceeded = false;
        for (std::size_t c : covered_by[k]) {
          if (status[c] == CellStatus::shown && sum[c] + v > t.count(c)) exceeded = true;
        }
        if (exceeded) break;
      }
    }
  };
  go(0);
  return ranges;
}

std::size_t unknown_leaves(const CountTable& t, const std::vector<CellStatus>& status) {
  std::size_t k = 0;
  for (std::size_t c = 0; c < t.size(); ++c) k += t.is_leaf(c) && status[c] != CellStatus::shown;
  return k;
}

// Every relation that contains a suppressed cell has at least two cells that
// are not shown: otherwise the one would follow from the others.
void expect_no_lone_suppression(const CountTable& t, const std::vector<CellStatus>& status) {
  for (const Additivity& rel : t.additivity()) {
    std::vector<std::size_t> cells = rel.parts;
    cells.push_back(rel.total);
    std::size_t hidden = 0;
    bool suppressed = false;
    for (std::size_t c : cells) {
      hidden += status[c] != CellStatus::shown;
      suppressed |= status[c] == CellStatus::primary || status[c] == CellStatus::secondary;
    }
    if (suppressed) {
      EXPECT_GE(hidden, 2u) << "relation with total " << t.label(rel.total);
    }
  }
}

// The release agrees with the table, primaries are exactly the sensitive
// cells, and an independent audit passes.
void expect_valid_release(const ProtectedTable& p, const DisclosureOptions& options = {}) {
  const CountTable& t = p.table;
  ASSERT_EQ(p.status.size(), t.size());
  for (std::size_t c = 0; c < t.size(); ++c) {
    const std::int64_t v = t.count(c);
    const bool sensitive = (v > 0 && v < options.threshold) || (v == 0 && options.zeros_sensitive);
    if (!t.published(c)) {
      EXPECT_EQ(p.status[c], CellStatus::unpublished);
      EXPECT_THROW(p.released(c), std::invalid_argument);
      continue;
    }
    EXPECT_EQ(p.status[c] == CellStatus::primary, sensitive) << t.label(c);
    if (p.status[c] == CellStatus::shown) {
      EXPECT_EQ(p.released(c), v);
      EXPECT_EQ(p.render(c), std::to_string(v));
    } else {
      EXPECT_EQ(p.released(c), std::nullopt);
      EXPECT_EQ(p.render(c), "..");
    }
    if (p.status[c] == CellStatus::secondary) {
      EXPECT_EQ(p.reason[c], SuppressionReason::protects_cell);
      ASSERT_TRUE(p.protects[c].has_value());
      EXPECT_NE(p.status[*p.protects[c]], CellStatus::shown);
    }
  }
  EXPECT_TRUE(p.audit.ok);
  const AuditReport again = audit(t, p.status, options);
  EXPECT_TRUE(again.ok) << again.failures() << " cells fail the audit";
  for (const CellAudit& a : again.cells) {
    EXPECT_FALSE(a.exactly_determined()) << t.label(a.cell);
    if (a.status == CellStatus::primary && options.upper_protection) {
      EXPECT_TRUE(!a.upper || *a.upper >= options.threshold) << t.label(a.cell);
    }
    EXPECT_LE(a.lower, t.count(a.cell));
    if (a.upper) {
      EXPECT_GE(*a.upper, t.count(a.cell));
    }
  }
  expect_no_lone_suppression(t, p.status);
}

Counts random_counts(std::mt19937_64& rng, std::size_t rows, std::size_t cols) {
  // A mix of zeros, small and large counts, like per-municipality tables.
  std::uniform_int_distribution<int> kind(0, 9);
  std::uniform_int_distribution<std::int64_t> small(1, 4);
  std::uniform_int_distribution<std::int64_t> large(5, 60);
  Counts counts(rows, std::vector<std::int64_t>(cols));
  for (auto& row : counts) {
    for (auto& v : row) {
      const int k = kind(rng);
      v = k < 2 ? 0 : k < 5 ? small(rng) : large(rng);
    }
  }
  return counts;
}

// ---------------------------------------------------------------------------
// Naive primary suppression leaks.

TEST(Disclosure, NaiveSuppressionOfOneCellLeaksThroughTheMargins) {
  //        x   y | total
  //   a    3  10 |  13
  //   b   12  20 |  32
  const CountTable t = two_way({{3, 10}, {12, 20}});
  const std::vector<CellStatus> naive = primary_suppression(t);
  EXPECT_EQ(naive[at(t, 0, 0)], CellStatus::primary);
  EXPECT_EQ(std::count(naive.begin(), naive.end(), CellStatus::primary), 1);

  const AuditReport leak = audit(t, naive);
  EXPECT_FALSE(leak.ok);
  ASSERT_EQ(leak.cells.size(), 1u);
  EXPECT_TRUE(leak.cells[0].exactly_determined());
  EXPECT_EQ(leak.cells[0].lower, 3);  // 13 - 10
  EXPECT_TRUE(leak.integer_exact);

  const ProtectedTable p = protect_table(t);
  expect_valid_release(p);
  // The only way: the whole 2x2 interior; the margins stay.
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 2; ++j) EXPECT_NE(p.status[at(t, i, j)], CellStatus::shown);
  }
  EXPECT_EQ(p.count(CellStatus::secondary), 3u);
  EXPECT_EQ(p.released(t.cell({0, 0})), 45);
  EXPECT_EQ(p.released(t.cell({1, 0})), 13);
  EXPECT_EQ(p.released(t.cell({0, 1})), 15);
  // a×x may be anything from 0 to 13 (a×y = 13 - a×x >= 0).
  const CellAudit* a = p.audit.find(at(t, 0, 0));
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->lower, 0);
  EXPECT_EQ(a->upper, 13);
}

TEST(Disclosure, TwoSmallCellsInOneRowStillLeakThroughTheirColumns) {
  // The row has two suppressed cells, but each column has only one: each is
  // its column total minus the shown cells.
  const CountTable t = two_way({{2, 3, 40}, {30, 25, 50}, {20, 35, 60}});
  const std::vector<CellStatus> naive = primary_suppression(t);
  const AuditReport leak = audit(t, naive);
  EXPECT_FALSE(leak.ok);
  EXPECT_EQ(leak.failures(), 2u);
  for (const CellAudit& a : leak.cells) EXPECT_TRUE(a.exactly_determined());

  const ProtectedTable p = protect_table(t);
  expect_valid_release(p);
  // A rectangle: the two primaries and the cheapest pair below them.
  EXPECT_EQ(p.count(CellStatus::primary) + p.count(CellStatus::secondary), 4u);
  EXPECT_EQ(p.status[at(t, 2, 0)], CellStatus::secondary);
  EXPECT_EQ(p.status[at(t, 2, 1)], CellStatus::secondary);
}

TEST(Disclosure, TwoPerRowAndColumnIsNotEnoughWhenZerosPinTheCell) {
  // The usual rule of thumb (every suppressed cell has a suppressed partner in
  // its row and its column) holds for this pattern, yet r1×c1 is exact: it
  // can only rise if r1×c2 falls and only fall if r2×c2 falls, and both are 0.
  const CountTable t = two_way({{3, 0, 10}, {7, 0, 12}, {9, 8, 11}});
  std::vector<CellStatus> pattern = primary_suppression(t);
  pattern[at(t, 0, 1)] = CellStatus::secondary;
  pattern[at(t, 1, 0)] = CellStatus::secondary;
  pattern[at(t, 1, 1)] = CellStatus::secondary;
  expect_no_lone_suppression(t, pattern);
  const AuditReport leak = audit(t, pattern);
  EXPECT_FALSE(leak.ok);
  const CellAudit* a = leak.find(at(t, 0, 0));
  ASSERT_NE(a, nullptr);
  EXPECT_TRUE(a->exactly_determined());
  EXPECT_EQ(a->lower, 3);

  const ProtectedTable p = protect_table(t);
  expect_valid_release(p);
  const CellAudit* b = p.audit.find(at(t, 0, 0));
  ASSERT_NE(b, nullptr);
  EXPECT_GE(b->upper.value_or(1000), 5);
}

TEST(Disclosure, NarrowButNotExactIntervalsAreRefused) {
  // r1×c1 = 3 with its rectangle partner r1×c2 = 1 can rise by at most 1:
  // the attacker learns 0..4, i.e. "fewer than five". The width rule alone
  // would accept that; the upper-protection rule does not.
  const CountTable t = two_way({{3, 1, 40}, {8, 9, 50}, {20, 35, 60}});
  std::vector<CellStatus> pattern = primary_suppression(t);
  pattern[at(t, 1, 0)] = CellStatus::secondary;
  pattern[at(t, 1, 1)] = CellStatus::secondary;
  const AuditReport report = audit(t, pattern);
  const CellAudit* a = report.find(at(t, 0, 0));
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->lower, 0);
  EXPECT_EQ(a->upper, 4);
  EXPECT_FALSE(a->ok);

  DisclosureOptions width_only;
  width_only.upper_protection = false;
  EXPECT_TRUE(audit(t, pattern, width_only).ok);

  const ProtectedTable p = protect_table(t);
  expect_valid_release(p);
}

TEST(Disclosure, AMarginCanGiveAwayACell) {
  // One small cell in a single-row table: the row total is published, so a
  // second cell must go.
  const CountTable t = two_way({{2, 10, 12}});
  const AuditReport leak = audit(t, primary_suppression(t));
  EXPECT_FALSE(leak.ok);
  const ProtectedTable p = protect_table(t);
  expect_valid_release(p);
  // Column totals equal the cells in a one-row table, so they go too.
  EXPECT_EQ(p.status[t.cell({0, 1})], CellStatus::primary);
  EXPECT_NE(p.status[t.cell({1, 2})], CellStatus::shown);
  EXPECT_EQ(p.status[t.cell({1, 3})], CellStatus::shown);  // 12: the dearer choice
}

TEST(Disclosure, UnpublishedMarginsNeedNoSecondarySuppression) {
  const Counts counts = {{3, 10, 20}, {12, 20, 30}};
  const CountTable none = two_way(counts, Margins{false, false, false});
  const ProtectedTable p = protect_table(none);
  expect_valid_release(p);
  EXPECT_EQ(p.count(CellStatus::secondary), 0u);
  EXPECT_EQ(p.count(CellStatus::unpublished), 6u);

  // Row totals only: the row needs a second suppressed cell, the column not.
  const CountTable rows_only = two_way(counts, Margins{true, false, false});
  const ProtectedTable q = protect_table(rows_only);
  expect_valid_release(q);
  EXPECT_EQ(q.count(CellStatus::secondary), 1u);
  EXPECT_EQ(q.status[at(rows_only, 0, 1)], CellStatus::secondary);  // 10 < 20
}

// ---------------------------------------------------------------------------
// Bad input: every cell small, zeros, tiny tables.

TEST(Disclosure, EveryCellSmall) {
  const CountTable t = two_way({{1, 2, 3}, {4, 1, 2}, {3, 3, 4}});
  const ProtectedTable p = protect_table(t);
  expect_valid_release(p);
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) EXPECT_EQ(p.status[at(t, i, j)], CellStatus::primary);
  }
  // The margins are 6..10 and the grand total 23; each cell must still be
  // able to reach 5, which its row and column totals allow.
  for (const CellAudit& a : p.audit.cells) {
    if (a.status == CellStatus::primary) {
      EXPECT_GE(a.upper.value_or(1000), 5);
    }
  }
}

TEST(Disclosure, EveryCellSmallWithSmallMargins) {
  // The grand total (3) is itself sensitive: everything but the zero goes.
  const CountTable t = two_way({{1, 1}, {1, 0}});
  const ProtectedTable p = protect_table(t);
  expect_valid_release(p);
  EXPECT_EQ(p.status[t.cell({0, 0})], CellStatus::primary);
  EXPECT_EQ(p.status[at(t, 1, 1)], CellStatus::shown);
  for (std::size_t c = 0; c < t.size(); ++c) {
    if (c != at(t, 1, 1)) {
      EXPECT_NE(p.status[c], CellStatus::shown) << t.label(c);
    }
  }
  for (const CellAudit& a : p.audit.cells) EXPECT_FALSE(a.upper.has_value());
}

TEST(Disclosure, AllZeros) {
  const CountTable t = two_way({{0, 0, 0}, {0, 0, 0}});
  const ProtectedTable p = protect_table(t);
  expect_valid_release(p);
  EXPECT_EQ(p.count(CellStatus::shown), t.size());

  DisclosureOptions zeros;
  zeros.zeros_sensitive = true;
  const ProtectedTable q = protect_table(t, zeros);
  expect_valid_release(q, zeros);
  EXPECT_EQ(q.count(CellStatus::primary), t.size());
  EXPECT_EQ(q.reason[0], SuppressionReason::sensitive_zero);
}

TEST(Disclosure, ZerosAreShownByDefaultAndSuppressedOnRequest) {
  const CountTable t = two_way({{0, 12, 30}, {15, 25, 8}, {22, 9, 14}});
  const ProtectedTable p = protect_table(t);
  EXPECT_EQ(p.count(CellStatus::primary), 0u);
  EXPECT_EQ(p.count(CellStatus::secondary), 0u);

  DisclosureOptions zeros;
  zeros.zeros_sensitive = true;
  const ProtectedTable q = protect_table(t, zeros);
  expect_valid_release(q, zeros);
  EXPECT_EQ(q.status[at(t, 0, 0)], CellStatus::primary);
  EXPECT_EQ(q.count(CellStatus::secondary), 3u);
}

TEST(Disclosure, SingleCellAndSingleColumn) {
  const CountTable one = two_way({{3}});
  const ProtectedTable p = protect_table(one);
  expect_valid_release(p);
  EXPECT_EQ(p.count(CellStatus::shown), 0u);  // all four cells are the same 3

  const CountTable column = two_way({{2}, {30}, {40}});
  const ProtectedTable q = protect_table(column);
  expect_valid_release(q);
  EXPECT_EQ(q.status[at(column, 1, 0)], CellStatus::secondary);  // 30 < 40
  EXPECT_EQ(q.status[column.cell({0, 0})], CellStatus::shown);
}

// ---------------------------------------------------------------------------
// The audit against brute force, and the two audit methods against each other.

TEST(Disclosure, AuditMatchesBruteForceOnRandomPatterns) {
  std::mt19937_64 rng(20240611);
  std::uniform_int_distribution<std::size_t> size(1, 3);
  std::uniform_int_distribution<std::int64_t> value(0, 4);
  std::bernoulli_distribution hide(0.35);
  int checked = 0;
  for (int round = 0; round < 400; ++round) {
    const std::size_t rows = size(rng);
    const std::size_t cols = size(rng) + 1;
    Counts counts(rows, std::vector<std::int64_t>(cols));
    for (auto& row : counts) {
      for (auto& v : row) v = value(rng);
    }
    const CountTable t = two_way(counts);
    std::vector<CellStatus> status(t.size(), CellStatus::shown);
    for (std::size_t c = 1; c < t.size(); ++c) {  // cell 0, the grand total, stays shown
      if (hide(rng)) status[c] = c % 5 == 0 ? CellStatus::unpublished : CellStatus::primary;
    }
    if (unknown_leaves(t, status) > 7) continue;
    const auto truth = brute_force_ranges(t, status);
    for (const DisclosureOptions& options : {DisclosureOptions{}, lp_options()}) {
      const AuditReport report = audit(t, status, options);
      EXPECT_EQ(report.integer_exact, options.method == AuditMethod::automatic);
      ASSERT_EQ(report.cells.size(), truth.size());
      for (const CellAudit& a : report.cells) {
        const Range& r = truth.at(a.cell);
        EXPECT_EQ(a.lower, r.lo) << "round " << round << " " << t.label(a.cell);
        ASSERT_TRUE(a.upper.has_value());
        EXPECT_EQ(*a.upper, r.hi) << "round " << round << " " << t.label(a.cell);
      }
    }
    ++checked;
  }
  EXPECT_GT(checked, 200);
}

TEST(Disclosure, NetworkAndLinearProgrammingAuditsAgree) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::size_t> size(1, 9);
  std::bernoulli_distribution hide(0.3);
  for (int round = 0; round < 150; ++round) {
    const CountTable t = two_way(random_counts(rng, size(rng), size(rng)));
    std::vector<CellStatus> status(t.size(), CellStatus::shown);
    for (std::size_t c = 0; c < t.size(); ++c) {
      if (hide(rng)) status[c] = CellStatus::secondary;
    }
    const AuditReport flow = audit(t, status);
    const AuditReport lp = audit(t, status, lp_options());
    ASSERT_EQ(flow.cells.size(), lp.cells.size());
    for (std::size_t k = 0; k < flow.cells.size(); ++k) {
      EXPECT_EQ(flow.cells[k].lower, lp.cells[k].lower) << round;
      EXPECT_EQ(flow.cells[k].upper, lp.cells[k].upper) << round;
      EXPECT_EQ(flow.cells[k].ok, lp.cells[k].ok) << round;
    }
  }
}

// ---------------------------------------------------------------------------
// Random tables: after protection no suppressed cell can be recovered.

TEST(Disclosure, RandomTwoWayTablesAreProtected) {
  std::mt19937_64 rng(1);
  std::uniform_int_distribution<std::size_t> rows(1, 40);
  std::uniform_int_distribution<std::size_t> cols(1, 10);
  std::size_t primaries = 0;
  std::size_t secondaries = 0;
  std::size_t cells = 0;
  for (int round = 0; round < 300; ++round) {
    SCOPED_TRACE(round);
    const CountTable t = two_way(random_counts(rng, rows(rng), cols(rng)));
    const ProtectedTable p = protect_table(t);
    expect_valid_release(p);
    primaries += p.count(CellStatus::primary);
    secondaries += p.count(CellStatus::secondary);
    cells += t.size();
    for (std::size_t c = 0; c < t.size(); ++c) {
      EXPECT_NE(p.reason[c], SuppressionReason::last_resort);
    }
  }
  // Far from suppressing everything: about a third of the cells are small.
  EXPECT_LT(primaries + secondaries, cells * 7 / 10);
}

TEST(Disclosure, RandomTablesWithOptionsAreProtected) {
  std::mt19937_64 rng(2);
  std::uniform_int_distribution<std::size_t> size(1, 12);
  for (int round = 0; round < 120; ++round) {
    SCOPED_TRACE(round);
    DisclosureOptions o;
    o.threshold = 3 + round % 5;
    o.zeros_sensitive = round % 3 == 0;
    o.lower_protection = round % 4 == 1;
    o.min_width = 1 + round % 3;
    o.cost = round % 2 ? SuppressionCost::unit : SuppressionCost::count_plus_one;
    const Margins m{round % 5 != 2, round % 7 != 3, round % 2 == 0};
    const CountTable t = two_way(random_counts(rng, size(rng), size(rng)), m);
    const ProtectedTable p = protect_table(t, o);
    expect_valid_release(p, o);
    for (const CellAudit& a : p.audit.cells) {
      if (a.status == CellStatus::primary && o.lower_protection) {
        EXPECT_EQ(a.lower, 0);
      }
      EXPECT_GE(a.upper.value_or(1 << 30) - a.lower, o.min_width);
    }
  }
}

TEST(Disclosure, RandomTablesProtectedThroughLinearProgrammingToo) {
  std::mt19937_64 rng(3);
  std::uniform_int_distribution<std::size_t> size(1, 6);
  for (int round = 0; round < 60; ++round) {
    SCOPED_TRACE(round);
    const CountTable t = two_way(random_counts(rng, size(rng), size(rng)));
    const ProtectedTable p = protect_table(t, lp_options());
    expect_valid_release(p, lp_options());
    // The exact network audit agrees that the LP-chosen pattern is safe.
    EXPECT_TRUE(audit(t, p.status).ok);
  }
}

// ---------------------------------------------------------------------------
// Minimality and determinism.

TEST(Disclosure, NothingIsSuppressedWithoutSmallCells) {
  const CountTable t = two_way({{5, 12, 30}, {15, 25, 8}, {22, 9, 14}});
  const ProtectedTable p = protect_table(t);
  EXPECT_EQ(p.count(CellStatus::shown), t.size());
  EXPECT_TRUE(p.audit.cells.empty());
}

TEST(Disclosure, OneSmallCellInALargeTableCostsOneRectangle) {
  Counts counts(30, std::vector<std::int64_t>(8));
  for (std::size_t i = 0; i < counts.size(); ++i) {
    for (std::size_t j = 0; j < counts[i].size(); ++j) counts[i][j] = 20 + (i * 7 + j * 13) % 50;
  }
  counts[12][5] = 2;
  counts[3][1] = 6;  // the cheapest partner row and column: 3 and 1
  counts[3][5] = 7;
  counts[12][1] = 8;
  const CountTable t = two_way(counts);
  const ProtectedTable p = protect_table(t);
  expect_valid_release(p);
  EXPECT_EQ(p.count(CellStatus::primary), 1u);
  EXPECT_EQ(p.count(CellStatus::secondary), 3u);
  EXPECT_EQ(p.status[at(t, 3, 1)], CellStatus::secondary);
  EXPECT_EQ(p.status[at(t, 3, 5)], CellStatus::secondary);
  EXPECT_EQ(p.status[at(t, 12, 1)], CellStatus::secondary);
  EXPECT_EQ(p.protects[at(t, 3, 1)], at(t, 12, 5));
}

TEST(Disclosure, SmallCellsShareTheirSecondaries) {
  // Four primaries forming a rectangle protect one another.
  Counts counts(6, std::vector<std::int64_t>(6, 40));
  counts[1][1] = 3;
  counts[1][4] = 4;
  counts[4][1] = 2;
  counts[4][4] = 1;
  const CountTable t = two_way(counts);
  const ProtectedTable p = protect_table(t);
  expect_valid_release(p);
  EXPECT_EQ(p.count(CellStatus::primary), 4u);
  // Within the rectangle the 3 and the 4 can reach 5, but the 2 and the 1
  // only 3 (their partners can fall by 1 and 2): more is needed, not much.
  EXPECT_LE(p.count(CellStatus::secondary), 4u);
}

TEST(Disclosure, SuppressionIsDeterministic) {
  std::mt19937_64 rng(4);
  for (int round = 0; round < 20; ++round) {
    // Many ties: all counts are 0, 2 or 20.
    Counts counts(12, std::vector<std::int64_t>(6));
    std::uniform_int_distribution<int> pick(0, 2);
    for (auto& row : counts) {
      for (auto& v : row)
        v = std::vector<std::int64_t>{0, 2, 20}[static_cast<std::size_t>(pick(rng))];
    }
    const CountTable t = two_way(counts);
    const ProtectedTable a = protect_table(t);
    const ProtectedTable b = protect_table(t);
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.protects, b.protects);
    expect_valid_release(a);
  }
}

// ---------------------------------------------------------------------------
// More dimensions and hierarchies (LP audit).

CountTable sex_age_municipality(std::mt19937_64& rng, std::size_t ages,
                                std::size_t municipalities) {
  std::vector<Dimension> dims = {
      flat_dimension("kön", {"kvinnor", "män"}),
      flat_dimension("ålder", names(ages, "ålder")),
      flat_dimension("kommun", names(municipalities, "kommun")),
  };
  std::uniform_int_distribution<int> kind(0, 9);
  std::uniform_int_distribution<std::int64_t> small(1, 4);
  std::uniform_int_distribution<std::int64_t> large(5, 30);
  std::vector<std::int64_t> leaves(2 * ages * municipalities);
  for (auto& v : leaves) {
    const int k = kind(rng);
    v = k < 2 ? 0 : k < 5 ? small(rng) : large(rng);
  }
  return CountTable(std::move(dims), leaves);
}

TEST(Disclosure, ThreeWayTableNaiveLeakAndProtection) {
  // kvinnor/män × two age bands × two municipalities, every margin published.
  std::vector<Dimension> dims = {flat_dimension("kön", {"kvinnor", "män"}),
                                 flat_dimension("ålder", {"0-64", "65+"}),
                                 flat_dimension("kommun", {"A", "B"})};
  const CountTable t(dims, {3, 20, 15, 25, 18, 22, 30, 12});
  EXPECT_EQ(t.size(), 27u);
  EXPECT_EQ(t.count(t.cell({0, 0, 0})), 145);
  EXPECT_EQ(t.count(t.cell({1, 0, 0})), 63);  // kvinnor, all ages, both municipalities
  const AuditReport leak = audit(t, primary_suppression(t));
  EXPECT_FALSE(leak.ok);
  EXPECT_FALSE(leak.integer_exact);
  EXPECT_TRUE(leak.cells.at(0).exactly_determined());

  const ProtectedTable p = protect_table(t);
  expect_valid_release(p);
  // Integer check: the brute force agrees the primary can reach 5.
  ASSERT_LE(unknown_leaves(t, p.status), 8u);  // else the enumeration takes too long
  const auto truth = brute_force_ranges(t, p.status);
  const std::size_t primary = t.cell({1, 1, 1});
  EXPECT_GE(truth.at(primary).hi, 5);
  EXPECT_LT(truth.at(primary).lo, truth.at(primary).hi);
}

TEST(Disclosure, RandomThreeWayTablesAreProtected) {
  std::mt19937_64 rng(5);
  std::uniform_int_distribution<std::size_t> ages(1, 3);
  std::uniform_int_distribution<std::size_t> municipalities(1, 5);
  int brute = 0;
  for (int round = 0; round < 60; ++round) {
    SCOPED_TRACE(round);
    const CountTable t = sex_age_municipality(rng, ages(rng), municipalities(rng));
    const ProtectedTable p = protect_table(t);
    expect_valid_release(p);
    // Where enumeration is feasible, the LP's verdict holds in integers too.
    std::int64_t grand = t.count(0);
    if (p.status[0] == CellStatus::shown && unknown_leaves(t, p.status) <= 6 && grand <= 60) {
      const auto truth = brute_force_ranges(t, p.status);
      for (const CellAudit& a : p.audit.cells) {
        const Range& r = truth.at(a.cell);
        EXPECT_LE(a.lower, r.lo);
        EXPECT_GE(a.upper.value_or(1 << 30), r.hi);
        EXPECT_LT(r.lo, r.hi) << t.label(a.cell);
        if (a.status == CellStatus::primary) {
          EXPECT_GE(r.hi, 5) << t.label(a.cell);
        }
      }
      ++brute;
    }
  }
  EXPECT_GT(brute, 3);
}

TEST(Disclosure, RandomThreeWayTablesAreProtectedByHypercubes) {
  // What tables above lp_protection_cells get: secondary cells from boxes.
  std::mt19937_64 rng(8);
  std::uniform_int_distribution<std::size_t> ages(1, 4);
  std::uniform_int_distribution<std::size_t> municipalities(1, 8);
  DisclosureOptions boxes;
  boxes.lp_protection_cells = 0;
  std::size_t by_box = 0;
  std::size_t by_lp = 0;
  for (int round = 0; round < 40; ++round) {
    SCOPED_TRACE(round);
    const CountTable t = sex_age_municipality(rng, ages(rng), municipalities(rng));
    const ProtectedTable p = protect_table(t, boxes);
    expect_valid_release(p, boxes);
    by_box += p.count(CellStatus::secondary);
    by_lp += protect_table(t).count(CellStatus::secondary);
  }
  // Boxes are cruder than the protection LP, but not by much.
  EXPECT_GE(by_box * 10, by_lp * 9);
  EXPECT_LE(by_box * 10, by_lp * 15);
}

TEST(Disclosure, HierarchicalTableIsProtected) {
  // Riket > två län > kommuner, by sex; the county subtotals are published.
  Dimension region;
  region.name = "region";
  region.labels = {"Riket", "Län 1", "Län 2", "K1", "K2", "K3", "K4"};
  region.parents = {-1, 0, 0, 1, 1, 2, 2};
  const CountTable t({region, flat_dimension("kön", {"kvinnor", "män"})}, {6, 5, 2, 7, 9, 8, 3, 1});
  EXPECT_EQ(t.count(t.cell({1, 0})), 20);  // Län 1, both sexes: 6 + 5 + 2 + 7
  EXPECT_EQ(t.count(t.cell({0, 2})), 21);  // Riket, män
  EXPECT_EQ(t.additivity().size(), 3u * 3 + 7u);
  const AuditReport leak = audit(t, primary_suppression(t));
  EXPECT_FALSE(leak.ok);

  DisclosureOptions boxes;
  boxes.lp_protection_cells = 0;
  for (const DisclosureOptions& options : {DisclosureOptions{}, boxes}) {
    const ProtectedTable p = protect_table(t, options);
    expect_valid_release(p, options);
    EXPECT_EQ(p.status[t.cell({0, 0})], CellStatus::shown);
    ASSERT_LE(unknown_leaves(t, p.status), 8u);
    const auto truth = brute_force_ranges(t, p.status);
    for (const CellAudit& a : p.audit.cells) {
      if (a.status == CellStatus::primary) {
        EXPECT_GE(truth.at(a.cell).hi, 5) << t.label(a.cell);
      }
      EXPECT_LT(truth.at(a.cell).lo, truth.at(a.cell).hi) << t.label(a.cell);
    }
  }
}

TEST(Disclosure, OneWayTable) {
  const CountTable t({flat_dimension("kommun", {"A", "B", "C", "D"})}, {2, 30, 9, 40});
  const ProtectedTable p = protect_table(t);
  expect_valid_release(p);
  EXPECT_EQ(p.status[t.cell({3})], CellStatus::secondary);  // 9, the cheapest partner
  EXPECT_EQ(p.count(CellStatus::secondary), 1u);
  EXPECT_EQ(audit(t, p.status).integer_exact, true);
  EXPECT_EQ(audit(t, p.status, lp_options()).cells.at(0).upper, 11);
}

// ---------------------------------------------------------------------------
// Input checking and rendering.

TEST(Disclosure, RefusesBadInput) {
  EXPECT_THROW(two_way({{1, -2}}), std::invalid_argument);
  EXPECT_THROW(two_way({{1, 2}, {3}}), std::invalid_argument);
  EXPECT_THROW(CountTable({}, {}), std::invalid_argument);
  EXPECT_THROW(CountTable({flat_dimension("x", {"a", "b"})}, {1}), std::invalid_argument);
  Dimension cycle{"x", {"a", "b"}, {1, 0}};
  EXPECT_THROW(CountTable({cycle}, {}), std::invalid_argument);
  Dimension self{"x", {"a"}, {0}};
  EXPECT_THROW(CountTable({self}, {1}), std::invalid_argument);
  EXPECT_THROW(CountTable({flat_dimension("x", {"a"})}, {std::int64_t{1} << 51}),
               std::invalid_argument);

  const CountTable t = two_way({{3, 10}, {12, 20}}, Margins{true, true, false});
  DisclosureOptions bad;
  bad.threshold = 0;
  EXPECT_THROW(protect_table(t, bad), std::invalid_argument);
  bad = {};
  bad.min_width = 0;
  EXPECT_THROW(audit(t, primary_suppression(t), bad), std::invalid_argument);
  EXPECT_THROW(audit(t, std::vector<CellStatus>(3, CellStatus::shown)), std::invalid_argument);
  // Showing a cell that is not published is refused.
  EXPECT_THROW(audit(t, std::vector<CellStatus>(t.size(), CellStatus::shown)),
               std::invalid_argument);
  const ProtectedTable p = protect_table(t);
  EXPECT_THROW(p.render(t.cell({0, 0})), std::invalid_argument);
  EXPECT_THROW(t.cell({3, 0}), std::out_of_range);
}

TEST(Disclosure, RendersTheSuppressionMark) {
  const CountTable t = two_way({{3, 10}, {12, 20}});
  const ProtectedTable p = protect_table(t);
  EXPECT_EQ(kSuppressedMark, "..");
  EXPECT_EQ(p.render(at(t, 0, 0)), "..");
  EXPECT_EQ(p.render(at(t, 1, 1)), "..");
  EXPECT_EQ(p.render(t.cell({0, 0})), "45");
  EXPECT_EQ(t.label(at(t, 0, 1)), "r1 × c2");
}

TEST(Disclosure, ThresholdIsConfigurable) {
  const CountTable t = two_way({{2, 3, 40}, {30, 25, 50}, {20, 35, 60}});
  DisclosureOptions o;
  o.threshold = 3;
  const ProtectedTable p = protect_table(t, o);
  expect_valid_release(p, o);
  EXPECT_EQ(p.status[at(t, 0, 0)], CellStatus::primary);
  EXPECT_NE(p.status[at(t, 0, 1)], CellStatus::primary);
}

// ---------------------------------------------------------------------------
// Size: a municipality table, 290 municipalities × 10 age bands.

TEST(Disclosure, MunicipalityTableOfRealisticSize) {
  std::mt19937_64 rng(6);
  std::lognormal_distribution<double> population(2.0, 1.3);
  Counts counts(290, std::vector<std::int64_t>(10));
  for (auto& row : counts) {
    const double scale = population(rng);
    for (auto& v : row) v = std::poisson_distribution<std::int64_t>(scale)(rng);
  }
  const CountTable t = two_way(counts);
  const auto start = std::chrono::steady_clock::now();
  const ProtectedTable p = protect_table(t);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  expect_valid_release(p);
  std::printf("290x10: %zu primary, %zu secondary of %zu cells, %.2f s (with audit)\n",
              p.count(CellStatus::primary), p.count(CellStatus::secondary), t.size(), seconds);
  EXPECT_EQ(p.status[t.cell({0, 0})], CellStatus::shown);
  for (int j = 1; j <= 10; ++j) EXPECT_EQ(p.status[t.cell({0, j})], CellStatus::shown);
}

}  // namespace
}  // namespace vaksam::privacy
