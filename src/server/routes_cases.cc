// Cases: the triage queue of flagged cases, one case with its evidence (full or
// redacted text by role and assignment), confirming or rejecting a flag, and
// recording a triage decision. Every read is audited before data leaves.
#include <algorithm>

#include "common/date.h"
#include "model/entity.h"
#include "privacy/redaction.h"
#include "reference/code_list.h"
#include "screen/categories.h"
#include "server/api_error.h"
#include "server/json_schema.h"
#include "server/redacted_evidence.h"
#include "server/route_helpers.h"
#include "server/routes.h"
#include "server/server_context.h"

namespace vaksam::server {

namespace {

const auto& case_spec() { return model::entity(model::EntityKind::case_record); }

std::vector<std::string> case_kinds() {
  std::vector<std::string> out;
  for (const auto& c : reference::CodeList::builtin("case_kinds").codes()) out.push_back(c.code);
  return out;
}

std::vector<std::string> all_categories() { return screen::category_names(~0u); }

std::vector<std::string> split_bars(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t bar = s.find('|', start);
    if (bar == std::string::npos) bar = s.size();
    if (bar > start) out.push_back(s.substr(start, bar - start));
    start = bar + 1;
  }
  return out;
}

Param case_id_param() {
  Param p{"case_id", ParamIn::path, ParamType::string, "the case"};
  p.max_length = 100;
  return p;
}

// Throws case_not_found unless the case exists; returns its unit (or "").
std::string require_case(Call& call, const std::string& case_id) {
  const auto id = call.db.store->field_of(case_spec(), case_id, "case_id");
  if (!id) throw ApiError("case_not_found");
  const auto unit = call.db.store->field_of(case_spec(), case_id, "unit_id");
  return unit ? model::to_text(*unit) : "";
}

// --- the triage queue ---

Reply triage_queue(Call& call) {
  store::TriageQuery q;
  q.severities = call.query.list("severity");
  q.category = call.query.text("category");
  q.case_kind = call.query.text("kind");
  q.unit_ids = call.query.list("unit");
  q.received_from = call.query.text("received_from");
  q.received_to = call.query.text("received_to");
  q.decided = call.query.flag("decided");
  const std::string sort = call.query.text("sort");
  q.sort = sort == "newest"          ? store::TriageSort::newest
           : sort == "oldest"        ? store::TriageSort::oldest
           : sort == "highest_score" ? store::TriageSort::highest_score
           : sort == "case_id"       ? store::TriageSort::case_id
                                     : store::TriageSort::most_severe;
  q.limit = static_cast<size_t>(call.query.integer("limit", 50));
  q.offset = static_cast<size_t>(call.query.integer("offset"));
  const auto page = call.db.store->triage_queue(q);
  // Which cases concern violence, by unit, is about people: the listing is audited.
  std::string filters;
  for (const char* name : {"severity", "category", "kind", "unit", "received_from", "received_to", "decided"})
    if (call.query.has(name)) filters += std::string(filters.empty() ? "" : " ") + name + "=" + call.query.text(name);
  call.server.audit(call.db, call.actor(), "read_triage_queue", "cases", "",
                    "route=" + call.route_label() + " rows=" + std::to_string(page.rows.size()) +
                        (filters.empty() ? "" : " " + filters));
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : page.rows)
    rows.push_back({{"case_id", r.case_id},
                    {"case_kind", r.case_kind},
                    {"received_date", r.received_date},
                    {"unit_id", r.unit_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.unit_id)},
                    {"principal_id", r.principal_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.principal_id)},
                    {"severity", r.severity},
                    {"score", r.score},
                    {"categories", split_bars(r.categories)},
                    {"handling_deficiency", r.handling_deficiency},
                    {"last_decision", r.last_decision.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.last_decision)}});
  return Reply{200, {{"paging", paging_json(page.total, q.limit, q.offset)}, {"cases", rows}}, {}};
}

// --- one case ---

