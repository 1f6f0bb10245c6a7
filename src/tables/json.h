// JSON for the results of this module, for the CLI and the HTTP server. A
// suppressed count is null with "suppressed": true and "display": ".."; a value
// that does not exist (a rate without denominator, an unbounded limit) is null,
// never NaN or Infinity.
#pragma once

#include <nlohmann/json.hpp>

#include "tables/compare.h"
#include "tables/table.h"
#include "tables/trend.h"

namespace vaksam::tables {

nlohmann::ordered_json to_json(const TableResult& t);
nlohmann::ordered_json to_json(const RateComparison& c);
nlohmann::ordered_json to_json(const ProportionComparison& c);
nlohmann::ordered_json to_json(const IndependenceTest& t);
nlohmann::ordered_json to_json(const TrendResult& t);

// A finite number, or null.
nlohmann::ordered_json number(double v);
nlohmann::ordered_json number(const std::optional<double>& v);

}  // namespace vaksam::tables
