// UTC timestamps as the store keeps them ("2026-01-15T10:00:00Z"): ISO 8601 strings
// compare in time order, so expiry checks are string comparisons in SQL and C++.
#pragma once

#include <ctime>
#include <string>

namespace vaksam::server {

std::string iso_utc(std::time_t t);
std::time_t now_utc();

}  // namespace vaksam::server
