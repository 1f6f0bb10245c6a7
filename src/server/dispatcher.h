// One API request from start to end: find the route, identify the caller, check
// the role, the CSRF token, the parameters and the body, run the handler, and turn
// every outcome (including refusals, which are audited) into a JSON reply.
#pragma once

#include "server/http_types.h"
#include "server/server_context.h"

namespace vaksam::server {

inline constexpr const char* kCsrfHeader = "x-csrf-token";

HttpReply dispatch(ServerContext& server, const HttpRequest& request);

// The largest body the route takes.
size_t body_limit(const ServerConfig& config, const Route& route);

// The JSON reply for an error.
HttpReply error_reply(const class ApiError& error);

}  // namespace vaksam::server
