#include "server/param_check.h"

#include <algorithm>
#include <charconv>

#include "server/api_error.h"

namespace vaksam::server {

namespace {

bool is_allowed(const Param& p, const std::string& v) {
  return p.allowed.empty() || std::find(p.allowed.begin(), p.allowed.end(), v) != p.allowed.end();
}

// Control characters have no business in a parameter; refusing them early keeps
// them out of logs and the audit trail.
bool printable(const std::string& v) {
  return std::none_of(v.begin(), v.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

void check_value(const Param& p, const std::string& v) {
  const std::string what = p.name;
  if (v.size() > p.max_length || !printable(v)) throw ApiError("invalid_parameter", what);
  switch (p.type) {
    case ParamType::string:
      if (v.empty() || !is_allowed(p, v)) throw ApiError("invalid_parameter", what);
      break;
    case ParamType::string_list: {
      QueryValues q;
      q.set(p.name, v);
      const auto items = q.list(p.name);
      if (items.empty()) throw ApiError("invalid_parameter", what);
      for (const auto& item : items)
        if (!is_allowed(p, item)) throw ApiError("invalid_parameter", what);
      break;
    }
    case ParamType::integer: {
      int64_t n = 0;
      const auto r = std::from_chars(v.data(), v.data() + v.size(), n);
      if (r.ec != std::errc() || r.ptr != v.data() + v.size() || n < p.min || n > p.max)
        throw ApiError("invalid_parameter", what);
      break;
    }
    case ParamType::boolean:
      if (v != "true" && v != "false") throw ApiError("invalid_parameter", what);
      break;
    case ParamType::date:
      if (!is_iso_date(v)) throw ApiError("invalid_parameter", what);
      break;
    case ParamType::timestamp: {
      const bool time_ok = v.size() == 20 && v[10] == 'T' && v[13] == ':' && v[16] == ':' && v[19] == 'Z' &&
                           std::all_of(v.begin() + 11, v.begin() + 19, [](char c) { return c == ':' || (c >= '0' && c <= '9'); });
      if (!is_iso_date(v.substr(0, 10)) || (v.size() != 10 && !time_ok)) throw ApiError("invalid_parameter", what);
      break;
    }
  }
}

}  // namespace

bool is_iso_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  const int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

QueryValues check_params(const std::vector<Param>& declared, const std::multimap<std::string, std::string>& query,
                         const std::map<std::string, std::string>& path) {
  QueryValues out;
  for (const auto& [name, value] : query) {
    auto it = std::find_if(declared.begin(), declared.end(),
                           [&](const Param& p) { return p.in == ParamIn::query && p.name == name; });
    // An unknown parameter is refused rather than ignored: a misspelt filter must
    // not silently return everything.
    if (it == declared.end()) throw ApiError("invalid_parameter", "unknown parameter");
    if (query.count(name) > 1) throw ApiError("invalid_parameter", name);
    check_value(*it, value);
    out.set(name, value);
  }
  for (const auto& p : declared) {
    if (p.in == ParamIn::path) {
      auto it = path.find(p.name);
      if (it == path.end()) throw ApiError("invalid_parameter", p.name);
      check_value(p, it->second);
      out.set(p.name, it->second);
    } else if (!out.has(p.name)) {
      if (p.required) throw ApiError("invalid_parameter", p.name);
      if (!p.default_value.empty()) out.set(p.name, p.default_value);
    }
  }
  return out;
}

}  // namespace vaksam::server
