// Everything the handlers share: configuration, the route registry, the store
// pool, the one write lock, sign-in rate limits, the audit helpers, and the caches
// the read routes serve from with the thread that keeps them fresh.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "privacy/keys.h"
#include "server/analysis_snapshot.h"
#include "server/background_refresh.h"
#include "server/overview_figures.h"
#include "server/rate_limiter.h"
#include "server/route_registry.h"
#include "server/server_config.h"
#include "server/static_files.h"
#include "server/store_pool.h"

namespace vaksam::server {

class ServerContext {
 public:
  ServerContext(ServerConfig config, const privacy::KeySet& keys);

  const ServerConfig& config() const { return config_; }
  const privacy::KeySet& keys() const { return keys_; }
  RouteRegistry& registry() { return registry_; }
  const RouteRegistry& registry() const { return registry_; }
  StorePool& pool() { return *pool_; }
  const StaticFiles* static_files() const { return static_files_.get(); }
  RateLimiter& sign_in_failures_per_account() { return per_account_; }
  RateLimiter& sign_in_attempts_per_address() { return per_address_; }  // failed attempts

  // What the read routes serve from, kept fresh by a background thread.
  AnalysisCache& analysis() { return analysis_; }
  OverviewFiguresCache& overview_figures() { return overview_figures_; }
  // Starts the background refresh (the first load begins at once); before serving.
  void start_background();
  // After a write in this server (an import, a status change): the background
  // refresh looks now, rather than at its next turn.
  void refresh_soon() {
    overview_figures_.changed();
    background_.poke();
  }

  // Runs `change` in one write transaction together with the audit entries it
  // records, commits, then publishes the audit anchor. One writer at a time across
  // the server (SQLite has one writer anyway), so the audit chain and its anchor
  // advance in order.
  template <class Change>
  auto write(Connection& c, Change&& change) {
    std::lock_guard lock(write_mutex_);
    c.refresh_data_keys(keys_.wrapping);
    store::Transaction tx(*c.store);
    if constexpr (std::is_void_v<decltype(change(*c.store, *c.audit))>) {
      change(*c.store, *c.audit);
      tx.commit();
      c.audit->publish();
    } else {
      auto result = change(*c.store, *c.audit);
      tx.commit();
      c.audit->publish();
      return result;
    }
  }

  // For work that runs its own transaction (the importer): one writer at a time,
  // and the audit anchor published after it.
  template <class Work>
  void write_raw(Connection& c, Work&& work) {
    std::lock_guard lock(write_mutex_);
    c.refresh_data_keys(keys_.wrapping);
    work();
    c.audit->publish();
  }

  // An audit entry on its own (a read of personal data, a refusal): written and
  // committed before the data is sent. Concurrent callers are committed together
  // (group commit: one transaction and one anchor write for all entries waiting),
  // so audited reads do not queue one by one behind the write lock.
  void audit(Connection& c, const audit::Actor& actor, const std::string& action, const std::string& object_type,
             const std::string& object_id, const std::string& details);

  // A write that may be skipped when another write is running (refreshing a
  // session's last-seen time): never makes a reader wait behind an import.
  template <class Change>
  bool write_if_free(Connection& c, Change&& change) {
    std::unique_lock lock(write_mutex_, std::try_to_lock);
    if (!lock.owns_lock()) return false;
    store::Transaction tx(*c.store);
    change(*c.store);
    tx.commit();
    return true;
  }

  std::atomic<bool> stopping{false};

 private:
  ServerConfig config_;
  privacy::KeySet keys_;
  RouteRegistry registry_;
  std::unique_ptr<StorePool> pool_;
  std::unique_ptr<StaticFiles> static_files_;
  std::mutex write_mutex_;
  struct PendingAudit;
  std::mutex audit_mutex_;  // guards the two below
  std::vector<std::shared_ptr<PendingAudit>> audit_queue_;
  bool audit_flushing_ = false;
  std::condition_variable audit_done_;
  RateLimiter per_account_{5, std::chrono::minutes(15)};
  RateLimiter per_address_{30, std::chrono::minutes(15)};
  AnalysisCache analysis_;
  OverviewFiguresCache overview_figures_;
  BackgroundRefresh background_;  // last: destroyed (stopped) before the caches and the pool
};

}  // namespace vaksam::server
