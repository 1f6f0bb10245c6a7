// `;`-separated CSV with decimal commas, as Swedish Excel reads it. Lines that
// start with "#" carry the title and notes. A suppressed count is written as
// ".." and its rate columns are left empty; so is any value that does not exist.
#pragma once

#include <optional>
#include <string>

#include "tables/compare.h"
#include "tables/table.h"
#include "tables/trend.h"

namespace vaksam::tables {

std::string to_csv(const TableResult& t);
std::string to_csv(const RateComparison& c);
std::string to_csv(const ProportionComparison& c);
std::string to_csv(const IndependenceTest& t);
std::string to_csv(const TrendResult& t);

// A finite number with `decimals` decimals and a decimal comma, or "".
std::string csv_number(double v, int decimals);
std::string csv_number(const std::optional<double>& v, int decimals);

}  // namespace vaksam::tables
