// Follow-up of deficiencies: the queue (overdue, due soon, recurring, other open, each
// with a suggested next step and why) and a status change made by a user, checked against
// the lifecycle and audited in the same transaction. docs/followup.md.
#include "common/date.h"
#include "facts/dataset.h"
#include "followup/queue.h"
#include "followup/status_change.h"
#include "server/api_error.h"
#include "server/json_schema.h"
#include "server/route_helpers.h"
#include "server/routes.h"
#include "server/server_context.h"

namespace vaksam::server {

namespace {

const std::vector<std::string> kStatuses = {"open", "account_received", "accepted", "verified", "not_accepted",
                                            "escalated"};

nlohmann::json or_null(uint32_t index, const std::string& value) {
  return index != facts::kNone ? nlohmann::json(value) : nlohmann::json(nullptr);
}

Reply queue(Call& call) {
  const facts::Dataset data = facts::load_dataset(*call.db.store);
  const facts::Day day =
      facts::to_day(call.query.has("as_of") ? call.query.text("as_of") : today().iso());
  followup::QueueOptions o;
  o.due_soon_days = static_cast<int>(call.query.integer("due_soon_days", 30));
  const std::string bucket = call.query.text("bucket");
  const auto items = followup::build_queue(data, day, o);
  nlohmann::json out = nlohmann::json::array();
  nlohmann::json counts = {{"overdue", 0}, {"due_soon", 0}, {"recurring", 0}, {"open", 0}};
  for (const auto& q : items) {
    const std::string b(followup::bucket_name(q.bucket));
    counts[b] = counts[b].get<int64_t>() + 1;
    if (!bucket.empty() && b != bucket) continue;
    const auto& x = data.deficiencies[q.deficiency];
    const auto& insp = data.inspections[x.inspection];
    out.push_back({{"deficiency_id", x.id},
                   {"inspection_id", insp.id},
                   {"unit_id", or_null(insp.unit, insp.unit != facts::kNone ? data.units[insp.unit].id : "")},
                   {"unit_name", or_null(insp.unit, insp.unit != facts::kNone ? data.units[insp.unit].name : "")},
                   {"principal_id",
                    or_null(insp.principal, insp.principal != facts::kNone ? data.principals[insp.principal].id : "")},
                   {"category", x.category == facts::kNoCode ? "" : facts::code_at("deficiency_categories", x.category)},
                   {"legal_basis", x.legal_basis},
                   {"required_action", x.required_action},
                   {"deadline", x.deadline == facts::kNoDay ? nlohmann::json(nullptr) : nlohmann::json(facts::day_iso(x.deadline))},
                   {"status", q.status},
                   {"status_date", facts::day_iso(q.status_date)},
                   {"bucket", b},
                   {"recurrences", q.recurrences},
                   {"next_step", q.next_step},
                   {"reason", q.reason}});
  }
  return Reply{200, {{"as_of", facts::day_iso(day)}, {"counts", counts}, {"deficiencies", out}}, {}};
}

Reply change_status(Call& call) {
  if (!call.permissions().risk_and_followup) throw ApiError("forbidden");
  const std::string id = call.query.text("deficiency_id");
  followup::StatusRequest request{call.body["status"], call.body["status_date"], call.body.value("deadline", "")};
  const std::string note = call.body.value("note", "");
  const std::string who = call.who().user;
  followup::DeficiencyState before;
  try {
    call.server.write(call.db, [&](store::Store& s, audit::AuditLog& log) {
      before = followup::change_status(s, id, request, who, note, today().iso());
      log.record(call.actor(), "deficiency_status", "deficiency", id,
                 before.status + " -> " + request.status + " on " + request.status_date +
                     (request.deadline.empty() ? "" : " deadline=" + request.deadline) +
                     " route=" + call.route_label());
    });
  } catch (const followup::StatusRefused& e) {
    if (e.why() == followup::StatusRefused::Why::not_found) throw ApiError("deficiency_not_found");
    throw ApiError("status_change_refused", e.what());
  }
  call.server.refresh_soon();  // profiles list the deficiency's status
  return Reply{200,
               {{"deficiency_id", id},
                {"previous_status", before.status},
                {"status", request.status},
                {"status_date", request.status_date},
                {"deadline", request.deadline.empty() ? (before.deadline.empty() ? nlohmann::json(nullptr)
                                                                                 : nlohmann::json(before.deadline))
                                                      : nlohmann::json(request.deadline)},
                {"changed_by", who}},
               {}};
}

}  // namespace

void add_followup_routes(RouteRegistry& registry) {
  Route q;
  q.method = "GET";
  q.path = "/api/followup/queue";
  q.summary = "The follow-up queue: deficiencies overdue, due soon, recurring (same principal and category at two "
              "or more inspections) or otherwise open, each with a suggested next step and the reason";
  q.tag = "followup";
  q.access = Access::risk;
  Param bucket{"bucket", ParamIn::query, ParamType::string, "only this bucket"};
  bucket.allowed = {"overdue", "due_soon", "recurring", "open"};
  Param soon{"due_soon_days", ParamIn::query, ParamType::integer, "a deadline within this many days is due soon"};
  soon.min = 1;
  soon.max = 365;
  soon.default_value = "30";
  q.params = {bucket, soon, {"as_of", ParamIn::query, ParamType::date, "the day the queue is for (default today)"}};
  q.response_schema = object_with(
      {{"as_of", {{"type", "string"}}},
       {"deficiencies", array_of(object_with({{"deficiency_id", {{"type", "string"}}},
                                              {"unit_id", {{"type", "string"}, {"nullable", true}}},
                                              {"category", {{"type", "string"}}},
                                              {"status", {{"type", "string"}}},
                                              {"bucket", {{"type", "string"}}},
                                              {"next_step", {{"type", "string"}}},
                                              {"reason", {{"type", "string"}}}}))}});
  q.handler = queue;
  registry.add(std::move(q));

  Route s;
  s.method = "POST";
  s.path = "/api/followup/deficiencies/{deficiency_id}/status";
  s.summary = "Record a status change of a deficiency (open → account_received → accepted → verified, or → "
              "not_accepted → escalated); transitions out of order, dates before the decision and deadlines before "
              "the decision are refused (needs write and follow-up permissions)";
  s.tag = "followup";
  s.access = Access::write;
  s.writes = true;
  Param id{"deficiency_id", ParamIn::path, ParamType::string, "the deficiency"};
  id.max_length = 100;
  s.params = {id};
  s.request_schema = object_schema({{"status", string_schema(40, 1, kStatuses)},
                                    {"status_date", string_schema(10, 10)},
                                    {"deadline", string_schema(10, 10)},
                                    {"note", string_schema(2000)}},
                                   {"status", "status_date"});
  s.response_schema = object_with({{"deficiency_id", {{"type", "string"}}}, {"status", {{"type", "string"}}}});
  s.handler = change_status;
  registry.add(std::move(s));
}

}  // namespace vaksam::server
