#include "cli/workspace.h"

#include <cstdlib>

namespace vaksam::cli {

Workspace Workspace::resolve(const std::string& db_flag, const std::string& key_flag) {
  Workspace w;
  const char* env_db = std::getenv("VAKSAM_DB");
  w.db_path = !db_flag.empty() ? db_flag : (env_db && *env_db ? env_db : "var/vaksam.db");
  const char* env_key = std::getenv("VAKSAM_KEY_FILE");
  w.key_path = !key_flag.empty() ? key_flag : (env_key && *env_key ? env_key : w.db_path + ".key");
  w.anchor_path = w.db_path + ".audit-anchor";
  return w;
}

}  // namespace vaksam::cli
