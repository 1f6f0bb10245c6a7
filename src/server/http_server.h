// `vaksam serve`: the API and the dashboard's files over cpp-httplib, with a
// worker pool, body-size limits, timeouts, and a graceful stop on SIGTERM/SIGINT
// (no new connections; requests in flight finish and their writes commit).
#pragma once

#include <functional>

#include "privacy/keys.h"
#include "server/server_config.h"

namespace vaksam::server {

// Runs until SIGTERM or SIGINT. `on_listening` gets the bound port (useful with
// port 0). Returns 0 after a clean stop; throws std::runtime_error if it cannot bind.
int serve(const ServerConfig& config, const privacy::KeySet& keys, const std::function<void(int port)>& on_listening);

}  // namespace vaksam::server
