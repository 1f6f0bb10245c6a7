// vaksam: the command-line shell over the library. See docs/cli.md.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "common/error.h"

using namespace vaksam::cli;

int main(int argc, char** argv) {
  CLI::App app{"vaksam: risk-based supervision workbench (violence in close relationships)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "vaksam 0.1.0");
  std::string db, key;
  app.add_option("--db", db, "SQLite database file (default $VAKSAM_DB or var/vaksam.db)");
  app.add_option("--key-file", key, "pseudonymisation key (default $VAKSAM_KEY_FILE or <db>.key)");
  app.footer(
      "Examples:\n"
      "  vaksam init --db var/vaksam.db\n"
      "  vaksam import examples/principals.csv examples/units.csv examples/cases.csv\n"
      "  vaksam import --reject-file rejected.csv cases.csv\n"
      "  vaksam status\n"
      "  vaksam synth --seed 1 --out var/synth && vaksam import var/synth/*.csv\n"
      "Exit codes: 0 ok, 1 file refused, 2 usage, 3 imported with rejected rows, 4 store error,\n"
      "5 audit trail does not verify.");

  auto* init = app.add_subcommand("init", "create a new database and pseudonymisation key");
  init->footer("Example: vaksam init --db var/vaksam.db   (creates var/vaksam.db and var/vaksam.db.key, mode 0600)");

  ImportArgs import_args;
  auto* import = app.add_subcommand("import", "import CSV or JSON Lines files (all rows or none, per file)");
  import->add_option("files", import_args.files, "files to import (*.csv, *.jsonl); order does not matter")
      ->required();
  import->add_option("--entity", import_args.entity,
                     "principals, units, cases, inspections, deficiencies or indicators (default: from the header)");
  import->add_option("--encoding", import_args.encoding, "auto, utf-8 or windows-1252")
      ->check(CLI::IsMember({"auto", "utf-8", "windows-1252"}));
  import->add_option("--reject-file", import_args.reject_file,
                     "import the valid rows and write the rejected ones with reasons here");
  import->add_flag("--dry-run", import_args.dry_run, "validate only; write nothing");
  import->footer(
      "Examples:\n"
      "  vaksam import examples/*.csv            # imported in dependency order\n"
      "  vaksam import --encoding windows-1252 export.csv\n"
      "  vaksam import --reject-file fel.csv arenden.csv");

  bool json = false;
  auto* status = app.add_subcommand("status", "counts per entity and kind, date range, last import");
  status->add_flag("--json", json, "print JSON");
  status->footer("Example: vaksam status --json");

  SynthArgs synth_args;
  auto* synth = app.add_subcommand("synth", "write a synthetic national dataset (intake files + ground truth)");
  synth->add_option("--seed", synth_args.seed, "random seed (same seed and options: byte-identical files)");
  synth->add_option("--years", synth_args.years, "number of years")->check(CLI::Range(1, 50));
  synth->add_option("--end-year", synth_args.end_year, "last year of data (default: last full year)");
  synth->add_option("--scale", synth_args.scale, "1 = national volumes (~29,000 cases a year); 0.01 = tiny")
      ->check(CLI::Range(0.0001, 1000.0));
  synth->add_option("--planted", synth_args.planted_units, "units with a planted rise in risk");
  synth->add_option("--out", synth_args.out, "output folder")->required();
  synth->footer(
      "Examples:\n"
      "  vaksam synth --seed 1 --years 5 --scale 1 --out var/synth\n"
      "  vaksam import var/synth/*.csv        # truth/ is never imported\n"
      "  vaksam synth --seed 7 --scale 0.01 --years 2 --out /tmp/tiny");

  bool rescreen = false;
  unsigned threads = 0;
  auto* screen = app.add_subcommand("screen", "screen the cases' texts for violence (all cores)");
  screen->add_flag("--rescreen", rescreen, "screen every case again (after a lexicon change)");
  screen->add_option("--threads", threads, "threads (default: all cores)");
  screen->footer("Examples:\n  vaksam screen\n  vaksam screen --rescreen");

  std::string explain_case;
  bool explain_json = false;
  auto* explain = app.add_subcommand("explain", "show a case's text with the evidence that made each flag");
  explain->add_option("case_id", explain_case, "the case")->required();
  explain->add_flag("--json", explain_json, "print the result as JSON");
  explain->footer("Example: vaksam explain C000000042");

  std::string eval_file;
  auto* screen_eval = app.add_subcommand("screen-eval", "measure screening on a labelled JSONL file, against a keyword baseline");
  screen_eval->add_option("file", eval_file, "labelled passages (the shared screening dev-set format)")->required();
  screen_eval->footer("Example: vaksam screen-eval ../shared/screening/dev-set.jsonl");

  FeedbackArgs feedback_args;
  auto* feedback = app.add_subcommand("feedback", "confirm or reject a screening flag, or (no case) report precision from verdicts");
  feedback->add_option("case_id", feedback_args.case_id, "the case; leave out to see the precision report");
  feedback->add_option("--target", feedback_args.target, "violence (default) or a category, e.g. physical");
  auto* confirm = feedback->add_flag("--confirm", feedback_args.confirm, "the flag is right");
  auto* reject = feedback->add_flag("--reject", feedback_args.reject, "the flag is wrong");
  confirm->excludes(reject);
  feedback->add_option("--note", feedback_args.note, "why");
  feedback->add_option("--user", feedback_args.user, "who decided (default $USER)");
  feedback->footer("Examples:\n  vaksam feedback C000000042 --confirm\n"
                   "  vaksam feedback C000000042 --target sexual --reject --note \"gäller ett annat ärende\"\n"
                   "  vaksam feedback");

  auto* audit = app.add_subcommand("audit", "the tamper-evident audit trail");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "check the chain; name the first altered, removed or reordered entry");
  vaksam::store::AuditFilter audit_filter;
  auto* audit_show = audit->add_subcommand("show", "list entries, filtered by user, object and time");
  audit_show->add_option("--user", audit_filter.actor, "who");
  audit_show->add_option("--object-type", audit_filter.object_type, "e.g. case, batch");
  audit_show->add_option("--object", audit_filter.object_id, "e.g. a case id");
  audit_show->add_option("--since", audit_filter.since, "from, e.g. 2026-01-01");
  audit_show->add_option("--until", audit_filter.until, "to, e.g. 2026-12-31T23:59:59Z");
  audit_show->add_option("--limit", audit_filter.limit, "at most this many entries (default 1000)");
  audit->footer("Examples:\n  vaksam audit verify\n  vaksam audit show --user anna --since 2026-11-01\n"
                "  vaksam audit show --object-type case --object C000000042");

  std::string case_id, case_field;
  auto* case_cmd = app.add_subcommand("case", "show one case with its text (the access is audited)");
  case_cmd->add_option("case_id", case_id, "the case")->required();
  case_cmd->add_option("--field", case_field, "print only this field's value, e.g. narrative");
  bool case_redacted = false;
  case_cmd->add_flag("--redacted", case_redacted, "names, numbers and addresses replaced, as an analyst sees it");
  case_cmd->footer("Examples:\n  vaksam case C000000042\n  vaksam case C000000042 --field narrative --redacted");

  auto* retention = app.add_subcommand("retention", "how long each category of data is kept");
  auto* retention_show = retention->add_subcommand("show", "list the categories and their retention times");
  std::string retention_category;
  int64_t retention_days = 0;
  auto* retention_set = retention->add_subcommand("set", "change a retention time");
  retention_set->add_option("category", retention_category, "case_text, personal_data, case_records, superseded_versions")
      ->required();
  retention_set->add_option("days", retention_days, "days")->required()->check(CLI::PositiveNumber);
  retention->require_subcommand(1);
  retention->footer("Examples:\n  vaksam retention show\n  vaksam retention set case_text 1095");

  bool purge_dry_run = false;
  auto* purge = app.add_subcommand("purge", "remove what has passed its retention time (text first)");
  purge->add_flag("--dry-run", purge_dry_run, "say what would be removed; remove nothing");
  purge->footer("Examples:\n  vaksam purge --dry-run\n  vaksam purge");

  auto* key_cmd = app.add_subcommand("key", "keys of texts at rest");
  key_cmd->require_subcommand(1);
  auto* key_rotate = key_cmd->add_subcommand("rotate", "new data key: seal every stored text again, delete the old keys");
  key_cmd->footer("Example: vaksam key rotate");

  StatsArgs stats_args;
  auto* stats = app.add_subcommand("stats", "sex-disaggregated tables, comparisons and trends (small cells suppressed)");
  stats->require_subcommand(1);
  auto add_table_options = [&stats_args](CLI::App* c) {
    c->add_option("--by", stats_args.by,
                  "dimensions: sex, age_band, vulnerability, vulnerability:<marker>, case_kind, category, unit_type, "
                  "principal, municipality, region, year, quarter, month (sex is always added unless --no-sex)")
        ->delimiter(',');
    c->add_option("--where", stats_args.where, "filter key=value[,value], e.g. kind=lex_sarah, violence=yes, from=2023-01-01");
    c->add_flag("--no-sex", stats_args.no_sex, "remove sex on purpose (said in the output)");
    c->add_option("--denominator", stats_args.denominator, "population (default), placements (SiS) or none");
    c->add_option("--population", stats_args.population_file, "population by area, year, sex and age band (CSV)");
    c->add_option("--threshold", stats_args.threshold, "suppress counts below this (default 5)");
    c->add_option("--format", stats_args.format, "csv (default) or json")->check(CLI::IsMember({"csv", "json"}));
  };
  auto* stats_table = stats->add_subcommand("table", "counts and rates by any dimensions");
  add_table_options(stats_table);
  auto* stats_compare = stats->add_subcommand("compare", "rate ratio, or difference of proportions, between two groups");
  add_table_options(stats_compare);
  stats_compare->add_option("--groups", stats_args.groups, "DIMENSION=A,B, e.g. sex=female,male")->required();
  stats_compare->add_option("--outcome", stats_args.outcome,
                            "compare the share with DIMENSION=CODE instead of rates, e.g. vulnerability:disability=yes");
  auto* stats_trend = stats->add_subcommand("trend", "Poisson trend over years per group, with overdispersion");
  add_table_options(stats_trend);
  auto* stats_report = stats->add_subcommand("report", "the standard report: violence, seclusion, sex x disability");
  stats_report->add_option("--population", stats_args.population_file, "population by area, year, sex and age band (CSV)");
  stats_report->add_option("--threshold", stats_args.threshold, "suppress counts below this (default 5)");
  stats_report->add_option("--format", stats_args.format, "csv (default) or json")->check(CLI::IsMember({"csv", "json"}));
  stats->footer(
      "Examples:\n"
      "  vaksam stats table --by year --where kind=lex_sarah --where violence=yes\n"
      "  vaksam stats table --by region --no-sex --format json\n"
      "  vaksam stats compare --by year --groups sex=female,male --where violence=yes\n"
      "  vaksam stats compare --by vulnerability:disability --groups sex=female,male \\\n"
      "      --outcome vulnerability:disability=yes --where kind=lex_sarah --where violence=yes\n"
      "  vaksam stats trend --where kind=seclusion --denominator placements\n"
      "  vaksam stats report --format json");

  RiskArgs risk_args;
  auto* risk = add_risk_command(app, risk_args);
  FollowupArgs followup_args;
  auto* followup = add_followup_command(app, followup_args);
  PlanArgs plan_args;
  auto* plan = add_plan_command(app, plan_args);

  ServeArgs serve_args;
  auto* serve = add_serve_command(app, serve_args);
  UserArgs user_args;
  auto* user = add_user_command(app, user_args);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kOk : kUsage;
  }
  const Workspace ws = Workspace::resolve(db, key);
  try {
    if (*init) return run_init(ws);
    if (*serve) return run_serve(ws, serve_args);
    if (*risk) return run_risk(ws, risk_args);
    if (*followup) return run_followup(ws, followup_args);
    if (*plan) return run_plan(ws, plan_args);
    if (*user) return run_user(ws, user_args);
    if (*import) return run_import(ws, import_args);
    if (*status) return run_status(ws, json);
    if (*synth) return run_synth(synth_args);
    if (*screen) return run_screen(ws, rescreen, threads);
    if (*audit_verify) return run_audit_verify(ws);
    if (*key_rotate) return run_key_rotate(ws);
    if (*retention_show) return run_retention_show(ws);
    if (*retention_set) return run_retention_set(ws, retention_category, retention_days);
    if (*purge) return run_purge(ws, purge_dry_run);
    if (*case_cmd) return run_case(ws, case_id, case_field, case_redacted);
    if (*audit_show) return run_audit_show(ws, audit_filter);
    if (*stats) {
      stats_args.action = *stats_table ? "table" : *stats_compare ? "compare" : *stats_trend ? "trend" : "report";
      return run_stats(ws, stats_args);
    }
    if (*explain) return run_explain(ws, explain_case, explain_json);
    if (*screen_eval) return run_screen_eval(eval_file);
    if (*feedback) {
      if (feedback_args.case_id.empty()) return run_feedback_report(ws);
      if (feedback_args.confirm == feedback_args.reject) {
        std::fprintf(stderr, "vaksam: say --confirm or --reject\n");
        return kUsage;
      }
      return run_feedback(ws, feedback_args);
    }
  } catch (const vaksam::Error& e) {
    std::fprintf(stderr, "vaksam: %s\n", e.what());
    return kStoreError;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vaksam: internal error: %s\n", e.what());
    return kInternal;
  }
  return kUsage;
}
