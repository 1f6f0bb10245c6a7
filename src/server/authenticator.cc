#include "server/authenticator.h"

#include "privacy/roles.h"
#include "server/api_error.h"
#include "server/clock.h"
#include "server/cookies.h"
#include "server/secret_token.h"

namespace vaksam::server {

namespace {

// last_seen_at is refreshed at most once a minute, so a busy dashboard does not
// write on every request.
constexpr std::time_t kTouchInterval = 60;

bool is_loopback(const std::string& addr) { return addr == "127.0.0.1" || addr == "::1" || addr == "::ffff:127.0.0.1"; }

std::time_t parse_iso(const std::string& iso) {
  std::tm tm{};
  if (!strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm)) return 0;
  return timegm(&tm);
}

std::optional<Principal> from_token(ServerContext& server, Connection& db, const std::string& token) {
  const std::string digest = secret_digest(token);
  const auto t = db.store->find_api_token(digest);
  if (!t || t->revoked) throw ApiError("invalid_token");
  const auto user = db.store->find_user(t->user_name);
  if (!user || user->disabled) throw ApiError("invalid_token");
  const auto role = privacy::role_from_name(user->role);
  if (!role) throw ApiError("invalid_token");
  const std::time_t now = now_utc();
  if (t->last_used_at.empty() || now - parse_iso(t->last_used_at) >= kTouchInterval)
    server.write_if_free(db, [&](store::Store& s) { s.touch_api_token(digest, iso_utc(now)); });
  return Principal{user->name, *role, true, "", ""};
}

std::optional<Principal> from_session(ServerContext& server, Connection& db, const std::string& cookie) {
  const std::string digest = secret_digest(cookie);
  const auto s = db.store->find_session(digest);
  if (!s) throw ApiError("session_expired");
  const std::time_t now = now_utc();
  const std::time_t last_seen = parse_iso(s->last_seen_at);
  if (now >= parse_iso(s->expires_at) || now - last_seen >= server.config().session_idle_seconds) {
    server.write_if_free(db, [&](store::Store& st) { st.delete_session(digest); });
    throw ApiError("session_expired");
  }
  const auto user = db.store->find_user(s->user_name);
  if (!user || user->disabled) throw ApiError("session_expired");
  const auto role = privacy::role_from_name(user->role);
  if (!role) throw ApiError("session_expired");
  if (now - last_seen >= kTouchInterval)
    server.write_if_free(db, [&](store::Store& st) { st.touch_session(digest, iso_utc(now)); });
  return Principal{user->name, *role, false, digest, s->csrf_hash};
}

}  // namespace

std::optional<Principal> authenticate(ServerContext& server, Connection& db, const HttpRequest& request) {
  const std::string authorization = request.header("authorization");
  if (!authorization.empty()) {
    const std::string prefix = "Bearer ";
    if (authorization.rfind(prefix, 0) != 0 || authorization.size() == prefix.size()) throw ApiError("invalid_token");
    return from_token(server, db, authorization.substr(prefix.size()));
  }
  const auto cookie = cookie_value(request.header("cookie"), kSessionCookie);
  if (cookie && !cookie->empty()) return from_session(server, db, *cookie);
  return std::nullopt;
}

std::string client_address(const ServerConfig& config, const HttpRequest& request) {
  if (config.behind_proxy && is_loopback(request.remote_addr)) {
    std::string forwarded = request.header("x-forwarded-for");
    // The proxy appends the address it saw; anything before it came from the client.
    const size_t comma = forwarded.rfind(',');
    if (comma != std::string::npos) forwarded = forwarded.substr(comma + 1);
    while (!forwarded.empty() && forwarded.front() == ' ') forwarded.erase(0, 1);
    if (!forwarded.empty() && forwarded.size() <= 64) return forwarded;
  }
  return request.remote_addr;
}

bool client_uses_tls(const ServerConfig& config, const HttpRequest& request) {
  if (request.tls) return true;
  return config.behind_proxy && is_loopback(request.remote_addr) && request.header("x-forwarded-proto") == "https";
}

}  // namespace vaksam::server
