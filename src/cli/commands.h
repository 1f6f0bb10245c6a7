// The subcommands of `vaksam`. Each is a thin shell over the library and returns
// an exit code (exit_codes.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/workspace.h"
#include "store/store.h"

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

}  // namespace vaksam::cli
