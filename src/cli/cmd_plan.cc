// vaksam plan create | list | export: inspection plans (docs/followup.md).
#include <cstdio>
#include <fstream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/session.h"
#include "common/date.h"
#include "common/error.h"
#include "facts/dataset.h"
#include "followup/plan_builder.h"
#include "followup/plan_export.h"

namespace vaksam::cli {

namespace {

// "01=20" -> region 01, capacity 20.
std::pair<std::string, size_t> region_capacity(const std::string& spec) {
  const auto eq = spec.find('=');
  if (eq == std::string::npos || eq == 0) throw Error("--region '" + spec + "': give REGION=CAPACITY, e.g. 01=20");
  try {
    const long long n = std::stoll(spec.substr(eq + 1));
    if (n < 0) throw std::invalid_argument("negative");
    return {spec.substr(0, eq), static_cast<size_t>(n)};
  } catch (const std::exception&) {
    throw Error("--region '" + spec + "': the capacity is not a whole number");
  }
}

int run_create(const Workspace& ws, const PlanArgs& a) {
  Session session = Session::open(ws);
  const facts::Dataset data = facts::load_dataset(*session.store);
  followup::PlanRequest r;
  r.level = a.level;
  r.fresh = a.fresh;
  r.due_soon_days = a.due_soon_days;
  r.options.capacity = a.capacity;
  r.options.random_share = a.random_share;
  r.options.follow_up_share = a.follow_up_share;
  r.options.seed = a.seed;
  for (const auto& spec : a.regions) {
    auto [region, n] = region_capacity(spec);
    if (!r.options.capacity_by_region.emplace(region, n).second) throw Error("--region " + region + " given twice");
  }
  followup::BuiltPlan plan;
  try {
    plan = followup::build_plan(*session.store, data, r, facts::to_day(today().iso()), session.actor.name);
  } catch (const followup::PlanRefused& e) {
    std::fprintf(stderr, "vaksam: %s\n", e.what());
    return kInputRefused;
  }
  {
    store::Transaction tx(*session.store);
    plan.record.plan_id = session.store->save_plan(plan.record, plan.items);
    session.audit->record(session.actor, "plan_create", "inspection_plan", std::to_string(plan.record.plan_id),
                          "level=" + plan.record.level + " capacity=" + std::to_string(plan.record.capacity) +
                              " random_share=" + std::to_string(plan.record.random_share) +
                              " seed=" + std::to_string(plan.record.seed));
    tx.commit();
  }
  session.audit->publish();
  const auto stored = session.store->plan(plan.record.plan_id);
  if (a.json) {
    std::printf("%s\n", followup::plan_json(*stored, plan.items).dump(2).c_str());
    return kOk;
  }
  size_t by[3] = {0, 0, 0};
  for (const auto& i : plan.items) ++by[i.selection == "priority" ? 0 : i.selection == "random" ? 1 : 2];
  std::printf("plan %lld (%s level, ranking as of %s, %s): %zu inspections — %zu by priority, %zu by lot, %zu follow-up\n",
              static_cast<long long>(stored->plan_id), stored->level.c_str(), stored->as_of.c_str(),
              stored->risk_run_id ? ("risk run " + std::to_string(stored->risk_run_id)).c_str() : "computed fresh",
              plan.items.size(), by[0], by[1], by[2]);
  for (const auto& i : plan.items)
    std::printf("%4lld  %-9s %-20s %-36.36s rank %5lld  %s\n", static_cast<long long>(i.position), i.selection.c_str(),
                i.entity_id.c_str(), i.name.c_str(), static_cast<long long>(i.rank), i.reason.c_str());
  return kOk;
}

int run_list(const Workspace& ws, const PlanArgs& a) {
  Session session = Session::open(ws);
  const auto plans = session.store->plans();
  if (a.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& p : plans)
      out.push_back({{"plan_id", p.plan_id}, {"created_at", p.created_at}, {"created_by", p.created_by},
                     {"level", p.level}, {"as_of", p.as_of}, {"capacity", p.capacity},
                     {"random_share", p.random_share}, {"seed", p.seed}});
    std::printf("%s\n", nlohmann::ordered_json({{"plans", out}}).dump(2).c_str());
    return kOk;
  }
  if (plans.empty()) std::printf("no plans yet: make one with `vaksam plan create --capacity N`\n");
  for (const auto& p : plans)
    std::printf("plan %lld  %s  by %s  %s level, capacity %lld, random share %.0f %%, seed %lld, ranking as of %s\n",
                static_cast<long long>(p.plan_id), p.created_at.c_str(), p.created_by.c_str(), p.level.c_str(),
                static_cast<long long>(p.capacity), p.random_share * 100, static_cast<long long>(p.seed),
                p.as_of.c_str());
  return kOk;
}

int run_export(const Workspace& ws, const PlanArgs& a) {
  Session session = Session::open(ws);
  const auto plan = session.store->plan(a.plan_id);
  if (!plan) {
    std::fprintf(stderr, "vaksam: there is no plan %lld (see `vaksam plan list`)\n", static_cast<long long>(a.plan_id));
    return kInputRefused;
  }
  const auto items = session.store->plan_items(a.plan_id);
  const std::string text = a.format == "json"          ? followup::plan_json(*plan, items).dump(2) + "\n"
                           : a.format == "inspections" ? followup::plan_inspections_csv(*plan, items)
                                                       : followup::plan_csv(*plan, items);
  if (a.out.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kOk;
  }
  std::ofstream f(a.out, std::ios::binary);
  if (!f || !(f << text)) throw Error(a.out + ": cannot write");
  std::printf("wrote plan %lld (%zu items) to %s\n", static_cast<long long>(a.plan_id), items.size(), a.out.c_str());
  return kOk;
}

}  // namespace

