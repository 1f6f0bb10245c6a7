// The subcommands of `vaksam`. Each is a thin shell over the library and returns
// an exit code (exit_codes.h).
#pragma once

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

}  // namespace vaksam::cli
