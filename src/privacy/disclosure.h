// Statistical disclosure control for tables of counts: every table that leaves
// the system (exports, API statistics, sex-disaggregated and per-municipality
// tables) goes through protect_table(). Pure: values in, values out.
//
// A table is a grid over one or more dimensions. Each dimension is a list of
// codes with an optional hierarchy (a code's value is the sum of its
// children's, e.g. Totalt > län > kommun). Only the counts of leaf cells are
// given; every aggregate (row totals, column totals, subtotals, the grand
// total) is computed here, so published margins always add up. Every cell,
// margins included, is subject to the rules below. See docs/disclosure-control.md.
//
//   primary suppression    a published cell with 0 < count < threshold
//                          (and 0 itself when zeros_sensitive).
//   secondary suppression  further cells, chosen so that no suppressed cell
//                          can be recomputed, or narrowed to the small range,
//                          from the published cells and the additivity of the
//                          table (the "audit").
//   audit                  for every suppressed cell, the interval [lower,
//                          upper] of values consistent with everything
//                          published (non-negative counts, all sums hold).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vaksam::privacy {

// What an export or API shows instead of a suppressed value: the ".." used in
// Swedish official statistics for "uppgift inte tillgänglig eller för osäker
// för att anges". It is the same for primary and secondary suppressions, so
// the release never tells which suppressed cells are the small ones.
inline constexpr std::string_view kSuppressedMark = "..";

// One dimension of a table. parents[i] is the index of code i's parent, or -1
// for a top-level code. A code with children is an aggregate (its value is the
// sum of its children's); a code without children is a leaf. Codes may come in
// any order; a cycle is refused.
struct Dimension {
  std::string name;
  std::vector<std::string> labels;
  std::vector<int> parents;
};

// A flat dimension: with_total gives code 0 = total_label and codes 1..n the
// categories; without it, codes 0..n-1 are the categories and no total exists.
Dimension flat_dimension(std::string name, std::vector<std::string> categories,
                         bool with_total = true, std::string total_label = "Totalt");

// One additivity relation of a table: count(total) = sum of count(parts).
struct Additivity {
  std::size_t total = 0;
  std::vector<std::size_t> parts;
};

// A table of counts with every aggregate computed. Cells are numbered row-major
// over the codes of each dimension (the last dimension varies fastest).
class CountTable {
 public:
  // leaf_counts: the counts of the leaf cells, row-major over the leaf codes of
  // each dimension (leaf codes in code order). Every cell is published until
  // set_published says otherwise. Throws std::invalid_argument for no
  // dimensions, an empty dimension, a bad hierarchy, the wrong number of
  // counts, a negative count, or counts whose sum exceeds 2^50.
  CountTable(std::vector<Dimension> dimensions, const std::vector<std::int64_t>& leaf_counts);

  const std::vector<Dimension>& dimensions() const { return dimensions_; }
  std::size_t size() const { return counts_.size(); }
  std::int64_t count(std::size_t cell) const { return counts_.at(cell); }
  const std::vector<std::int64_t>& counts() const { return counts_; }

  // An unpublished cell is not part of the release (e.g. a margin the export
  // leaves out). It is never shown and needs no protection itself, but the
  // audit still knows that it exists and is a non-negative count.
  bool published(std::size_t cell) const { return published_.at(cell) != 0; }
  void set_published(std::size_t cell, bool published);

  std::vector<int> coordinates(std::size_t cell) const;   // one code per dimension
  std::size_t cell(const std::vector<int>& codes) const;  // throws std::out_of_range
  bool is_leaf(std::size_t cell) const;                   // every code is a leaf code
  std::string label(std::size_t cell) const;              // labels joined by " × "

  // Every "aggregate = sum of its children" relation, along every dimension.
  const std::vector<Additivity>& additivity() const { return additivity_; }

 private:
  std::vector<Dimension> dimensions_;
  std::vector<std::size_t> stride_;
  std::vector<std::vector<std::vector<int>>> children_;  // [dimension][code]
  std::vector<std::int64_t> counts_;
  std::vector<char> published_;
  std::vector<Additivity> additivity_;
};

// Which margins of a two-way table are published.
struct Margins {
  bool row_totals = true;
  bool column_totals = true;
  bool grand_total = true;
};

// A rows × columns table with a total code 0 in both dimensions: the count in
// row i, column j (0-based) is cell({i + 1, j + 1}); row totals are
// cell({i + 1, 0}), column totals cell({0, j + 1}), the grand total cell({0, 0}).
// counts must be rectangular.
CountTable make_two_way_table(std::vector<std::string> row_labels,
                              std::vector<std::string> column_labels,
                              const std::vector<std::vector<std::int64_t>>& counts,
                              Margins margins = {}, std::string row_name = "rad",
                              std::string column_name = "kolumn");

