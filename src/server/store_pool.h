// A fixed set of store connections, one leased per request: SQLite connections
// are not shared between threads, and WAL lets every connection read while one
// writes. Each connection has its own text cipher and audit log.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "privacy/keys.h"
#include "privacy/text_cipher.h"
#include "store/store.h"

namespace vaksam::server {

struct Connection {
  std::unique_ptr<privacy::TextCipher> cipher;  // outlives the store's use of it
  std::unique_ptr<store::Store> store;
  std::unique_ptr<audit::AuditLog> audit;
  uint32_t key_generation = 0;  // newest data key loaded

  // Reloads the data keys if `vaksam key rotate` added a generation meanwhile.
  void refresh_data_keys(const privacy::Key& wrapping);
};

class StorePool {
 public:
  StorePool(const std::string& db_path, const std::string& anchor_path, const privacy::KeySet& keys, size_t size);

  class Lease {
   public:
    Lease(StorePool& pool, Connection* c) : pool_(&pool), c_(c) {}
    Lease(Lease&& o) noexcept : pool_(o.pool_), c_(o.c_) { o.c_ = nullptr; }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (c_) pool_->give_back(c_);
    }
    Connection& operator*() const { return *c_; }
    Connection* operator->() const { return c_; }

   private:
    StorePool* pool_;
    Connection* c_;
  };

  Lease acquire();  // waits for a free connection

 private:
  void give_back(Connection* c);

  privacy::KeySet keys_;
  std::vector<std::unique_ptr<Connection>> all_;
  std::vector<Connection*> free_;
  std::mutex mutex_;
  std::condition_variable available_;
};

}  // namespace vaksam::server
