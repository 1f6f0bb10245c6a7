#include "server/route.h"

#include "server/api_error.h"

namespace vaksam::server {

std::vector<Param> paging_params(std::vector<std::string> sort_keys, std::string default_sort,
                                 int64_t default_limit, int64_t max_limit) {
  std::vector<Param> out;
  Param limit{"limit", ParamIn::query, ParamType::integer, "how many rows (1.." + std::to_string(max_limit) + ")"};
  limit.min = 1;
  limit.max = max_limit;
  limit.default_value = std::to_string(default_limit);
  out.push_back(limit);
  Param offset{"offset", ParamIn::query, ParamType::integer, "rows to skip"};
  offset.default_value = "0";
  out.push_back(offset);
  Param sort{"sort", ParamIn::query, ParamType::string, "sort order"};
  sort.allowed = std::move(sort_keys);
  sort.default_value = std::move(default_sort);
  out.push_back(sort);
  return out;
}

std::string QueryValues::text(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? "" : it->second;
}

int64_t QueryValues::integer(const std::string& name, int64_t fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : std::stoll(it->second);  // validated before
}

std::optional<bool> QueryValues::flag(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second == "true";
}

std::vector<std::string> QueryValues::list(const std::string& name) const {
  std::vector<std::string> out;
  const std::string v = text(name);
  size_t start = 0;
  while (start <= v.size() && !v.empty()) {
    size_t comma = v.find(',', start);
    if (comma == std::string::npos) comma = v.size();
    if (comma > start) out.push_back(v.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

const Principal& Call::who() const {
  if (!principal) throw ApiError("unauthenticated");
  return *principal;
}

const privacy::Permissions& Call::permissions() const { return privacy::permissions(who().role); }

audit::Actor Call::actor() const {
  return {principal ? principal->user : "anonymous", "http@" + request.remote_addr};
}

std::string Call::route_label() const { return route.method + " " + route.path; }

}  // namespace vaksam::server