enum class CellStatus {
  shown,        // published as is
  primary,      // suppressed: the count itself is sensitive
  secondary,    // suppressed: needed so that a sensitive count cannot be derived
  unpublished,  // not part of the release (see CountTable::set_published)
};

enum class SuppressionReason {
  none,            // shown
  small_count,     // primary: 0 < count < threshold
  sensitive_zero,  // primary: count == 0 and zeros_sensitive
  protects_cell,   // secondary: see ProtectedTable::protects
  last_resort,     // secondary: the heuristic failed its own audit, so every
                   // published cell was suppressed (never seen in tests)
  unpublished,
};

// How much a secondary suppression costs; the heuristic minimises the total.
enum class SuppressionCost {
  count_plus_one,  // prefer small cells (and so interior cells over margins)
  unit,            // prefer few suppressed cells
};

enum class AuditMethod {
  automatic,  // network flows for two-way tables with flat dimensions, else LP
  linear_programming,
};

struct DisclosureOptions {
  std::int64_t threshold = 5;  // counts 1..threshold-1 are sensitive; >= 1
  // Zeros describe nobody and are shown by default. A shown zero can still
  // reveal something about a group (a row of 0s beside one non-zero cell says
  // that everyone in that row shares the attribute); set this to treat 0 as
  // sensitive too.
  bool zeros_sensitive = false;

  // The protection rule, checked by the audit. For every suppressed cell:
  //   upper - lower >= min_width                  (not exactly recomputable)
  // and additionally for every primary cell:
  //   upper >= threshold   if upper_protection    (could be a publishable count)
  //   lower == 0           if lower_protection    (could be empty)
  std::int64_t min_width = 1;
  bool upper_protection = true;
  bool lower_protection = false;

  SuppressionCost cost = SuppressionCost::count_plus_one;
  AuditMethod method = AuditMethod::automatic;
  // Tables audited by LP (see AuditMethod) with more cells than this choose
  // secondary cells by hypercubes instead of a protection LP over the whole
  // table, whose dense tableau grows with the square of the table.
  std::size_t lp_protection_cells = 3000;
};

// The audit of one suppressed cell (primary or secondary).
struct CellAudit {
  std::size_t cell = 0;
  CellStatus status = CellStatus::primary;
  std::int64_t lower = 0;
  std::optional<std::int64_t> upper;  // nullopt: no upper bound
  bool ok = false;                    // meets the protection rule
  bool exactly_determined() const { return upper && *upper == lower; }
};

struct AuditReport {
  bool ok = true;  // every suppressed cell meets the protection rule
  // true: the bounds are exact for integer counts (two-way tables with flat
  // dimensions: network flows). false: bounds of the linear-programming
  // relaxation (tables with three or more dimensions or hierarchies), rounded
  // inwards to integers; an attacker solving the integer problem could in rare
  // cases get narrower bounds.
  bool integer_exact = true;
  std::vector<CellAudit> cells;  // one per suppressed cell, by cell number
  std::size_t failures() const;
  const CellAudit* find(std::size_t cell) const;
};

// Primary suppression only (shown / primary / unpublished). On its own it is
// NOT safe to release: see audit().
std::vector<CellStatus> primary_suppression(const CountTable& table,
                                            const DisclosureOptions& options = {});

// The intervals that an attacker can derive for each suppressed cell from the
// shown cells and the table's additivity, and whether they meet the protection
// rule. status has one entry per cell; secondary cells must meet only the width
// rule. Throws std::invalid_argument for a wrong-sized status vector, a shown
// cell that is not published, or bad options.
AuditReport audit(const CountTable& table, const std::vector<CellStatus>& status,
                  const DisclosureOptions& options = {});

struct ProtectedTable {
  CountTable table;
  std::vector<CellStatus> status;
  std::vector<SuppressionReason> reason;
  // For a secondary cell: the suppressed cell whose protection required it.
  std::vector<std::optional<std::size_t>> protects;
  AuditReport audit;  // of the final pattern; always ok

  // The published value, or nullopt for a suppressed cell. Throws
  // std::invalid_argument for an unpublished cell, which must not be output.
  std::optional<std::int64_t> released(std::size_t cell) const;
  // The value as text, or kSuppressedMark.
  std::string render(std::size_t cell) const;
  std::size_t count(CellStatus s) const;
};

// Primary suppression, then secondary suppression until the audit passes.
// Deterministic: the same table and options always give the same result.
ProtectedTable protect_table(const CountTable& table, const DisclosureOptions& options = {});

}  // namespace vaksam::privacy
