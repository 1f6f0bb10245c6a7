#include "server/route_registry.h"

#include <stdexcept>

namespace vaksam::server {

namespace {

bool is_placeholder(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  size_t start = path.empty() || path[0] != '/' ? 0 : 1;
  if (path.size() <= start) return out;
  for (;;) {
    size_t slash = path.find('/', start);
    out.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

void RouteRegistry::add(Route route) {
  if (route.path.empty() || route.path[0] != '/') throw std::logic_error("route path must start with /: " + route.path);
  for (const auto& r : routes_)
    if (r.method == route.method && r.path == route.path)
      throw std::logic_error("route registered twice: " + route.method + " " + route.path);
  for (const auto& segment : split_path(route.path)) {
    if (segment.empty()) throw std::logic_error("empty segment in " + route.path);
    if (!is_placeholder(segment)) continue;
    const std::string name = segment.substr(1, segment.size() - 2);
    bool declared = false;
    for (const auto& p : route.params) declared |= p.in == ParamIn::path && p.name == name;
    if (!declared) throw std::logic_error("path parameter {" + name + "} not declared in " + route.path);
  }
  if (!route.handler) throw std::logic_error("route without handler: " + route.path);
  routes_.push_back(std::move(route));
}

std::optional<RouteRegistry::Match> RouteRegistry::match(const std::string& method, const std::string& path,
                                                         bool* path_known) const {
  if (path_known) *path_known = false;
  const auto segments = split_path(path);
  std::optional<Match> best;
  size_t best_placeholders = 0;
  for (const auto& r : routes_) {
    const auto pattern = split_path(r.path);
    if (pattern.size() != segments.size()) continue;
    Match m{&r, {}};
    bool ok = true;
    size_t placeholders = 0;
    for (size_t i = 0; ok && i < pattern.size(); ++i) {
      if (is_placeholder(pattern[i])) {
        ++placeholders;
        if (segments[i].empty()) ok = false;
        else m.path_params[pattern[i].substr(1, pattern[i].size() - 2)] = segments[i];
      } else {
        ok = pattern[i] == segments[i];
      }
    }
    if (!ok) continue;
    if (r.method != method) {
      if (path_known) *path_known = true;
      continue;
    }
    // A literal segment beats a placeholder: /api/cases/triage is not case "triage".
    if (!best || placeholders < best_placeholders) {
      best = std::move(m);
      best_placeholders = placeholders;
    }
  }
  if (best && path_known) *path_known = false;
  return best;
}

}  // namespace vaksam::server
