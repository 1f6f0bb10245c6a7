// Risk: the latest run's summary, the ranked list per level, one entity's profile
// (explanation, signals over time, deficiencies, evidence cases), funnel plots, and
// computing a new run. Rankings and funnels are about organisations and are served
// from a cache of the (immutable) run; a profile names the cases behind a score and
// every read of one is audited before it is sent.
#include <algorithm>
#include <mutex>
#include <set>

#include "common/date.h"
#include "facts/dataset.h"
#include "risk/engine.h"
#include "risk/funnel_report.h"
#include "risk/priority_model.h"
#include "risk/risk_json.h"
#include "server/analysis_snapshot.h"
#include "server/api_error.h"
#include "server/json_schema.h"
#include "server/route_helpers.h"
#include "server/routes.h"
#include "server/server_context.h"

namespace vaksam::server {

namespace {

const std::vector<std::string> kLevelNames = {"unit", "principal", "municipality", "region"};
constexpr int64_t kMaxRankingLimit = 10000;
constexpr size_t kMaxDeficiencies = 200;  // in a profile, newest deadline first
constexpr size_t kEvidenceTop = 1000;     // as `vaksam risk compute`: evidence kept for this many per level

Param level_param(ParamIn in) {
  Param p{"level", in, ParamType::string, "unit, principal, municipality or region"};
  p.allowed = kLevelNames;
  p.max_length = 20;
  if (in == ParamIn::query) p.default_value = "unit";
  else p.required = true;
  return p;
}

std::shared_ptr<RunSnapshot> require_run(Call& call) {
  auto run = call.server.analysis().run(*call.db.store);
  if (!run) throw ApiError("no_risk_run");
  return run;
}

std::shared_ptr<DataSnapshot> require_data(Call& call) {
  auto data = call.server.analysis().data(*call.db.store);
  if (data->data().cases.size() == 0) throw ApiError("no_data");
  return data;
}

Reply raw(std::string body, int status = 200) {
  Reply r;
  r.status = status;
  r.raw_body = std::move(body);
  return r;
}

// --- reads ---

Reply run_summary(Call& call) { return raw(require_run(call)->run_json()); }

Reply ranking(Call& call) {
  const auto run = require_run(call);
  const auto level = risk::level_from_name(call.query.text("level"));
  return raw(run->ranking(*call.db.store, level, call.query.integer("limit", 50), call.query.integer("offset"))->body);
}

// The profile answer (and the audit note): everything in it is fixed for a run and
// a data snapshot, so it is built once per entity. nullopt: no such entity.
std::optional<RunSnapshot::Answer> build_profile(Call& call, const RunSnapshot& run, DataSnapshot& data,
                                                 risk::Level level, const std::string& level_name,
                                                 const std::string& id) {
  const auto row = call.db.store->risk_score(run.run().run_id, level_name, id);
  if (!row) return std::nullopt;
  auto entity = nlohmann::ordered_json::parse(row->explanation_json);

  std::set<std::string> seen;
  auto evidence = nlohmann::ordered_json::array();
  for (const auto& c : entity.value("contributions", nlohmann::ordered_json::array()))
    for (const auto& id_json : c.value("cases", nlohmann::ordered_json::array()))
      if (seen.insert(id_json.get<std::string>()).second) evidence.push_back(id_json);

  // Signals a month; months from the alarm's start are marked.
  int alarm_from = std::numeric_limits<int>::max();
  const auto alarm = entity.value("alarm", nlohmann::ordered_json::object());
  if (alarm.value("in_force", false) && alarm.contains("since")) {
    const auto since = facts::to_day(alarm["since"].get<std::string>() + "-01");
    if (since != facts::kNoDay) alarm_from = facts::month_index(since);
  }
  auto series = nlohmann::ordered_json::array();
  if (data.as_of() != facts::kNoDay) {
    const auto* counts = data.signals(level, id);
    const int first = data.last_month() - kSeriesMonths + 1;
    for (int m = 0; m < kSeriesMonths; ++m)
      series.push_back({{"month", risk::month_label(first + m)},
                        {"signals", counts ? (*counts)[static_cast<size_t>(m)] : 0},
                        {"alarm", first + m >= alarm_from}});
  }

  auto deficiencies = nlohmann::ordered_json::array();
  const auto* defs = data.deficiencies(level, id);
  const size_t total = defs ? defs->size() : 0;
  for (size_t i = 0; i < std::min(total, kMaxDeficiencies); ++i) {
    const auto& d = data.data().deficiencies[(*defs)[i]];
    const auto& in = data.data().inspections[d.inspection];
    deficiencies.push_back({{"deficiency_id", d.id},
                            {"inspection_id", in.id},
                            {"unit_id", in.unit != facts::kNone ? nlohmann::ordered_json(data.data().units[in.unit].id)
                                                                 : nlohmann::ordered_json(nullptr)},
                            {"category", facts::code_at("deficiency_categories", d.category)},
                            {"deadline", facts::day_iso(d.deadline)},
                            {"status", facts::code_at("deficiency_statuses", d.status)},
                            {"status_date", facts::day_iso(d.status_date)}});
  }

  nlohmann::ordered_json out;
  out["run_id"] = run.run().run_id;
  out["as_of"] = run.run().as_of;
  out["model_version"] = run.run().model_version;
  out["level"] = level_name;
  const std::string note = " run=" + std::to_string(run.run().run_id) + " evidence_cases=" + std::to_string(evidence.size());
  out["entity"] = std::move(entity);
  out["evidence_cases"] = std::move(evidence);
  out["time_series"] = std::move(series);
  out["deficiencies"] = std::move(deficiencies);
  out["deficiencies_total"] = total;
  return RunSnapshot::Answer{out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), note};
}

Reply profile(Call& call) {
  const std::string level_name = call.query.text("level"), id = call.query.text("id");
  const auto level = risk::level_from_name(level_name);
  const auto run = require_run(call);
  const auto data = require_data(call);
  // An unknown entity throws out of the builder: nothing is cached for it.
  const auto answer = run->cached("profile|" + std::to_string(data->generation()) + "|" + level_name + "|" + id, [&] {
    auto built = build_profile(call, *run, *data, level, level_name, id);
    if (!built) throw ApiError("entity_not_found");
    return std::move(*built);
  });
  // Which cases are behind a score is about people: recorded (with the other reads
  // waiting at this moment, in one commit) before it is sent.
  call.server.audit(call.db, call.actor(), "read_risk_profile", level_name, id,
                    "route=" + call.route_label() + answer->note);
  return raw(answer->body);
}

Reply funnel(Call& call) {
  const auto level = risk::level_from_name(call.query.text("level"));
  const std::string indicator = call.query.text("indicator");
  try {
    risk::funnel_indicator(server_risk_model(), indicator);  // before loading anything
    return raw(*require_data(call)->funnel(indicator, level));
  } catch (const risk::FunnelError& e) {
    if (e.kind() == risk::FunnelError::Kind::unknown_indicator) throw ApiError("indicator_not_found", e.what());
    throw ApiError("no_funnel", e.what());
  }
}

// --- compute ---

Reply compute(Call& call) {
  static std::mutex one_at_a_time;  // a second request waits rather than doubling the load
  std::lock_guard running(one_at_a_time);
  const auto& model = server_risk_model();
  facts::Dataset data = facts::load_dataset(*call.db.store);
  if (data.cases.size() == 0) throw ApiError("no_data");
  facts::Day as_of = data.last_case;
  if (call.body.contains("as_of")) {
    as_of = facts::to_day(call.body["as_of"].get<std::string>());
    if (as_of == facts::kNoDay) throw ApiError("invalid_field", "as_of");
  }
  risk::RiskEngine engine(data, model);
  risk::ComputeOptions options;
  options.k = call.body.value("k", size_t{0});
  const auto result = engine.compute(as_of, options);
  // The run and its audit entry commit together: readers see the previous run until then.
  const int64_t run_id = call.server.write(call.db, [&](store::Store& s, audit::AuditLog& log) {
    const int64_t id = risk::save_run(s, engine, result, call.who().user, kEvidenceTop);
    log.record(call.actor(), "risk_compute", "risk_run", std::to_string(id),
               "as_of=" + facts::day_iso(result.as_of) + " fingerprint=" + result.fingerprint +
                   " route=" + call.route_label());
    return id;
  });
  call.server.analysis().forget();
  auto summary = risk::summary_json(result);
  summary["run_id"] = run_id;
  return raw(summary.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), 201);
}

}  // namespace

