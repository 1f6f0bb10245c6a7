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
      "Exit codes: 0 ok, 1 file refused, 2 usage, 3 imported with rejected rows, 4 store error.");

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

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kOk : kUsage;
  }
  const Workspace ws = Workspace::resolve(db, key);
  try {
    if (*init) return run_init(ws);
    if (*import) return run_import(ws, import_args);
    if (*status) return run_status(ws, json);
  } catch (const vaksam::Error& e) {
    std::fprintf(stderr, "vaksam: %s\n", e.what());
    return kStoreError;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vaksam: internal error: %s\n", e.what());
    return kInternal;
  }
  return kUsage;
}
