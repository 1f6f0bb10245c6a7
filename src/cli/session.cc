#include "cli/session.h"

#include <cstdlib>

namespace vaksam::cli {

Session Session::open(const Workspace& ws, store::OpenMode mode) {
  Session s;
  s.ws = ws;
  // The key first: without it nothing may be written (no pseudonyms, no audit entries).
  ws.require_key_file();
  s.keys = privacy::derive_keys(privacy::load_key_file(ws.key_path));
  s.store = store::open_store(ws.db_path, mode);
  s.load_data_keys();
  s.audit = std::make_unique<audit::AuditLog>(*s.store, s.keys.audit, ws.anchor_path);
  const char* user = std::getenv("USER");
  s.actor = {user && *user ? user : "cli", audit::cli_origin()};
  return s;
}

void Session::load_data_keys() {
  auto wrapped = store->wrapped_data_keys();
  if (wrapped.empty()) {
    store::Transaction tx(*store);
    store->add_wrapped_data_key(1, privacy::wrap_key(privacy::random_key(), keys.wrapping, 1));
    tx.commit();
    wrapped = store->wrapped_data_keys();
  }
  std::map<uint32_t, privacy::Key> data_keys;
  for (const auto& [generation, w] : wrapped) data_keys[generation] = privacy::unwrap_key(w, keys.wrapping, generation);
  store->use_text_cipher(nullptr);
  cipher = std::make_unique<privacy::TextCipher>(std::move(data_keys));
  store->use_text_cipher(cipher.get());
}

}  // namespace vaksam::cli
