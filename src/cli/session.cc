#include "cli/session.h"

#include <cstdlib>

namespace vaksam::cli {

Session Session::open(const Workspace& ws, store::OpenMode mode) {
  Session s;
  s.ws = ws;
  // The key first: without it nothing may be written (no pseudonyms, no audit entries).
  s.keys = privacy::derive_keys(privacy::load_key_file(ws.key_path));
  s.store = store::open_sqlite(ws.db_path, mode);
  s.audit = std::make_unique<audit::AuditLog>(*s.store, s.keys.audit, ws.anchor_path);
  const char* user = std::getenv("USER");
  s.actor = {user && *user ? user : "cli", audit::cli_origin()};
  return s;
}

}  // namespace vaksam::cli
