#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "privacy/pseudonymizer.h"
#include "cli/session.h"

namespace vaksam::cli {

int run_init(const Workspace& ws) {
  ws.require_key_file();
  const auto dir = std::filesystem::path(store::is_postgres_location(ws.db_path) ? ws.key_path : ws.db_path).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir);
  // The key first: a database without its key could never take identity numbers.
  const bool had_key = std::filesystem::exists(ws.key_path);
  if (!had_key) privacy::create_key_file(ws.key_path);
  privacy::load_key_file(ws.key_path);  // refuses a key readable by others
  try {
    Session session = Session::open(ws, store::OpenMode::create);
    std::remove(ws.anchor_path.c_str());  // a new trail starts at entry 1
    session.audit->record_access(session.actor, "init", "database", ws.db_name);
    std::printf("created %s (schema version %d)\n", ws.db_name.c_str(), session.store->schema_version());
  } catch (...) {
    if (!had_key) std::filesystem::remove(ws.key_path);
    throw;
  }
  std::printf("%s pseudonymisation key %s (mode 0600; keep it secret and backed up: without it,\n"
              "the same person gets a different pseudonym)\n",
              had_key ? "using existing" : "created", ws.key_path.c_str());
  return kOk;
}

}  // namespace vaksam::cli
