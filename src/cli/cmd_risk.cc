// vaksam risk compute | top | funnel | backtest: the risk engine from the command line.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/session.h"
#include "common/date.h"
#include "common/error.h"
#include "facts/dataset.h"
#include "risk/backtest.h"
#include "risk/engine.h"
#include "risk/funnel_report.h"
#include "risk/risk_json.h"

namespace vaksam::cli {

int run_risk_backtest(const Workspace& ws, const RiskArgs& args);

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

risk::PriorityModel model_from(const RiskArgs& args) {
  auto indicators = args.indicators_dir.empty() ? risk::builtin_indicators() : risk::load_indicators(args.indicators_dir);
  if (args.model_file.empty()) {
    auto model = risk::builtin_model();
    model.indicators = std::move(indicators);
    risk::validate_model(model);
    return model;
  }
  std::ifstream in(args.model_file, std::ios::binary);
  if (!in) throw Error(args.model_file + ": cannot read the model file");
  std::stringstream ss;
  ss << in.rdbuf();
  return risk::parse_model(ss.str(), args.model_file, std::move(indicators));
}

facts::Day as_of_from(const RiskArgs& args, const facts::Dataset& data) {
  if (!args.as_of.empty()) {
    facts::Day d = facts::to_day(args.as_of);
    if (d == facts::kNoDay) throw Error("--as-of '" + args.as_of + "' is not a date (YYYY-MM-DD)");
    return d;
  }
  if (data.last_case == facts::kNoDay) throw Error("no cases in the database: import some before computing risk");
  return data.last_case;  // the newest data, not today: a ranking says how fresh it is
}

void print_top(const nlohmann::json& rows_json, bool explain) {
  for (const auto& r : rows_json) {
    std::printf("%4d  %-28s %-40.40s %6.1f  [%d–%d]%s%s\n", r["rank"].get<int>(), r["id"].get<std::string>().c_str(),
                r["name"].get<std::string>().c_str(), r["score"].get<double>(), r["rank_interval"][0].get<int>(),
                r["rank_interval"][1].get<int>(), r["alarm"]["in_force"].get<bool>() ? "  LARM" : "",
                r["method_dependent"].get<bool>() ? "  metodberoende" : "");
    if (!explain) continue;
    for (const auto& c : r["contributions"]) {
      std::printf("        %5.1f  %s", c["points"].get<double>(), c["name_en"].get<std::string>().c_str());
      if (c.contains("cases") && !c["cases"].empty()) {
        std::printf("  (cases:");
        size_t n = 0;
        for (const auto& id : c["cases"]) {
          if (n++ == 3) break;
          std::printf(" %s", id.get<std::string>().c_str());
        }
        if (c["cases"].size() > 3) std::printf(" …");
        std::printf(")");
      }
      std::printf("\n");
    }
    for (const auto& p : r["pairs"]) {
      if (p["ratio"].is_null()) continue;
      char harm[32] = "n/a";
      if (!p["harm_ratio"].is_null()) std::snprintf(harm, sizeof harm, "%.2f×", p["harm_ratio"].get<double>());
      std::printf("        pair: %s %.2f× expected, shown beside %s %s (not ranked on)\n",
                  p["indicator"].get<std::string>().c_str(), p["ratio"].get<double>(),
                  p["harm_indicator"].get<std::string>().c_str(), harm);
    }
    if (!r["sensitivity"].empty()) {
      std::printf("        flag differs with:");
      for (const auto& s : r["sensitivity"]) std::printf(" %s", s.get<std::string>().c_str());
      std::printf("\n");
    }
    std::printf("        freshness: last signal %s, last inspection %s\n",
                r["freshness"]["last_signal"].get<std::string>().c_str(),
                r["freshness"]["last_inspection"].get<std::string>().c_str());
  }
}

}  // namespace

