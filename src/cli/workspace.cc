#include "cli/workspace.h"

#include <cstdlib>

#include "common/error.h"
#include "store/postgres_store.h"

namespace vaksam::cli {

Workspace Workspace::resolve(const std::string& db_flag, const std::string& key_flag) {
  Workspace w;
  const char* env_db = std::getenv("VAKSAM_DB");
  w.db_path = !db_flag.empty() ? db_flag : (env_db && *env_db ? env_db : "var/vaksam.db");
  w.db_name = store::printable_location(w.db_path);
  // A server database has no directory of ours to keep the key in: it must be named.
  const bool server = store::is_postgres_location(w.db_path);
  const char* env_key = std::getenv("VAKSAM_KEY_FILE");
  w.key_path = !key_flag.empty() ? key_flag : (env_key && *env_key ? env_key : (server ? "" : w.db_path + ".key"));
  if (!server) w.anchor_path = w.db_path + ".audit-anchor";
  else if (!w.key_path.empty()) w.anchor_path = w.key_path + ".audit-anchor";
  return w;
}

void Workspace::require_key_file() const {
  if (key_path.empty())
    throw Error(db_name + " is a PostgreSQL database: name its key file with --key-file or $VAKSAM_KEY_FILE "
                "(the audit anchor is kept beside it)");
}

}  // namespace vaksam::cli