CLI::App* add_plan_command(CLI::App& app, PlanArgs& a) {
  auto* p = app.add_subcommand("plan", "inspection plans: from the ranking, the follow-up queue and a capacity");
  p->require_subcommand(1);
  a.create = p->add_subcommand("create", "propose and store a plan");
  a.create->add_option("--capacity", a.capacity, "inspections in the period (or give --region)");
  a.create->add_option("--random-share", a.random_share, "share drawn by lot, independent of risk (default 0.1)")
      ->check(CLI::Range(0.0, 1.0));
  a.create->add_option("--follow-up-share", a.follow_up_share, "at most this share for follow-ups (default 0.15)")
      ->check(CLI::Range(0.0, 1.0));
  a.create->add_option("--seed", a.seed, "seed of the lot (default 1): the same seed gives the same draw");
  a.create->add_option("--level", a.level, "unit (default) or principal")->check(CLI::IsMember({"unit", "principal"}));
  a.create->add_option("--region", a.regions, "REGION=CAPACITY, repeatable: plan per region (e.g. 01=20)");
  a.create->add_option("--due-soon-days", a.due_soon_days, "for the follow-up queue (default 30)");
  a.create->add_flag("--fresh", a.fresh, "rank afresh instead of using the latest stored risk run");
  a.create->add_flag("--json", a.json, "print the plan as JSON");
  a.list = p->add_subcommand("list", "the stored plans, newest first");
  a.list->add_flag("--json", a.json, "print JSON");
  a.export_ = p->add_subcommand("export", "a stored plan as CSV, JSON, or an inspections file to fill in and import");
  a.export_->add_option("plan", a.plan_id, "plan id")->required();
  a.export_->add_option("--format", a.format, "csv (default), json or inspections")
      ->check(CLI::IsMember({"csv", "json", "inspections"}));
  a.export_->add_option("--out", a.out, "write to this file (default standard output)");
  p->footer(
      "Examples:\n"
      "  vaksam plan create --capacity 600 --random-share 0.1 --seed 7\n"
      "  vaksam plan create --region 01=40 --region 14=30 --level unit\n"
      "  vaksam plan list\n"
      "  vaksam plan export 1 --format inspections --out plan-1-inspections.csv");
  return p;
}

int run_plan(const Workspace& ws, const PlanArgs& a) {
  if (*a.create) return run_create(ws, a);
  if (*a.list) return run_list(ws, a);
  return run_export(ws, a);
}

}  // namespace vaksam::cli
