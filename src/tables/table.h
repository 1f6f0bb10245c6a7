// A statistics table: counts of cases (and rates per population) by any
// combination of dimensions, always split by sex unless removed on purpose,
// released only through disclosure control (privacy/disclosure.h). Pure: a
// Dataset in, a TableResult out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "facts/dataset.h"
#include "privacy/disclosure.h"
#include "tables/axis.h"
#include "tables/denominator.h"
#include "tables/filter.h"
#include "tables/population.h"

namespace vaksam::tables {

struct TableSpec {
  std::vector<std::string> dimensions;  // e.g. {"sex", "year"}; "sex" is added first if missing
  std::vector<Filter> filters;
  bool no_sex = false;                  // sex removed on purpose (said in the notes)
  DenominatorSpec denominator;
  privacy::DisclosureOptions disclosure;
  std::string title_sv, title_en;
};

inline constexpr int kTotal = -1;  // a cell's code on a dimension's total

struct TableCell {
  std::vector<int> codes;            // per dimension: kTotal or a category index
  std::optional<int64_t> count;      // nullopt: suppressed
  // Set only for published cells with a denominator: never for suppressed cells.
  std::optional<double> person_years, rate, rate_lower, rate_upper;
  bool suppressed() const { return !count.has_value(); }
};

struct TableResult {
  std::string title_sv, title_en;
  std::string filters;  // as given, e.g. "case_kind=lex_sarah, violence=yes"
  std::vector<Axis> axes;
  std::vector<char> has_total;  // per axis: a total is published (not for multi-valued axes)
  std::vector<TableCell> cells;
  bool sex_included = true;
  bool rates = false;           // rates and intervals are given for published cells
  std::string rate_unit_sv, rate_unit_en;  // e.g. "per 100 000 personår (befolkningen)"
  MonthRange months;
  size_t cases_selected = 0;
  size_t primary = 0, secondary = 0;  // suppressed cells by kind (never shown which is which)
  bool all_suppressed = false;        // every non-zero cell is suppressed
  std::vector<std::string> notes;     // English; method, population source, caveats

  // The cell with these category codes per dimension ("" or "total" = the total);
  // nullptr if there is none.
  const TableCell* find(const std::vector<std::string>& codes) const;
  // "Kvinna/flicka × 2024" style label of a cell (Swedish) or English.
  std::string label(const TableCell& c, bool english = false) const;
};

// Builds, protects and annotates the table. Throws std::invalid_argument for an
// unknown dimension or filter (the message names the valid ones), a dimension
// given twice, or a table too large to protect in reasonable time.
TableResult build_table(const facts::Dataset& d, const TableSpec& spec, const Population& population);

// The largest table (cells including margins) build_table accepts.
inline constexpr size_t kMaxTableCells = 20000;

}  // namespace vaksam::tables
