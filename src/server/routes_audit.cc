// The audit trail, for the auditor: filtered and paged, and the chain's check.
// Reading the trail shows who saw whose data, so it is itself recorded.
#include "server/route_helpers.h"
#include "server/routes.h"
#include "server/server_context.h"

namespace vaksam::server {

namespace {

Reply entries(Call& call) {
  store::AuditFilter f;
  f.actor = call.query.text("actor");
  f.action = call.query.text("action");
  f.object_type = call.query.text("object_type");
  f.object_id = call.query.text("object_id");
  f.since = call.query.text("since");
  f.until = call.query.text("until");
  f.limit = static_cast<size_t>(call.query.integer("limit", 100));
  f.offset = static_cast<size_t>(call.query.integer("offset"));
  call.server.audit(call.db, call.actor(), "read_audit_trail", "audit_trail", "",
                    "route=" + call.route_label() + " actor=" + f.actor + " action=" + f.action + " object=" +
                        f.object_type + ":" + f.object_id + " since=" + f.since + " until=" + f.until);
  const int64_t total = call.db.store->count_audit(f);
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& e : call.db.store->audit_entries(f))
    rows.push_back({{"seq", e.seq}, {"at", e.at}, {"actor", e.actor}, {"action", e.action},
                    {"object_type", e.object_type}, {"object_id", e.object_id}, {"origin", e.origin},
                    {"details", e.details}});
  return Reply{200, {{"paging", paging_json(total, f.limit, f.offset)}, {"entries", rows}}, {}};
}

Reply verify(Call& call) {
  const auto check = call.db.audit->verify();
  call.server.audit(call.db, call.actor(), "verify_audit_trail", "audit_trail", "",
                    std::string("route=") + call.route_label() + (check.ok ? " intact" : " NOT intact"));
  return Reply{200, {{"intact", check.ok}, {"entries", check.entries}, {"problem", check.problem}}, {}};
}

Param text_param(const char* name, const char* description) {
  Param p{name, ParamIn::query, ParamType::string, description};
  p.max_length = 200;
  return p;
}

}  // namespace

void add_audit_routes(RouteRegistry& registry) {
  Route list;
  list.method = "GET";
  list.path = "/api/audit";
  list.summary = "Audit trail entries in order, filtered by who, action, object and time (reading is audited)";
  list.tag = "audit";
  list.access = Access::audit_trail;
  list.params = {text_param("actor", "user"),
                 text_param("action", "e.g. read_case_text, import, access_refused"),
                 text_param("object_type", "e.g. case, batch, user"),
                 text_param("object_id", "e.g. a case id"),
                 {"since", ParamIn::query, ParamType::timestamp, "from (UTC), YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ"},
                 {"until", ParamIn::query, ParamType::timestamp, "to (UTC), inclusive"}};
  Param limit{"limit", ParamIn::query, ParamType::integer, "how many entries (1..1000)"};
  limit.min = 1;
  limit.max = 1000;
  limit.default_value = "100";
  Param offset{"offset", ParamIn::query, ParamType::integer, "entries to skip"};
  offset.default_value = "0";
  list.params.push_back(limit);
  list.params.push_back(offset);
  list.response_schema = object_with({{"paging", {{"type", "object"}}}, {"entries", array_of({{"type", "object"}})}});
  list.handler = entries;
  registry.add(std::move(list));

  Route check;
  check.method = "GET";
  check.path = "/api/audit/verify";
  check.summary = "Check the audit trail's MAC chain and anchor; names the first altered, removed or reordered entry";
  check.tag = "audit";
  check.access = Access::audit_trail;
  check.response_schema = object_with({{"intact", {{"type", "boolean"}}}, {"entries", {{"type", "integer"}}},
                                       {"problem", {{"type", "string"}}}});
  check.handler = verify;
  registry.add(std::move(check));
}

}  // namespace vaksam::server
