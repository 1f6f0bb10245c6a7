// Where the database and the pseudonymisation key live, from flags or environment.
#pragma once

#include <string>

namespace vaksam::cli {

struct Workspace {
  std::string db_path;   // --db, else $VAKSAM_DB, else var/vaksam.db; or a postgresql:// URI
  std::string db_name;   // db_path as it may be shown and audited: a password in a URI is hidden
  std::string key_path;  // --key-file, else $VAKSAM_KEY_FILE, else <db>.key (no default for PostgreSQL)
  // The audit trail's last entry, kept outside the database: <db>.audit-anchor, or
  // for PostgreSQL <key file>.audit-anchor, beside the key.
  std::string anchor_path;

  static Workspace resolve(const std::string& db_flag, const std::string& key_flag);
  // Throws vaksam::Error if no key file could be named (a PostgreSQL database without
  // --key-file or $VAKSAM_KEY_FILE).
  void require_key_file() const;
};

}  // namespace vaksam::cli
