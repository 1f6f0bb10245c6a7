// vaksam followup queue | status | effect: follow-up of deficiencies (docs/followup.md).
#include <cmath>
#include <cstdio>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/session.h"
#include "common/date.h"
#include "common/error.h"
#include "facts/dataset.h"
#include "followup/effect.h"
#include "followup/lifecycle.h"
#include "followup/queue.h"
#include "followup/status_change.h"

namespace vaksam::cli {

namespace {

using nlohmann::ordered_json;

facts::Day day_or_today(const std::string& iso, const char* option) {
  if (iso.empty()) return facts::to_day(today().iso());
  const facts::Day d = facts::to_day(iso);
  if (d == facts::kNoDay) throw Error(std::string(option) + " '" + iso + "' is not a date (YYYY-MM-DD)");
  return d;
}

ordered_json num(double v) { return std::isfinite(v) ? ordered_json(v) : ordered_json(nullptr); }

int run_queue(const Workspace& ws, const FollowupArgs& a) {
  Session session = Session::open(ws);
  const facts::Dataset data = facts::load_dataset(*session.store);
  const facts::Day day = day_or_today(a.as_of, "--as-of");
  followup::QueueOptions o;
  o.due_soon_days = a.due_soon_days;
  const auto queue = followup::build_queue(data, day, o);
  ordered_json out = ordered_json::array();
  size_t shown = 0;
  for (const auto& q : queue) {
    if (!a.bucket.empty() && followup::bucket_name(q.bucket) != a.bucket) continue;
    if (a.limit && shown == a.limit) break;
    ++shown;
    const auto& x = data.deficiencies[q.deficiency];
    const auto& insp = data.inspections[x.inspection];
    const uint32_t p = insp.principal;
    ordered_json j;
    j["deficiency_id"] = x.id;
    j["inspection_id"] = insp.id;
    j["unit_id"] = insp.unit != facts::kNone ? ordered_json(data.units[insp.unit].id) : ordered_json(nullptr);
    j["unit_name"] = insp.unit != facts::kNone ? ordered_json(data.units[insp.unit].name) : ordered_json(nullptr);
    j["principal_id"] = p != facts::kNone ? ordered_json(data.principals[p].id) : ordered_json(nullptr);
    j["category"] = x.category == facts::kNoCode ? "" : facts::code_at("deficiency_categories", x.category);
    j["deadline"] = facts::day_iso(x.deadline);
    j["status"] = q.status;
    j["status_date"] = facts::day_iso(q.status_date);
    j["bucket"] = followup::bucket_name(q.bucket);
    j["recurrences"] = q.recurrences;
    j["next_step"] = q.next_step;
    j["reason"] = q.reason;
    out.push_back(std::move(j));
  }
  if (a.json) {
    ordered_json doc;
    doc["as_of"] = facts::day_iso(day);
    doc["total"] = queue.size();
    doc["deficiencies"] = std::move(out);
    std::printf("%s\n", doc.dump(2).c_str());
    return kOk;
  }
  std::printf("follow-up queue on %s: %zu deficiencies need something", facts::day_iso(day).c_str(), queue.size());
  size_t counts[4] = {0, 0, 0, 0};
  for (const auto& q : queue) ++counts[static_cast<int>(q.bucket)];
  std::printf(" (%zu overdue, %zu due soon, %zu recurring, %zu other open)\n", counts[0], counts[1], counts[2], counts[3]);
  for (const auto& j : out) {
    std::printf("%-9s %-16s %-18s %-28s %-17s deadline %-10s\n          next: %s\n          why:  %s\n",
                j["bucket"].get<std::string>().c_str(), j["deficiency_id"].get<std::string>().c_str(),
                j["unit_id"].is_null() ? j["principal_id"].dump().c_str() : j["unit_id"].get<std::string>().c_str(),
                j["category"].get<std::string>().c_str(), j["status"].get<std::string>().c_str(),
                j["deadline"].get<std::string>().c_str(), j["next_step"].get<std::string>().c_str(),
                j["reason"].get<std::string>().c_str());
  }
  return kOk;
}

int run_status_change(const Workspace& ws, const FollowupArgs& a) {
  Session session = Session::open(ws);
  followup::StatusRequest request{a.to, a.date.empty() ? today().iso() : a.date, a.deadline};
  const std::string who = a.user.empty() ? session.actor.name : a.user;
  followup::DeficiencyState before;
  try {
    store::Transaction tx(*session.store);
    before = followup::change_status(*session.store, a.deficiency_id, request, who, a.note, today().iso());
    session.audit->record(session.actor, "deficiency_status", "deficiency", a.deficiency_id,
                          before.status + " -> " + request.status + " on " + request.status_date +
                              (request.deadline.empty() ? "" : " deadline=" + request.deadline) + " by=" + who);
    tx.commit();
  } catch (const followup::StatusRefused& e) {
    std::fprintf(stderr, "vaksam: %s\n", e.what());
    return kInputRefused;
  }
  session.audit->publish();
  std::printf("deficiency %s: %s -> %s on %s\n", a.deficiency_id.c_str(), before.status.c_str(), request.status.c_str(),
              request.status_date.c_str());
  return kOk;
}

ordered_json summary_json(const followup::EffectSummary& s) {
  return {{"group", s.group},         {"events", s.events},          {"signals_before", s.before},
          {"signals_after", s.after}, {"did", num(s.did)},           {"ci", {num(s.ci.lower), num(s.ci.upper)}},
          {"verdict", followup::verdict_name(s.verdict)}, {"says", followup::verdict_text(s.verdict)}};
}

int run_effect(const Workspace& ws, const FollowupArgs& a) {
  Session session = Session::open(ws);
  const facts::Dataset data = facts::load_dataset(*session.store);
  followup::EffectOptions o;
  if (a.kind != "remedy" && a.kind != "inspection") throw Error("--kind must be remedy or inspection");
  o.kind = a.kind == "remedy" ? followup::EffectEventKind::remedy : followup::EffectEventKind::inspection;
  o.window_months = a.window_months;
  o.violence_only = a.violence_only;
  const auto r = followup::supervision_effect(data, o);
  ordered_json doc;
  doc["kind"] = a.kind;
  doc["window_months"] = o.window_months;
  doc["signals"] = o.violence_only ? "cases screened as violence" : "all cases";
  doc["method"] = "unit rate after/before (exact), divided by the same ratio in units of the same type not inspected "
                  "within the window (exact conditional interval, comparison trend as known); summaries pool events "
                  "by Mantel-Haenszel";
  doc["left_out"] = {{"too_early", r.left_out_too_early}, {"too_recent", r.left_out_too_recent},
                     {"no_unit", r.left_out_no_unit}};
  doc["overall"] = summary_json(r.overall);
  doc["by_category"] = ordered_json::array();
  for (const auto& s : r.by_category) doc["by_category"].push_back(summary_json(s));
  doc["by_year"] = ordered_json::array();
  for (const auto& s : r.by_year) doc["by_year"].push_back(summary_json(s));
  doc["events"] = ordered_json::array();
  for (const auto& e : r.events) {
    ordered_json cats = ordered_json::array();
    for (auto k : e.categories) cats.push_back(facts::code_at("deficiency_categories", k));
    doc["events"].push_back({{"unit_id", data.units[e.unit].id},
                             {"inspection_id", data.inspections[e.inspection].id},
                             {"date", facts::day_iso(e.date)},
                             {"categories", cats},
                             {"before_months", e.before_months},
                             {"after_months", e.after_months},
                             {"signals_before", e.before},
                             {"signals_after", e.after},
                             {"rate_ratio", num(e.rate_ratio)},
                             {"rate_ratio_ci", {num(e.rate_ratio_ci.lower), num(e.rate_ratio_ci.upper)}},
                             {"comparison_units", e.comparison_units},
                             {"comparison_ratio", num(e.comparison_ratio)},
                             {"did", num(e.did)},
                             {"did_ci", {num(e.did_ci.lower), num(e.did_ci.upper)}},
                             {"verdict", followup::verdict_name(e.verdict)}});
  }
  if (a.json) {
    std::printf("%s\n", doc.dump(2).c_str());
    return kOk;
  }
  auto line = [](const followup::EffectSummary& s) {
    std::printf("  %-36s %4zu events  %6lld -> %-6lld  ", s.group.c_str(), s.events, static_cast<long long>(s.before),
                static_cast<long long>(s.after));
    if (std::isfinite(s.did) && std::isfinite(s.ci.lower))
      std::printf("ratio of rate ratios %.2f [%.2f, %.2f]  ", s.did, s.ci.lower, s.ci.upper);
    std::printf("%s\n", followup::verdict_text(s.verdict).c_str());
  };
  std::printf("effect of supervision (%s events, %d months before and after, %s)\n", a.kind.c_str(), o.window_months,
              doc["signals"].get<std::string>().c_str());
  std::printf("%zu events; left out: %zu too early for a full before-window, %zu too recent, %zu without a unit\n",
              r.events.size(), r.left_out_too_early, r.left_out_too_recent, r.left_out_no_unit);
  line(r.overall);
  std::printf("by deficiency category:\n");
  for (const auto& s : r.by_category) line(s);
  std::printf("by year:\n");
  for (const auto& s : r.by_year) line(s);
  return kOk;
}

}  // namespace

CLI::App* add_followup_command(CLI::App& app, FollowupArgs& a) {
  auto* f = app.add_subcommand("followup", "follow-up of deficiencies: queue, status changes, effect of supervision");
  f->require_subcommand(1);
  a.queue = f->add_subcommand("queue", "what is overdue, due soon or recurring, with a suggested next step");
  a.queue->add_option("--as-of", a.as_of, "the day the queue is for (default today)");
  a.queue->add_option("--due-soon-days", a.due_soon_days, "a deadline within this many days is due soon (default 30)");
  a.queue->add_option("--bucket", a.bucket, "only overdue, due_soon, recurring or open")
      ->check(CLI::IsMember({"overdue", "due_soon", "recurring", "open"}));
  a.queue->add_option("--limit", a.limit, "at most this many (default all)");
  a.queue->add_flag("--json", a.json, "print JSON");
  a.status = f->add_subcommand("status", "record a status change of a deficiency (checked, audited)");
  a.status->add_option("deficiency", a.deficiency_id, "deficiency id")->required();
  a.status->add_option("--to", a.to, "the new status")->required();
  a.status->add_option("--date", a.date, "the date of the change (default today)");
  a.status->add_option("--deadline", a.deadline, "a new deadline for the account of measures (YYYY-MM-DD)");
  a.status->add_option("--note", a.note, "a note kept with the status history");
  a.status->add_option("--user", a.user, "who changed it (default $USER)");
  a.status->footer(
      "Allowed: open -> account_received | escalated; account_received -> accepted | not_accepted;\n"
      "accepted -> verified | not_accepted; not_accepted -> account_received | escalated;\n"
      "escalated -> account_received. verified is final.");
  a.effect = f->add_subcommand("effect", "did signals fall after supervision? against comparable units' trend");
  a.effect->add_option("--kind", a.kind, "remedy (a deficiency verified, default) or inspection (decided)")
      ->check(CLI::IsMember({"remedy", "inspection"}));
  a.effect->add_option("--window", a.window_months, "months before and after (default 12)")->check(CLI::Range(3, 36));
  a.effect->add_flag("--violence-only", a.violence_only, "count only cases screened as violence");
  a.effect->add_flag("--json", a.json, "print JSON with every event");
  f->footer(
      "Examples:\n"
      "  vaksam followup queue --limit 10\n"
      "  vaksam followup status D-2023-017-1 --to account_received --date 2024-03-28\n"
      "  vaksam followup effect --json > effect.json");
  return f;
}

int run_followup(const Workspace& ws, const FollowupArgs& a) {
  if (*a.queue) return run_queue(ws, a);
  if (*a.status) return run_status_change(ws, a);
  return run_effect(ws, a);
}

}  // namespace vaksam::cli
