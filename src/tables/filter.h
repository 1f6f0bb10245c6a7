// Which cases a table counts: "kind=lex_sarah", "violence=yes", "sex=female,male",
// "from=2023-01-01", "to=2024-12-31", or any dimension (axis.h) = one or more of
// its codes. All filters must hold.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "facts/dataset.h"
#include "tables/axis.h"

namespace vaksam::tables {

struct Filter {
  std::string key;                  // a dimension name, "violence", "from" or "to"
  std::vector<std::string> values;  // any of these
};

// Parses "key=value[,value...]"; throws std::invalid_argument with the reason.
Filter parse_filter(std::string_view text);

// "kind=lex_sarah, violence=yes": for the output.
std::string describe(const std::vector<Filter>& filters);

// The cases that pass every filter, in case order, and the months they span.
// Throws std::invalid_argument for an unknown key or value, naming the valid ones;
// "violence" needs screened cases (a clear message says to run `vaksam screen`).
struct Selection {
  std::vector<uint32_t> cases;
  MonthRange months;   // of the selected cases' received dates
  // The period observed, for person-time: exactly from..to (by month) where the
  // filters give them, otherwise whole calendar years from the first selected
  // case's year to the last's. Empty when no case is selected and no from/to.
  MonthRange observed;
  size_t screened = 0; // how many of all cases have a screening
};
Selection select_cases(const facts::Dataset& d, const std::vector<Filter>& filters);

}  // namespace vaksam::tables
