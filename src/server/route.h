// A route: everything the server, the OpenAPI description and the role matrix
// need to know about one endpoint, declared in one place next to its handler.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "privacy/roles.h"
#include "server/access.h"
#include "server/http_types.h"

namespace vaksam::server {

class ServerContext;
struct Connection;

enum class ParamIn { path, query };
enum class ParamType {
  string,
  integer,
  boolean,      // "true" or "false"
  date,         // YYYY-MM-DD
  timestamp,    // YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)
  string_list,  // comma-separated
};

struct Param {
  std::string name;
  ParamIn in = ParamIn::query;
  ParamType type = ParamType::string;
  std::string description;
  bool required = false;
  std::vector<std::string> allowed;  // for string and string_list: the only accepted values
  int64_t min = 0, max = std::numeric_limits<int32_t>::max();  // for integer
  size_t max_length = 200;            // for strings
  std::string default_value;          // applied when absent; "" = none
};

// The usual paging parameters: limit (1..max_limit), offset, and sort over a whitelist.
std::vector<Param> paging_params(std::vector<std::string> sort_keys, std::string default_sort,
                                 int64_t default_limit = 50, int64_t max_limit = 500);

// Query values after validation against the route's declared parameters.
class QueryValues {
 public:
  void set(std::string name, std::string value) { values_[std::move(name)] = std::move(value); }
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::string text(const std::string& name) const;  // "" when absent
  int64_t integer(const std::string& name, int64_t fallback = 0) const;
  std::optional<bool> flag(const std::string& name) const;
  std::vector<std::string> list(const std::string& name) const;

 private:
  std::map<std::string, std::string> values_;
};

// Who is calling: a signed-in user (session cookie) or a system (API token).
struct Principal {
  std::string user;
  privacy::Role role = privacy::Role::viewer;
  bool via_token = false;
  std::string session_hash;  // for a session: its stored digest
  std::string csrf_hash;     // for a session: the digest of its CSRF token
};

class Route;

// What a handler gets: the validated request and the server's services.
struct Call {
  const HttpRequest& request;
  const Route& route;
  ServerContext& server;
  Connection& db;  // this request's store connection
  std::optional<Principal> principal;  // set unless the route is open
  std::map<std::string, std::string> path;
  QueryValues query;
  nlohmann::json body;  // the parsed JSON body, when the route takes one

  const Principal& who() const;  // throws "unauthenticated" if nobody signed in
  const privacy::Permissions& permissions() const;
  audit::Actor actor() const;  // user (or "anonymous") and client address
  std::string route_label() const;  // "GET /api/cases/{case_id}"
};

struct Reply {
  int status = 200;
  nlohmann::json body;  // null with 204
  std::vector<std::pair<std::string, std::string>> headers;
  // When not empty: the body, already serialised JSON (a cached answer), sent as is
  // instead of `body`.
  std::string raw_body;
};

// Route::max_body for a file upload: the limit the server was started with.
inline constexpr size_t kUploadLimit = std::numeric_limits<size_t>::max();

class Route {
 public:
  std::string method;  // GET, POST, DELETE
  std::string path;    // "/api/cases/{case_id}"
  std::string summary, tag;
  Access access = Access::signed_in;
  bool writes = false;  // changes the store (CSRF is required for session callers)
  std::vector<Param> params;
  nlohmann::json request_schema;     // JSON Schema subset (see json_schema.h); null: no JSON body
  bool multipart = false;            // the body is multipart/form-data (a file upload)
  size_t max_body = 64 * 1024;       // larger bodies get 413 before they are read
                                     // (kUploadLimit: the server's --max-upload-mb)
  int success_status = 200;
  nlohmann::json response_schema;    // for the OpenAPI description
  std::function<Reply(Call&)> handler;
};

}  // namespace vaksam::server
