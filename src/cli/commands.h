// The subcommands of `vaksam`. Each is a thin shell over the library and returns
// an exit code (exit_codes.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/workspace.h"
#include "store/store.h"

namespace CLI {
class App;
}

namespace vaksam::cli {

int run_init(const Workspace& ws);

struct ImportArgs {
  std::vector<std::string> files;
  std::string entity;
  std::string encoding = "auto";
  std::string reject_file;
  bool dry_run = false;
};
int run_import(const Workspace& ws, const ImportArgs& args);

int run_status(const Workspace& ws, bool json);

struct SynthArgs {
  uint64_t seed = 1;
  int years = 5;
  int end_year = 0;
  double scale = 1.0;
  std::string out;
  int planted_units = 40;
};
int run_synth(const SynthArgs& args);

int run_screen(const Workspace& ws, bool rescreen, unsigned threads);
int run_explain(const Workspace& ws, const std::string& case_id, bool json);
int run_screen_eval(const std::string& file);

struct FeedbackArgs {
  std::string case_id;
  std::string target = "violence";
  bool confirm = false, reject = false;
  std::string note, user;
};
int run_feedback(const Workspace& ws, const FeedbackArgs& args);
// Precision of the flags, from the analysts' verdicts.
int run_feedback_report(const Workspace& ws);

int run_key_rotate(const Workspace& ws);
int run_retention_show(const Workspace& ws);
int run_retention_set(const Workspace& ws, const std::string& category, int64_t days);
int run_purge(const Workspace& ws, bool dry_run);
int run_case(const Workspace& ws, const std::string& case_id, const std::string& only_field, bool redacted);

int run_audit_verify(const Workspace& ws);
int run_audit_show(const Workspace& ws, const store::AuditFilter& filter);

// `vaksam stats table|compare|trend|report` (docs/statistics.md).
struct StatsArgs {
  std::string action;                    // table, compare, trend, report
  std::vector<std::string> by;           // dimensions
  std::vector<std::string> where;        // filters, key=value[,value]
  bool no_sex = false;                   // remove sex on purpose
  std::string denominator = "population";  // population, placements, none
  std::string population_file;           // area_code;year;sex;age_band;population
  std::string groups;                    // compare: DIM=A,B
  std::string outcome;                   // compare: DIM=CODE for proportions
  std::string format = "csv";
  int64_t threshold = 5;                 // disclosure: counts 1..threshold-1 are suppressed
};
int run_stats(const Workspace& ws, const StatsArgs& args);

// `vaksam serve` (cmd_serve.cc, docs/server.md).
struct ServeArgs {
  int port = 8080;
  std::string bind = "127.0.0.1";
  std::string static_dir;
  size_t threads = 64;
  bool behind_proxy = false;
  std::string tls_cert, tls_key;
  int64_t max_upload_mb = 512;
  int64_t session_idle_minutes = 30, session_max_hours = 12;
};
CLI::App* add_serve_command(CLI::App& app, ServeArgs& args);
int run_serve(const Workspace& ws, const ServeArgs& args);

// `vaksam user add|list|disable|assign|token` (cmd_user.cc).
struct UserArgs {
  CLI::App *add = nullptr, *list = nullptr, *disable = nullptr, *assign = nullptr, *token = nullptr;
  std::string name, role, password_file, unit, label;
};
CLI::App* add_user_command(CLI::App& app, UserArgs& args);
int run_user(const Workspace& ws, const UserArgs& args);

struct RiskArgs {
  std::string as_of;           // YYYY-MM-DD; default: the newest case
  size_t k = 0;                // flagged units; 0: the inspections of the last year
  std::string indicators_dir;  // replaces the built-in indicator definitions
  std::string model_file;      // replaces the built-in priority model
  std::string level = "unit";
  size_t limit = 20;
  int64_t run_id = 0;          // 0: the latest run
  bool explain = false, json = false, truncate = false;
  size_t evidence_top = 1000;  // entities per level whose evidence case ids are kept
  std::string truth_dir;       // backtest: the synthetic dataset's truth/ folder
  std::string indicator;       // funnel
  CLI::App *compute = nullptr, *top = nullptr, *funnel = nullptr, *backtest = nullptr;
};
CLI::App* add_risk_command(CLI::App& app, RiskArgs& args);
int run_risk(const Workspace& ws, const RiskArgs& args);

// `vaksam followup queue|status|effect` (cmd_followup.cc, docs/followup.md).
struct FollowupArgs {
  std::string as_of, bucket;
  int due_soon_days = 30;
  size_t limit = 0;
  std::string deficiency_id, to, date, deadline, note, user;
  std::string kind = "remedy";
  int window_months = 12;
  bool violence_only = false, json = false;
  CLI::App *queue = nullptr, *status = nullptr, *effect = nullptr;
};
CLI::App* add_followup_command(CLI::App& app, FollowupArgs& args);
int run_followup(const Workspace& ws, const FollowupArgs& args);

// `vaksam plan create|list|export` (cmd_plan.cc, docs/followup.md).
struct PlanArgs {
  size_t capacity = 0;
  double random_share = 0.1, follow_up_share = 0.15;
  uint64_t seed = 1;
  std::string level = "unit";
  std::vector<std::string> regions;  // REGION=CAPACITY
  int due_soon_days = 30;
  bool fresh = false, json = false;
  int64_t plan_id = 0;
  std::string format = "csv", out;
  CLI::App *create = nullptr, *list = nullptr, *export_ = nullptr;
};
CLI::App* add_plan_command(CLI::App& app, PlanArgs& args);
int run_plan(const Workspace& ws, const PlanArgs& args);

}  // namespace vaksam::cli
