// What every command that touches the store needs: the store, the keys derived
// from the key file, the audit log and who is acting.
#pragma once

#include <memory>

#include "audit/audit_log.h"
#include "cli/workspace.h"
#include "privacy/keys.h"
#include "privacy/text_cipher.h"
#include "store/open_store.h"

namespace vaksam::cli {

struct Session {
  Workspace ws;
  privacy::KeySet keys;
  std::unique_ptr<privacy::TextCipher> cipher;  // seals free text at rest; outlives the store's use
  std::unique_ptr<store::Store> store;
  std::unique_ptr<audit::AuditLog> audit;
  audit::Actor actor;

  // Opens the existing database and its key; throws vaksam::Error naming what is missing.
  static Session open(const Workspace& ws, store::OpenMode mode = store::OpenMode::open_existing);

  // Sets the cipher from the database's wrapped data keys (creating the first one for
  // a new database); throws vaksam::Error if the key file does not belong to it.
  void load_data_keys();
};

}  // namespace vaksam::cli
