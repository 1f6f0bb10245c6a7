#include "server/server_context.h"

#include <algorithm>
#include <functional>

namespace vaksam::server {

ServerContext::ServerContext(ServerConfig config, const privacy::KeySet& keys)
    : config_(std::move(config)), keys_(keys) {
  // Requests hold a connection only while they run, and SQLite serves a few readers
  // per core at best: up to 16 connections, fewer with fewer threads.
  pool_ = std::make_unique<StorePool>(config_.db_path, config_.anchor_path, keys_, std::min<size_t>(config_.threads, 16));
  if (!config_.static_dir.empty()) static_files_ = std::make_unique<StaticFiles>(config_.static_dir);
  // Each job with a pooled connection of its own, as a request has.
  auto with_store = [this](std::function<void(store::Store&)> job) {
    return [this, job = std::move(job)] {
      auto lease = pool_->acquire();
      job(*lease->store);
    };
  };
  // A new risk run is looked for every few seconds, the overview's figures and new
  // data (the check reads the batch list and the status history) every ten; in this
  // order at start, the quickest first.
  using std::chrono::seconds;
  background_.add("the risk run", seconds(2), with_store([this](store::Store& s) { analysis_.refresh_run(s); }));
  background_.add("the overview", seconds(10), with_store([this](store::Store& s) { overview_figures_.refresh(s); }));
  background_.add("the analysis data", seconds(10), with_store([this](store::Store& s) { analysis_.refresh_data(s); }));
}

void ServerContext::start_background() { background_.start(); }

struct ServerContext::PendingAudit {
  audit::Actor actor;
  std::string action, object_type, object_id, details;
  bool done = false;
  std::exception_ptr error;
};

void ServerContext::audit(Connection& c, const audit::Actor& actor, const std::string& action,
                          const std::string& object_type, const std::string& object_id, const std::string& details) {
  auto mine = std::make_shared<PendingAudit>(PendingAudit{actor, action, object_type, object_id, details});
  std::unique_lock lock(audit_mutex_);
  audit_queue_.push_back(mine);
  while (!mine->done) {
    if (audit_flushing_) {
      audit_done_.wait(lock);
      continue;
    }
    // Nobody is writing: this caller writes everything queued, its own entry included.
    audit_flushing_ = true;
    auto batch = std::move(audit_queue_);
    audit_queue_.clear();
    lock.unlock();
    std::exception_ptr error;
    try {
      write(c, [&](store::Store&, audit::AuditLog& log) {
        for (const auto& e : batch) log.record(e->actor, e->action, e->object_type, e->object_id, e->details);
      });
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    for (auto& e : batch) {
      e->done = true;
      e->error = error;  // nothing of a failed batch was committed: every caller in it fails
    }
    audit_flushing_ = false;
    audit_done_.notify_all();
  }
  if (mine->error) std::rethrow_exception(mine->error);
}

}  // namespace vaksam::server
