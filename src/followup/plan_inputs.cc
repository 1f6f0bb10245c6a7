#include "followup/plan_inputs.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "followup/recurrence.h"
#include "risk/engine.h"

namespace vaksam::followup {

namespace {

std::string fmt1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string why_from_json(const std::string& explanation_json) {
  auto j = nlohmann::json::parse(explanation_json, nullptr, false);
  if (j.is_discarded() || !j.contains("contributions")) return "";
  std::string out;
  size_t n = 0;
  for (const auto& c : j["contributions"]) {
    if (n++ == 2) break;
    out += (out.empty() ? "" : ", ") + c.value("name_en", std::string("?")) + " " + fmt1(c.value("points", 0.0));
  }
  return out;
}

}  // namespace

PlanSource plan_candidates(store::Store& store, const facts::Dataset& data, const std::string& level, bool fresh) {
  if (level != "unit" && level != "principal") throw Error("level must be unit or principal, not '" + level + "'");
  PlanSource src;
  std::unordered_map<std::string, size_t> index;
  if (level == "unit") {
    for (const auto& u : data.units) {
      index[u.id] = src.candidates.size();
      src.candidates.push_back({u.id, u.name, u.region_code, 0, 0, ""});
    }
  } else {
    for (const auto& p : data.principals) {
      index[p.id] = src.candidates.size();
      src.candidates.push_back({p.id, p.name, p.region_code, 0, 0, ""});
    }
  }
  auto run = fresh ? std::nullopt : store.latest_risk_run();
  if (run) {
    src.risk_run_id = run->run_id;
    src.as_of = run->as_of;
    for (const auto& r : store.risk_scores(run->run_id, level, 0, 10'000'000)) {
      auto it = index.find(r.entity_id);
      if (it == index.end()) continue;
      auto& c = src.candidates[it->second];
      c.rank = r.rank;
      c.score = r.score;
      c.why = why_from_json(r.explanation_json);
    }
    return src;
  }
  if (data.last_case == facts::kNoDay) throw Error("no cases in the database: nothing to rank a plan by");
  auto model = risk::builtin_model();
  model.indicators = risk::builtin_indicators();
  risk::RiskEngine engine(data, model);
  risk::ComputeOptions options;
  options.rank_intervals = false;
  options.sensitivity = false;
  const auto result = engine.compute(data.last_case, options);
  src.as_of = facts::day_iso(result.as_of);
  const auto& lv = result.level(risk::level_from_name(level));
  for (const auto& s : lv.ranked) {
    auto it = index.find(lv.ids[s.entity]);
    if (it == index.end()) continue;
    auto& c = src.candidates[it->second];
    c.rank = s.rank;
    c.score = s.score;
    std::string why;
    for (size_t k = 0; k < s.contributions.size() && k < 2; ++k) {
      const auto& contribution = s.contributions[k];
      const std::string name = contribution.indicator >= 0 ? result.model.indicators[contribution.indicator].name_en
                               : contribution.indicator == risk::kAlarmContribution ? "Alarm: rise in signals (CUSUM)"
                                                                                    : "More signals than before";
      why += (why.empty() ? "" : ", ") + name + " " + fmt1(contribution.points);
    }
    c.why = why;
  }
  return src;
}

std::vector<FollowUpNeed> follow_up_needs(const facts::Dataset& data, const std::vector<QueueItem>& queue,
                                          const std::string& level) {
  auto entity_of = [&](const QueueItem& q) -> std::string {
    const auto& x = data.deficiencies[q.deficiency];
    const auto& insp = data.inspections[x.inspection];
    if (level == "unit") return insp.unit != facts::kNone ? data.units[insp.unit].id : "";
    const uint32_t p = principal_of(data, x);
    return p != facts::kNone ? data.principals[p].id : "";
  };
  std::vector<std::pair<int, const QueueItem*>> ordered;
  for (const auto& q : queue) {
    int tier = -1;
    if (q.status == "not_accepted" || (q.status == "escalated" && q.bucket == Bucket::overdue)) tier = 0;
    else if (q.recurrences >= 2) tier = 1;
    else if (q.status == "accepted") tier = 2;
    if (tier >= 0) ordered.push_back({tier, &q});
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return a.second->status_date < b.second->status_date;
  });
  std::vector<FollowUpNeed> out;
  std::set<std::string> seen;
  for (const auto& [tier, q] : ordered) {
    const std::string id = entity_of(*q);
    if (id.empty() || !seen.insert(id).second) continue;
    const auto& x = data.deficiencies[q->deficiency];
    out.push_back({id, "deficiency " + x.id + " (" +
                           (x.category == facts::kNoCode ? "?" : facts::code_at("deficiency_categories", x.category)) +
                           "): " + q->reason});
  }
  return out;
}

}  // namespace vaksam::followup