// The screening as the caller may see it: evidence quotes and spans follow the
// text the caller gets (redacted or full).
nlohmann::json screening_json(const store::ScreeningRecord& s, int64_t current_version,
                              const std::vector<privacy::Redaction>* redactions, const std::string& shown_text) {
  nlohmann::json result = nlohmann::json::parse(s.result_json, nullptr, false);
  if (result.is_discarded() || !result.is_object()) result = nlohmann::json::object();
  nlohmann::json out = {{"violence", s.violence},
                        {"severity", s.severity},
                        {"score", s.score},
                        {"categories", split_bars(s.categories)},
                        {"handling_deficiency", s.handling_deficiency},
                        {"lexicon_version", s.lexicon_version},
                        {"screened_at", s.screened_at},
                        {"screened_version_is_current", s.case_version == current_version},
                        {"evidence_purged", result.value("purged", false)}};
  for (const char* key : {"lethal_risk_markers", "exposed"})
    out[key] = result.contains(key) ? result[key] : nlohmann::json::array();
  for (const char* key : {"negated", "historical", "hypothetical", "alleged"}) out[key] = result.value(key, false);
  auto place = [&](nlohmann::json item) {
    if (!redactions) return item;
    const auto span = map_to_redacted(*redactions, {item.value("begin", size_t{0}), item.value("end", size_t{0})});
    item["begin"] = span.begin;
    item["end"] = span.end;
    item["text"] = span.end <= shown_text.size() && span.begin <= span.end
                       ? shown_text.substr(span.begin, span.end - span.begin)
                       : "";
    return item;
  };
  out["evidence"] = nlohmann::json::array();
  for (const auto& e : result.value("evidence", nlohmann::json::array()))
    out["evidence"].push_back(place({{"begin", e.value("begin", 0)},
                                     {"end", e.value("end", 0)},
                                     {"text", e.value("text", "")},
                                     {"entry", e.value("entry", "")},
                                     {"compound_part", e.value("compound_part", "")},
                                     {"rules", e.value("rules", nlohmann::json::array())},
                                     {"contexts", e.value("contexts", nlohmann::json::array())},
                                     {"categories", e.value("categories", nlohmann::json::array())},
                                     {"counted", e.value("counted", false)}}));
  out["deficiencies"] = nlohmann::json::array();
  for (const auto& d : result.value("deficiencies", nlohmann::json::array()))
    out["deficiencies"].push_back(place({{"begin", d.value("begin", 0)},
                                         {"end", d.value("end", 0)},
                                         {"text", d.value("text", "")},
                                         {"rule", d.value("rule", "")}}));
  return out;
}

Reply one_case(Call& call) {
  const std::string case_id = call.query.text("case_id");
  const std::string unit = require_case(call, case_id);
  const auto& perms = call.permissions();
  bool full = perms.case_text == privacy::TextAccess::full;
  if (full && perms.full_text_only_when_assigned) {
    const auto units = call.db.store->assigned_units(call.who().user);
    full = !unit.empty() && std::find(units.begin(), units.end(), unit) != units.end();
  }
  const char* access = full ? "full" : "redacted";
  // Recorded (and committed) before anything of the case is sent.
  call.server.audit(call.db, call.actor(), full ? "read_case_text" : "read_case_text_redacted", "case", case_id,
                    "route=" + call.route_label() + " text=" + access);
  auto& store = *call.db.store;
  nlohmann::json out;
  std::string narrative;
  for (const auto& f : case_spec().fields) {
    if (!f.in_store()) continue;
    const auto v = store.field_of(case_spec(), case_id, f.name);
    const std::string name(f.name);
    if (f.type == model::FieldType::narrative) {
      narrative = v && !std::holds_alternative<std::monostate>(*v) ? model::to_text(*v) : "";
      continue;
    }
    if (name == "subject_pseudonym" && !perms.pseudonyms) continue;
    out[name] = !v || std::holds_alternative<std::monostate>(*v) ? nlohmann::json(nullptr)
                                                                  : nlohmann::json(model::to_text(*v));
  }
  std::vector<privacy::Redaction> redactions;
  if (!full) {
    redactions = privacy::find_pii(narrative, today());
    narrative = privacy::redact(narrative, redactions);
  }
  out["text_access"] = access;
  out["narrative"] = narrative;
  const auto screening = store.screening(case_id);
  const auto existing = store.find(case_spec(), std::vector<model::Value>{model::Value(case_id)});
  out["version"] = existing ? existing->version : 0;
  out["screening"] = screening ? screening_json(*screening, existing ? existing->version : 0,
                                                full ? nullptr : &redactions, narrative)
                               : nlohmann::json(nullptr);
  out["feedback"] = nlohmann::json::array();
  for (const auto& f : store.feedback_for(case_id))
    out["feedback"].push_back({{"target", f.target}, {"verdict", f.verdict}, {"decided_by", f.decided_by},
                               {"decided_at", f.decided_at}, {"note", f.note}});
  out["triage_decisions"] = nlohmann::json::array();
  for (const auto& d : store.triage_decisions(case_id))
    out["triage_decisions"].push_back({{"decision_id", d.decision_id}, {"decision", d.decision},
                                       {"reason", d.reason}, {"forwarded_to", d.forwarded_to},
                                       {"decided_by", d.decided_by}, {"decided_at", d.decided_at}});
  return Reply{200, out, {}};
}

// --- changes ---

Reply feedback(Call& call) {
  const std::string case_id = call.query.text("case_id");
  require_case(call, case_id);
  const auto screened = call.db.store->screening(case_id);
  if (!screened) throw ApiError("not_screened");
  store::Feedback f{case_id, call.body["target"], call.body["verdict"], screened->lexicon_version, call.who().user,
                    "", call.body.value("note", "")};
  call.server.write(call.db, [&](store::Store& s, audit::AuditLog& log) {
    s.add_feedback(f);
    log.record(call.actor(), "screening_feedback", "case", case_id,
               f.target + " " + f.verdict + " route=" + call.route_label());
  });
  return Reply{201, {{"case_id", case_id}, {"target", f.target}, {"verdict", f.verdict}, {"decided_by", f.decided_by},
                     {"lexicon_version", f.lexicon_version}}, {}};
}