int run_risk_compute(const Workspace& ws, const RiskArgs& args) {
  Session session = Session::open(ws);
  auto t0 = Clock::now();
  auto model = model_from(args);
  facts::Dataset data = facts::load_dataset(*session.store);
  double load_s = seconds_since(t0);
  auto t1 = Clock::now();
  risk::RiskEngine engine(data, model);
  risk::ComputeOptions options;
  options.k = args.k;
  auto result = engine.compute(as_of_from(args, data), options);
  double compute_s = seconds_since(t1);
  auto t2 = Clock::now();
  int64_t run_id;
  {
    store::Transaction tx(*session.store);
    run_id = risk::save_run(*session.store, engine, result, session.actor.name, args.evidence_top);
    session.audit->record(session.actor, "risk_compute", "risk_run", std::to_string(run_id),
                          "as_of=" + facts::day_iso(result.as_of) + " fingerprint=" + result.fingerprint);
    tx.commit();
  }
  session.audit->publish();
  double save_s = seconds_since(t2);
  auto summary = risk::summary_json(result);
  summary["run_id"] = run_id;
  summary["seconds"] = {{"load", load_s}, {"compute", compute_s}, {"save", save_s}};
  if (args.json) {
    std::printf("%s\n", summary.dump(2).c_str());
    return kOk;
  }
  std::printf("risk run %lld as of %s (data through %s), model %s, fingerprint %s\n",
              static_cast<long long>(run_id), summary["as_of"].get<std::string>().c_str(),
              summary["data_through"].get<std::string>().c_str(), model.version.c_str(), result.fingerprint.c_str());
  std::printf("entities: %zu units, %zu principals, %zu municipalities, %zu regions; flagged (k): %zu units\n",
              result.levels[0].ids.size(), result.levels[1].ids.size(), result.levels[2].ids.size(),
              result.levels[3].ids.size(), result.levels[0].k);
  std::printf("early warning: %zu units monitored, %zu alarms in force, %.1f a month expected by chance\n",
              result.units_monitored, result.alarms, result.expected_false_alarms);
  std::printf("time: load %.2f s, compute %.2f s, save %.2f s\n", load_s, compute_s, save_s);
  return kOk;
}

int run_risk_top(const Workspace& ws, const RiskArgs& args) {
  risk::level_from_name(args.level);  // a clear error for an unknown level, before anything else
  Session session = Session::open(ws);
  auto run = args.run_id ? session.store->risk_run(args.run_id) : session.store->latest_risk_run();
  if (!run) {
    std::fprintf(stderr, "vaksam: no risk run%s; compute one with `vaksam risk compute`\n",
                 args.run_id ? (" " + std::to_string(args.run_id)).c_str() : "");
    return kStoreError;
  }
  auto rows = session.store->risk_scores(run->run_id, args.level, 0, args.limit);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : rows) out.push_back(nlohmann::json::parse(r.explanation_json));
  if (args.json) {
    nlohmann::ordered_json j;
    j["run_id"] = run->run_id;
    j["as_of"] = run->as_of;
    j["model_version"] = run->model_version;
    j["fingerprint"] = run->fingerprint;
    j["level"] = args.level;
    j["entities"] = out;
    std::printf("%s\n", j.dump(2).c_str());
    return kOk;
  }
  auto summary = nlohmann::json::parse(run->summary_json);
  std::printf("risk run %lld as of %s, model %s (%s); %s alarms in force, %.1f a month expected by chance\n",
              static_cast<long long>(run->run_id), run->as_of.c_str(), run->model_version.c_str(),
              run->fingerprint.c_str(), summary["alarms"]["in_force"].dump().c_str(),
              summary["alarms"]["expected_by_chance_per_month"].get<double>());
  std::printf("rank  %-28s %-40s %6s  rank interval\n", "id", "name", "score");
  print_top(out, args.explain);
  return kOk;
}

int run_risk_funnel(const Workspace& ws, const RiskArgs& args, const std::string& indicator) {
  Session session = Session::open(ws);
  auto model = model_from(args);
  risk::funnel_indicator(model, indicator);  // clear errors before the (slow) load
  const risk::Level level = risk::level_from_name(args.level);
  facts::Dataset data = facts::load_dataset(*session.store);
  risk::RiskEngine engine(data, model);
  risk::ComputeOptions options;
  options.rank_intervals = false;
  options.sensitivity = false;
  auto result = engine.compute(as_of_from(args, data), options);
  auto j = risk::funnel_json(result, indicator, level, args.truncate);
  std::printf("%s\n", j.dump(args.json ? 2 : -1).c_str());
  return kOk;
}

}  // namespace vaksam::cli

