// Where the database and the pseudonymisation key live, from flags or environment.
#pragma once

#include <string>

namespace vaksam::cli {

struct Workspace {
  std::string db_path;   // --db, else $VAKSAM_DB, else var/vaksam.db
  std::string key_path;  // --key-file, else $VAKSAM_KEY_FILE, else <db>.key
  std::string anchor_path;  // <db>.audit-anchor: the audit trail's last entry, kept outside the database

  static Workspace resolve(const std::string& db_flag, const std::string& key_flag);
};

}  // namespace vaksam::cli