void add_risk_routes(RouteRegistry& registry) {
  Route run;
  run.method = "GET";
  run.path = "/api/risk/run";
  run.summary = "The latest risk run: when, as of which date, model, fingerprint, entities per level, and its "
                "summary (indicator names and types, priors, alarms in force and expected by chance, k per level)";
  run.tag = "risk";
  run.access = Access::risk;
  run.response_schema = object_with({{"run_id", {{"type", "integer"}}},
                                     {"as_of", {{"type", "string"}}},
                                     {"model_version", {{"type", "string"}}},
                                     {"fingerprint", {{"type", "string"}}},
                                     {"entities", {{"type", "object"}}},
                                     {"summary", {{"type", "object"}}}});
  run.handler = run_summary;
  registry.add(std::move(run));

  Route list;
  list.method = "GET";
  list.path = "/api/risk/ranking";
  list.summary = "The ranked list of one level in the latest run: each entity's explanation as `vaksam risk top "
                 "--json` prints it, without the case ids behind contributions (those are in the audited profile)";
  list.tag = "risk";
  list.access = Access::risk;
  Param limit{"limit", ParamIn::query, ParamType::integer, "how many (1..10000)"};
  limit.min = 1;
  limit.max = kMaxRankingLimit;
  limit.default_value = "50";
  Param offset{"offset", ParamIn::query, ParamType::integer, "how many to skip"};
  offset.default_value = "0";
  list.params = {level_param(ParamIn::query), limit, offset};
  list.response_schema = object_with({{"run_id", {{"type", "integer"}}},
                                      {"as_of", {{"type", "string"}}},
                                      {"model_version", {{"type", "string"}}},
                                      {"fingerprint", {{"type", "string"}}},
                                      {"level", {{"type", "string"}}},
                                      {"paging", {{"type", "object"}}},
                                      {"entities", array_of({{"type", "object"}})}});
  list.handler = ranking;
  registry.add(std::move(list));

  Route one;
  one.method = "GET";
  one.path = "/api/risk/entities/{level}/{id}";
  one.summary = "One entity's profile: its explanation in the latest run (with evidence case ids), linked violence "
                "signals a month for 36 months (alarm months marked) and its deficiencies (audited)";
  one.tag = "risk";
  one.access = Access::risk;
  Param id{"id", ParamIn::path, ParamType::string, "unit or principal id, municipality or region code"};
  id.required = true;
  id.max_length = 100;
  one.params = {level_param(ParamIn::path), id};
  one.response_schema = object_with({{"run_id", {{"type", "integer"}}},
                                     {"level", {{"type", "string"}}},
                                     {"entity", {{"type", "object"}}},
                                     {"evidence_cases", array_of({{"type", "string"}})},
                                     {"time_series", array_of(object_with({{"month", {{"type", "string"}}},
                                                                           {"signals", {{"type", "integer"}}},
                                                                           {"alarm", {{"type", "boolean"}}}}))},
                                     {"deficiencies", array_of({{"type", "object"}})},
                                     {"deficiencies_total", {{"type", "integer"}}}});
  one.handler = profile;
  registry.add(std::move(one));

  Route f;
  f.method = "GET";
  f.path = "/api/risk/funnel/{indicator}";
  f.summary = "Funnel-plot data of one ratio or proportion indicator at one level, as `vaksam risk funnel` prints "
              "it (points and control limits), as of the latest run";
  f.tag = "risk";
  f.access = Access::risk;
  Param indicator{"indicator", ParamIn::path, ParamType::string, "indicator id, e.g. violence_signals"};
  indicator.required = true;
  indicator.max_length = 64;
  f.params = {indicator, level_param(ParamIn::query)};
  f.response_schema = object_with({{"indicator", {{"type", "string"}}},
                                   {"level", {{"type", "string"}}},
                                   {"target", {{"type", "number"}}},
                                   {"points", array_of({{"type", "object"}})},
                                   {"limits", array_of({{"type", "object"}})}});
  f.handler = funnel;
  registry.add(std::move(f));

  Route c;
  c.method = "POST";
  c.path = "/api/risk/compute";
  c.summary = "Compute and store a new risk run (as `vaksam risk compute`); readers see the previous run until it "
              "commits. Optional as_of (YYYY-MM-DD, default the newest case) and k (units to flag)";
  c.tag = "risk";
  c.access = Access::write;
  c.writes = true;
  c.success_status = 201;
  c.request_schema = object_schema({{"as_of", string_schema(10, 10)},
                                    {"k", {{"type", "integer"}, {"minimum", 0}, {"maximum", 1000000}}}},
                                   {});
  c.response_schema = object_with({{"run_id", {{"type", "integer"}}},
                                   {"as_of", {{"type", "string"}}},
                                   {"fingerprint", {{"type", "string"}}},
                                   {"alarms", {{"type", "object"}}},
                                   {"k", {{"type", "object"}}}});
  c.handler = compute;
  registry.add(std::move(c));
}

}  // namespace vaksam::server
