// The dimensions a statistics table can be split by, and how each case maps onto
// them. An Axis is one dimension resolved against a Dataset: its categories (code,
// Swedish and English label) and, per case, the category or categories it falls in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "facts/dataset.h"

namespace vaksam::tables {

enum class Dim {
  sex,
  age_band,
  vulnerability,     // multi-valued: every marker a case has
  vulnerability_one, // one marker as yes/no, e.g. "vulnerability:disability"
  case_kind,
  category,          // multi-valued: the violence forms screening found
  unit_type,
  principal,
  municipality,
  region,
  year,
  quarter,
  month,
};

struct Category {
  std::string code, sv, en;
};

// The period a table covers, as running month numbers (facts::month_index).
struct MonthRange {
  int first = 0, last = -1;
  bool empty() const { return last < first; }
};

struct Axis {
  Dim dim = Dim::sex;
  std::string name;       // as the user wrote it, e.g. "sex", "vulnerability:disability"
  std::string sv, en;     // the dimension's label
  std::string marker;     // vulnerability_one: the marker's code
  std::vector<Category> categories;
  // Multi-valued: a case may fall in several categories (or none), so the
  // categories do not add up to a total and none is published.
  bool multi_valued = false;
  // The population the table's rates are per is split by this dimension
  // (sex, age, area, period); other dimensions split the events only.
  bool splits_population = false;
  int period_origin = 0;  // year, quarter or month number of the first period category

  // Appends the category indices of case i to out.
  void values(const facts::Dataset& d, size_t i, std::vector<int>& out) const;
};

// Every name make_axis accepts, for messages and --help.
const std::vector<std::string>& axis_names();

// Resolves a dimension by name over the cases in `months` (periods are
// enumerated over that range; municipalities and regions are always all of
// Sweden's, so totals cover the whole population). Throws std::invalid_argument
// naming the valid dimensions for an unknown name.
// `selected` are the cases the table counts: an "unknown" category is added to a
// single-valued dimension only when one of them lacks the value.
Axis make_axis(std::string_view name, const facts::Dataset& d, MonthRange months,
               const std::vector<uint32_t>& selected);

// The "unknown" category label used for missing values.
inline constexpr std::string_view kUnknownCode = "unknown";

}  // namespace vaksam::tables
