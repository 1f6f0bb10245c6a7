#include "server/server_context.h"

#include <algorithm>

namespace vaksam::server {

ServerContext::ServerContext(ServerConfig config, const privacy::KeySet& keys)
    : config_(std::move(config)), keys_(keys) {
  // Requests hold a connection only while they run, and SQLite serves a few readers
  // per core at best: up to 16 connections, fewer with fewer threads.
  pool_ = std::make_unique<StorePool>(config_.db_path, config_.anchor_path, keys_, std::min<size_t>(config_.threads, 16));
  if (!config_.static_dir.empty()) static_files_ = std::make_unique<StaticFiles>(config_.static_dir);
}

void ServerContext::audit(Connection& c, const audit::Actor& actor, const std::string& action,
                          const std::string& object_type, const std::string& object_id, const std::string& details) {
  write(c, [&](store::Store&, audit::AuditLog& log) { log.record(actor, action, object_type, object_id, details); });
}

}  // namespace vaksam::server