namespace vaksam::cli {

CLI::App* add_risk_command(CLI::App& app, RiskArgs& a) {
  auto* risk = app.add_subcommand("risk", "risk ranking: compute, list, funnel plots, backtest");
  risk->require_subcommand(1);
  auto model_options = [&a](CLI::App* c) {
    c->add_option("--as-of", a.as_of, "rank with data up to this date (default: the newest case)");
    c->add_option("--indicators", a.indicators_dir, "folder of *.indicator.json replacing the built-in ones");
    c->add_option("--model", a.model_file, "priority model file replacing the built-in one");
  };
  a.compute = risk->add_subcommand("compute", "compute and store an explained ranking of every level");
  model_options(a.compute);
  a.compute->add_option("--k", a.k, "units to flag: the inspections you can do (default: last year's number)");
  a.compute->add_option("--evidence-top", a.evidence_top, "keep evidence case ids for this many per level");
  a.compute->add_flag("--json", a.json, "print the run summary as JSON");
  a.top = risk->add_subcommand("top", "the ranked list of the latest (or a given) run");
  a.top->add_option("--level", a.level, "unit, principal, municipality or region (default unit)");
  a.top->add_option("--limit", a.limit, "how many (default 20)");
  a.top->add_option("--run", a.run_id, "a run id (default: the latest)");
  a.top->add_flag("--explain", a.explain, "contributions, cases behind them, pairs, sensitivity, freshness");
  a.top->add_flag("--json", a.json, "print JSON with every field");
  a.funnel = risk->add_subcommand("funnel", "funnel-plot data for one indicator (points and limits, JSON)");
  model_options(a.funnel);
  a.funnel->add_option("indicator", a.indicator, "indicator id, e.g. violence_signals")->required();
  a.funnel->add_option("--level", a.level, "unit, principal, municipality or region (default unit)");
  a.funnel->add_flag("--truncate", a.truncate, "estimate tau2 from truncated instead of Winsorised z-scores");
  a.funnel->add_flag("--json", a.json, "pretty-print");
  a.backtest = risk->add_subcommand("backtest", "rank at each past month and compare with what came next");
  model_options(a.backtest);
  a.backtest->add_option("--truth", a.truth_dir, "the truth/ folder of the synthetic dataset")->required();
  a.backtest->add_option("--k", a.k, "units flagged per month (default: inspections a year in the data)");
  a.backtest->add_flag("--json", a.json, "print JSON");
  risk->footer(
      "Examples:\n"
      "  vaksam risk compute\n"
      "  vaksam risk top --limit 10 --explain\n"
      "  vaksam risk top --level principal --json\n"
      "  vaksam risk funnel violence_signals > funnel.json\n"
      "  vaksam risk backtest --truth var/synth/truth");
  return risk;
}

int run_risk(const Workspace& ws, const RiskArgs& args) {
  if (*args.compute) return run_risk_compute(ws, args);
  if (*args.top) return run_risk_top(ws, args);
  if (*args.funnel) return run_risk_funnel(ws, args, args.indicator);
  return run_risk_backtest(ws, args);
}

int run_risk_backtest(const Workspace& ws, const RiskArgs& args) {
  if (args.truth_dir.empty()) throw Error("--truth is required: the truth/ folder of a synthetic dataset");
  auto truth = risk::read_truth(args.truth_dir);
  Session session = Session::open(ws);
  auto model = model_from(args);
  facts::Dataset data = facts::load_dataset(*session.store);
  risk::RiskEngine engine(data, model);
  risk::BacktestOptions options;
  options.k = args.k;
  auto report = risk::backtest(engine, truth, options);
  std::printf("%s\n", args.json ? risk::backtest_json(report).c_str() : risk::backtest_table(report).c_str());
  return kOk;
}

}  // namespace vaksam::cli
