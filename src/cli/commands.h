// The subcommands of `vaksam`. Each is a thin shell over the library and returns
// an exit code (exit_codes.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/workspace.h"

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

}  // namespace vaksam::cli
