// Validates a request's path and query parameters against the route's declared
// ones: unknown parameters, wrong types, values outside an enumeration or range
// are refused with "invalid_parameter" naming the parameter. Pure.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "server/route.h"

namespace vaksam::server {

QueryValues check_params(const std::vector<Param>& declared, const std::multimap<std::string, std::string>& query,
                         const std::map<std::string, std::string>& path);

bool is_iso_date(const std::string& s);

}  // namespace vaksam::server