Reply triage_decision(Call& call) {
  const std::string case_id = call.query.text("case_id");
  require_case(call, case_id);
  store::TriageDecision d;
  d.case_id = case_id;
  d.decision = call.body["decision"];
  d.reason = call.body["reason"];
  d.forwarded_to = call.body.value("forwarded_to", "");
  if ((d.decision == "forward") != !d.forwarded_to.empty()) throw ApiError("invalid_field", "forwarded_to");
  d.decided_by = call.who().user;
  d.decision_id = call.server.write(call.db, [&](store::Store& s, audit::AuditLog& log) {
    const int64_t id = s.add_triage_decision(d);
    log.record(call.actor(), "triage_decision", "case", case_id,
               d.decision + " decision_id=" + std::to_string(id) + " route=" + call.route_label());
    return id;
  });
  return Reply{201, {{"decision_id", d.decision_id}, {"case_id", case_id}, {"decision", d.decision},
                     {"reason", d.reason}, {"forwarded_to", d.forwarded_to}, {"decided_by", d.decided_by}}, {}};
}

}  // namespace

void add_case_routes(RouteRegistry& registry) {
  Route queue;
  queue.method = "GET";
  queue.path = "/api/cases/triage";
  queue.summary = "The triage queue: cases flagged as violence, most serious and newest first; filter and page";
  queue.tag = "cases";
  queue.access = Access::case_records;
  Param severity{"severity", ParamIn::query, ParamType::string_list, "comma-separated: low, moderate, high"};
  severity.allowed = {"low", "moderate", "high"};
  Param category{"category", ParamIn::query, ParamType::string, "a screening category the case must have"};
  category.allowed = all_categories();
  Param kind{"kind", ParamIn::query, ParamType::string, "case kind"};
  kind.allowed = case_kinds();
  Param unit{"unit", ParamIn::query, ParamType::string_list, "comma-separated unit ids"};
  unit.max_length = 2000;
  queue.params = {severity,
                  category,
                  kind,
                  unit,
                  {"received_from", ParamIn::query, ParamType::date, "received on or after (YYYY-MM-DD)"},
                  {"received_to", ParamIn::query, ParamType::date, "received on or before (YYYY-MM-DD)"},
                  {"decided", ParamIn::query, ParamType::boolean, "true: only cases with a triage decision; false: only without"}};
  for (auto& p : paging_params({"most_severe", "newest", "oldest", "highest_score", "case_id"}, "most_severe"))
    queue.params.push_back(p);
  queue.response_schema = object_with({{"paging", {{"type", "object"}}},
                                       {"cases", array_of(object_with({{"case_id", {{"type", "string"}}},
                                                                       {"severity", {{"type", "string"}}},
                                                                       {"categories", array_of({{"type", "string"}})}}))}});
  queue.handler = triage_queue;
  registry.add(std::move(queue));

  Route one;
  one.method = "GET";
  one.path = "/api/cases/{case_id}";
  one.summary = "One case: fields, text (full or redacted by role and assignment), evidence spans, categories, "
                "lethal-risk markers, verdicts and triage decisions (audited)";
  one.tag = "cases";
  one.access = Access::case_records;
  one.params = {case_id_param()};
  one.response_schema = object_with({{"case_id", {{"type", "string"}}},
                                     {"text_access", {{"type", "string"}, {"enum", {"full", "redacted"}}}},
                                     {"narrative", {{"type", "string"}}},
                                     {"screening", {{"type", "object"}, {"nullable", true}}}});
  one.handler = one_case;
  registry.add(std::move(one));

  std::vector<std::string> targets = {"violence"};
  for (const auto& c : all_categories()) targets.push_back(c);
  Route fb;
  fb.method = "POST";
  fb.path = "/api/cases/{case_id}/feedback";
  fb.summary = "Confirm or reject a screening flag (the violence flag or one category)";
  fb.tag = "cases";
  fb.access = Access::case_write;
  fb.writes = true;
  fb.success_status = 201;
  fb.params = {case_id_param()};
  fb.request_schema = object_schema({{"target", string_schema(40, 1, targets)},
                                     {"verdict", string_schema(20, 1, {"confirmed", "rejected"})},
                                     {"note", string_schema(2000)}},
                                    {"target", "verdict"});
  fb.response_schema = {{"type", "object"}};
  fb.handler = feedback;
  registry.add(std::move(fb));

  Route triage;
  triage.method = "POST";
  triage.path = "/api/cases/{case_id}/triage";
  triage.summary = "Record a triage decision: initiate supervision, no action, or forward (to whom), with a reason";
  triage.tag = "cases";
  triage.access = Access::case_write;
  triage.writes = true;
  triage.success_status = 201;
  triage.params = {case_id_param()};
  triage.request_schema =
      object_schema({{"decision", string_schema(40, 1, {"initiate_supervision", "no_action", "forward"})},
                     {"reason", string_schema(4000, 1)},
                     {"forwarded_to", string_schema(200)}},
                    {"decision", "reason"});
  triage.response_schema = {{"type", "object"}};
  triage.handler = triage_decision;
  registry.add(std::move(triage));
}

}  // namespace vaksam::server
