#include "server/store_pool.h"

#include <map>

#include "store/open_store.h"

namespace vaksam::server {

void Connection::refresh_data_keys(const privacy::Key& wrapping) {
  const auto wrapped = store->wrapped_data_keys();
  const uint32_t newest = wrapped.empty() ? 0 : wrapped.rbegin()->first;
  if (cipher && newest == key_generation) return;
  // As in cli::Session::load_data_keys: a database always has a data key once
  // `vaksam init` ran; the server never creates the first one.
  std::map<uint32_t, privacy::Key> keys;
  for (const auto& [generation, w] : wrapped) keys[generation] = privacy::unwrap_key(w, wrapping, generation);
  store->use_text_cipher(nullptr);
  cipher = std::make_unique<privacy::TextCipher>(std::move(keys));
  store->use_text_cipher(cipher.get());
  key_generation = newest;
}

StorePool::StorePool(const std::string& db_path, const std::string& anchor_path, const privacy::KeySet& keys,
                     size_t size)
    : keys_(keys) {
  for (size_t i = 0; i < size; ++i) {
    auto c = std::make_unique<Connection>();
    // SQLite file or postgresql:// URI; the first connection checks the file, the rest reuse it.
    c->store = store::open_store(db_path, i == 0 ? store::OpenMode::open_existing : store::OpenMode::another_connection);
    c->refresh_data_keys(keys.wrapping);
    c->audit = std::make_unique<audit::AuditLog>(*c->store, keys.audit, anchor_path);
    free_.push_back(c.get());
    all_.push_back(std::move(c));
  }
}

StorePool::Lease StorePool::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !free_.empty(); });
  Connection* c = free_.back();
  free_.pop_back();
  return Lease(*this, c);
}

void StorePool::give_back(Connection* c) {
  {
    std::lock_guard lock(mutex_);
    free_.push_back(c);
  }
  available_.notify_one();
}

}  // namespace vaksam::server
