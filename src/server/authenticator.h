// Who is calling: a bearer API token (Authorization header) or a session cookie.
// Expired or unknown credentials are refused (401) rather than treated as
// anonymous, so a client learns to sign in again.
#pragma once

#include <optional>

#include "server/http_types.h"
#include "server/route.h"
#include "server/server_context.h"

namespace vaksam::server {

// nullopt: no credentials at all. Throws ApiError (session_expired, invalid_token)
// for credentials that do not hold.
std::optional<Principal> authenticate(ServerContext& server, Connection& db, const HttpRequest& request);

// The client's address: the peer, or with behind_proxy and a loopback peer, the
// address the proxy says it forwarded for.
std::string client_address(const ServerConfig& config, const HttpRequest& request);
// Whether the client reached us over TLS (directly or through the proxy).
bool client_uses_tls(const ServerConfig& config, const HttpRequest& request);

}  // namespace vaksam::server
