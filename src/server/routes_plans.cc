// Inspection plans: list the stored plans, make one (from the latest risk run or a fresh
// ranking, the follow-up queue, a capacity and a random share drawn by lot), and read one
// with its items. docs/followup.md.
#include "common/date.h"
#include "facts/dataset.h"
#include "followup/plan_builder.h"
#include "followup/plan_export.h"
#include "server/api_error.h"
#include "server/json_schema.h"
#include "server/route_helpers.h"
#include "server/routes.h"
#include "server/server_context.h"

namespace vaksam::server {

namespace {

nlohmann::json plan_summary(const store::PlanRecord& p) {
  return {{"plan_id", p.plan_id},   {"created_at", p.created_at}, {"created_by", p.created_by},
          {"level", p.level},       {"as_of", p.as_of},           {"capacity", p.capacity},
          {"random_share", p.random_share}, {"seed", p.seed}};
}

Reply list_plans(Call& call) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : call.db.store->plans()) out.push_back(plan_summary(p));
  return Reply{200, {{"plans", out}}, {}};
}

Reply one_plan(Call& call) {
  const int64_t id = call.query.integer("plan_id");
  const auto plan = call.db.store->plan(id);
  if (!plan) throw ApiError("plan_not_found");
  return Reply{200, nlohmann::json::parse(followup::plan_json(*plan, call.db.store->plan_items(id)).dump()), {}};
}

Reply create_plan(Call& call) {
  if (!call.permissions().risk_and_followup) throw ApiError("forbidden");
  followup::PlanRequest r;
  r.options.capacity = static_cast<size_t>(call.body["capacity"].get<int64_t>());
  r.options.random_share = call.body["random_share"].get<double>();
  r.options.follow_up_share = call.body.value("follow_up_share", 0.15);
  r.options.seed = static_cast<uint64_t>(call.body.value("seed", int64_t{1}));
  r.level = call.body.value("level", std::string("unit"));
  r.fresh = call.body.value("fresh", false);
  const facts::Dataset data = facts::load_dataset(*call.db.store);
  followup::BuiltPlan plan;
  try {
    plan = followup::build_plan(*call.db.store, data, r, facts::to_day(today().iso()), call.who().user);
  } catch (const followup::PlanRefused& e) {
    throw ApiError("plan_refused", e.what());
  }
  plan.record.plan_id = call.server.write(call.db, [&](store::Store& s, audit::AuditLog& log) {
    const int64_t id = s.save_plan(plan.record, plan.items);
    log.record(call.actor(), "plan_create", "inspection_plan", std::to_string(id),
               "level=" + plan.record.level + " capacity=" + std::to_string(plan.record.capacity) +
                   " random_share=" + std::to_string(plan.record.random_share) + " seed=" +
                   std::to_string(plan.record.seed) + " route=" + call.route_label());
    return id;
  });
  const auto stored = call.db.store->plan(plan.record.plan_id);
  return Reply{201, nlohmann::json::parse(followup::plan_json(*stored, plan.items).dump()), {}};
}

}  // namespace

void add_plan_routes(RouteRegistry& registry) {
  Route list;
  list.method = "GET";
  list.path = "/api/plans";
  list.summary = "The stored inspection plans, newest first";
  list.tag = "plans";
  list.access = Access::risk;
  list.response_schema = object_with({{"plans", array_of(object_with({{"plan_id", {{"type", "integer"}}},
                                                                      {"capacity", {{"type", "integer"}}},
                                                                      {"random_share", {{"type", "number"}}}}))}});
  list.handler = list_plans;
  registry.add(std::move(list));

  Route one;
  one.method = "GET";
  one.path = "/api/plans/{plan_id}";
  one.summary = "One plan with its items: who, selected how (priority, random, follow_up), why";
  one.tag = "plans";
  one.access = Access::risk;
  Param id{"plan_id", ParamIn::path, ParamType::integer, "the plan"};
  id.min = 1;
  one.params = {id};
  one.response_schema = object_with({{"plan_id", {{"type", "integer"}}}, {"items", array_of({{"type", "object"}})}});
  one.handler = one_plan;
  registry.add(std::move(one));

  Route create;
  create.method = "POST";
  create.path = "/api/plans";
  create.summary = "Make and store a plan: capacity inspections, a random share drawn by lot independently of risk "
                   "(seeded), follow-ups from the queue, the rest by rank (needs write and follow-up permissions)";
  create.tag = "plans";
  create.access = Access::write;
  create.writes = true;
  create.success_status = 201;
  nlohmann::json capacity = {{"type", "integer"}, {"minimum", 1}, {"maximum", 100000}};
  nlohmann::json share = {{"type", "number"}, {"minimum", 0}, {"maximum", 1}};
  nlohmann::json seed = {{"type", "integer"}, {"minimum", 0}, {"maximum", int64_t{1} << 53}};
  create.request_schema = object_schema({{"capacity", capacity},
                                         {"random_share", share},
                                         {"follow_up_share", share},
                                         {"seed", seed},
                                         {"level", string_schema(20, 1, {"unit", "principal"})},
                                         {"fresh", {{"type", "boolean"}}}},
                                        {"capacity", "random_share"});
  create.response_schema = object_with({{"plan_id", {{"type", "integer"}}},
                                        {"items", array_of(object_with({{"id", {{"type", "string"}}},
                                                                        {"selection", {{"type", "string"}}},
                                                                        {"reason", {{"type", "string"}}}}))}});
  create.handler = create_plan;
  registry.add(std::move(create));
}

}  // namespace vaksam::server
