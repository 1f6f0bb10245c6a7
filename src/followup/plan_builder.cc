#include "followup/plan_builder.h"

#include <nlohmann/json.hpp>

#include "followup/plan_inputs.h"
#include "followup/queue.h"

namespace vaksam::followup {

BuiltPlan build_plan(store::Store& store, const facts::Dataset& data, const PlanRequest& r, facts::Day today,
                     const std::string& created_by) {
  if (r.level != "unit" && r.level != "principal")
    throw PlanRefused("cannot plan: the level must be unit or principal");
  const size_t entities = r.level == "unit" ? data.units.size() : data.principals.size();
  if (entities == 0) throw PlanRefused("cannot plan: there are no " + r.level + "s in the database");
  // Check before ranking: a refusal should be quick and say what is wrong.
  std::vector<PlanCandidate> bare;
  if (r.level == "unit")
    for (const auto& u : data.units) bare.push_back({u.id, u.name, u.region_code, 0, 0, ""});
  else
    for (const auto& p : data.principals) bare.push_back({p.id, p.name, p.region_code, 0, 0, ""});
  if (auto why = check_plan(bare, r.options)) throw PlanRefused("cannot plan: " + *why);

  auto source = plan_candidates(store, data, r.level, r.fresh);
  QueueOptions qo;
  qo.due_soon_days = r.due_soon_days;
  const auto needs = follow_up_needs(data, build_queue(data, today, qo), r.level);
  const auto items = make_plan(source.candidates, needs, r.options);

  BuiltPlan plan;
  auto& rec = plan.record;
  rec.created_by = created_by;
  rec.level = r.level;
  rec.as_of = source.as_of;
  rec.capacity = static_cast<int64_t>(items.size());
  rec.random_share = r.options.random_share;
  rec.seed = static_cast<int64_t>(r.options.seed);
  rec.risk_run_id = source.risk_run_id;
  nlohmann::ordered_json settings;
  settings["follow_up_share"] = r.options.follow_up_share;
  settings["due_soon_days"] = r.due_soon_days;
  settings["queue_date"] = facts::day_iso(today);
  settings["ranking"] = source.risk_run_id ? "risk run " + std::to_string(source.risk_run_id) : "computed fresh";
  settings["capacity_by_region"] = nlohmann::ordered_json::object();
  for (const auto& [region, n] : r.options.capacity_by_region) settings["capacity_by_region"][region] = n;
  rec.settings_json = settings.dump();
  int64_t position = 0;
  for (const auto& i : items)
    plan.items.push_back({++position, i.id, i.name, i.region_code, i.selection, i.rank, i.score, i.reason});
  return plan;
}

}  // namespace vaksam::followup
