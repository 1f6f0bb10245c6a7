// Users, for the administrator: list, create, disable, assign units to inspectors.
// Every change is audited; password hashes never leave the store.
#include "server/accounts.h"
#include "server/api_error.h"
#include "server/json_schema.h"
#include "server/route_helpers.h"
#include "server/routes.h"
#include "server/server_context.h"

namespace vaksam::server {

namespace {

std::vector<std::string> role_names() {
  std::vector<std::string> out;
  for (auto r : privacy::all_roles()) out.push_back(std::string(privacy::role_name(r)));
  return out;
}

Param user_param() {
  Param p{"name", ParamIn::path, ParamType::string, "the user"};
  p.max_length = 64;
  return p;
}

Reply list(Call& call) {
  call.server.audit(call.db, call.actor(), "read_users", "users", "", "route=" + call.route_label());
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& u : call.db.store->users())
    rows.push_back({{"name", u.name}, {"role", u.role}, {"disabled", u.disabled}, {"created_at", u.created_at},
                    {"created_by", u.created_by}, {"assigned_units", call.db.store->assigned_units(u.name)}});
  return Reply{200, {{"users", rows}}, {}};
}

Reply create(Call& call) {
  const std::string name = call.body["name"], role = call.body["role"], password = call.body["password"];
  call.server.write(call.db, [&](store::Store& s, audit::AuditLog& log) {
    create_account(s, name, role, password, call.who().user);
    log.record(call.actor(), "create_user", "user", name, "role=" + role + " route=" + call.route_label());
  });
  return Reply{201, {{"name", name}, {"role", role}, {"disabled", false}}, {}};
}

Reply disable(Call& call) {
  const std::string name = call.query.text("name");
  const int64_t ended = call.server.write(call.db, [&](store::Store& s, audit::AuditLog& log) {
    const int64_t n = disable_account(s, name);
    log.record(call.actor(), "disable_user", "user", name,
               std::to_string(n) + " sessions ended route=" + call.route_label());
    return n;
  });
  return Reply{200, {{"name", name}, {"disabled", true}, {"sessions_ended", ended}}, {}};
}

Reply assign(Call& call) {
  const std::string name = call.query.text("name"), unit = call.body["unit_id"];
  call.server.write(call.db, [&](store::Store& s, audit::AuditLog& log) {
    assign_unit(s, name, unit, call.who().user);
    log.record(call.actor(), "assign_unit", "user", name, "unit=" + unit + " route=" + call.route_label());
  });
  return Reply{201, {{"name", name}, {"assigned_units", call.db.store->assigned_units(name)}}, {}};
}

}  // namespace

void add_user_routes(RouteRegistry& registry) {
  Route get;
  get.method = "GET";
  get.path = "/api/users";
  get.summary = "Every account: name, role, disabled, assigned units";
  get.tag = "users";
  get.access = Access::administer;
  get.response_schema = object_with({{"users", array_of({{"type", "object"}})}});
  get.handler = list;
  registry.add(std::move(get));

  Route post;
  post.method = "POST";
  post.path = "/api/users";
  post.summary = "Create an account (password at least 12 characters, stored as an argon2id hash)";
  post.tag = "users";
  post.access = Access::administer;
  post.writes = true;
  post.success_status = 201;
  post.request_schema = object_schema(
      {{"name", string_schema(64, 1)}, {"role", string_schema(20, 1, role_names())}, {"password", string_schema(1024, 1)}},
      {"name", "role", "password"});
  post.response_schema = {{"type", "object"}};
  post.handler = create;
  registry.add(std::move(post));

  Route off;
  off.method = "POST";
  off.path = "/api/users/{name}/disable";
  off.summary = "Disable an account and end its sessions";
  off.tag = "users";
  off.access = Access::administer;
  off.writes = true;
  off.params = {user_param()};
  off.response_schema = {{"type", "object"}};
  off.handler = disable;
  registry.add(std::move(off));

  Route to;
  to.method = "POST";
  to.path = "/api/users/{name}/assignments";
  to.summary = "Assign a unit to an inspector: full texts of that unit's cases";
  to.tag = "users";
  to.access = Access::administer;
  to.writes = true;
  to.success_status = 201;
  to.params = {user_param()};
  to.request_schema = object_schema({{"unit_id", string_schema(64, 1)}}, {"unit_id"});
  to.response_schema = {{"type", "object"}};
  to.handler = assign;
  registry.add(std::move(to));
}

}  // namespace vaksam::server
