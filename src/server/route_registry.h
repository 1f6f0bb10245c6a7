// The routes of the API: added once at start-up, matched per request. Patterns are
// literal segments and {name} placeholders (one segment each); nothing else, so
// matching is exact and cannot be tricked by regular-expression syntax.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "server/route.h"

namespace vaksam::server {

class RouteRegistry {
 public:
  // Throws std::logic_error for a duplicate method and path, a malformed pattern,
  // or a {placeholder} without a declared path parameter: a bug, caught at start-up.
  void add(Route route);

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> path_params;
  };
  // The route for method and path; nullopt if none. `path_known` tells whether the
  // path exists with another method (405 rather than 404).
  std::optional<Match> match(const std::string& method, const std::string& path, bool* path_known = nullptr) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// Splits "/a/b/c" into {"a","b","c"}; an empty segment (e.g. "//") yields "".
std::vector<std::string> split_path(const std::string& path);

}  // namespace vaksam::server
