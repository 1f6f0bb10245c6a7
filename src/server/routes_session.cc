// Signing in and out, and who the caller is. A session is a random cookie
// (HttpOnly, SameSite=Strict, Secure under TLS) stored only as its digest, with a
// CSRF token handed out once at sign-in; failed sign-ins are limited per account
// (5 in 15 minutes) and per client address (30 in 15 minutes).
#include "privacy/roles.h"
#include "server/api_error.h"
#include "server/authenticator.h"
#include "server/clock.h"
#include "server/cookies.h"
#include "server/json_schema.h"
#include "server/password.h"
#include "server/route_helpers.h"
#include "server/routes.h"
#include "server/secret_token.h"
#include "server/server_context.h"

namespace vaksam::server {

namespace {

nlohmann::json me_json(Call& call) {
  const auto& who = call.who();
  nlohmann::json allowed = nlohmann::json::array();
  for (const auto& r : call.server.registry().routes())
    if (r.access != Access::open && allows(r.access, call.permissions())) allowed.push_back(r.method + " " + r.path);
  return {{"user", who.user},
          {"role", std::string(privacy::role_name(who.role))},
          {"authenticated_by", who.via_token ? "api_token" : "session"},
          {"permissions", permissions_json(call.permissions())},
          {"assigned_units", call.db.store->assigned_units(who.user)},
          {"allowed_routes", allowed}};
}

Reply sign_in(Call& call) {
  auto& server = call.server;
  const std::string name = call.body["name"], password = call.body["password"];
  const std::string address = call.request.remote_addr;
  const auto now = RateLimiter::Clock::now();
  auto& per_account = server.sign_in_failures_per_account();
  auto& per_address = server.sign_in_attempts_per_address();
  if (!per_address.allowed(address, now) || !per_account.allowed(name, now)) {
    server.audit(call.db, {name, "http@" + address}, "sign_in_refused", "user", valid_user_name(name) ? name : "?",
                 "rate limited");
    throw ApiError("too_many_requests");  // the route's handler adds Retry-After
  }
  std::optional<store::UserRecord> user;
  if (valid_user_name(name)) user = call.db.store->find_user(name);
  bool ok = false;
  if (user && !user->disabled) ok = verify_password(user->password_hash, password);
  else verify_against_dummy(password);
  if (!ok || !privacy::role_from_name(user->role)) {
    // Failures count against the account and the address; successes never do, so
    // many colleagues behind one proxy address can all sign in.
    per_account.record(name, now);
    per_address.record(address, now);
    server.audit(call.db, {valid_user_name(name) ? name : "?", "http@" + address}, "sign_in_failed", "user",
                 valid_user_name(name) ? name : "?", "");
    throw ApiError("invalid_credentials");
  }
  per_account.clear(name);
  const std::string token = random_secret(), csrf = random_secret();
  const std::time_t t = now_utc();
  const auto& config = server.config();
  store::SessionRecord session{secret_digest(token), secret_digest(csrf), user->name, iso_utc(t), iso_utc(t),
                               iso_utc(t + config.session_max_seconds), address};
  server.write(call.db, [&](store::Store& s, audit::AuditLog& log) {
    s.delete_sessions_before(iso_utc(t - config.session_idle_seconds));  // housekeeping
    s.create_session(session);
    log.record({user->name, "http@" + address}, "sign_in", "user", user->name, "role=" + user->role);
  });
  call.principal = Principal{user->name, *privacy::role_from_name(user->role), false, session.token_hash,
                             session.csrf_hash};
  nlohmann::json body = me_json(call);
  body["csrf_token"] = csrf;
  body["expires_at"] = session.expires_at;
  body["idle_timeout_seconds"] = config.session_idle_seconds;
  return Reply{200, body,
               {{"Set-Cookie", session_set_cookie(token, config.session_max_seconds,
                                                  client_uses_tls(config, call.request))}}};
}

}  // namespace

void add_session_routes(RouteRegistry& registry) {
  nlohmann::json me_schema = object_with({{"user", {{"type", "string"}}},
                                          {"role", {{"type", "string"}}},
                                          {"authenticated_by", {{"type", "string"}}},
                                          {"permissions", {{"type", "object"}}},
                                          {"assigned_units", array_of({{"type", "string"}})},
                                          {"allowed_routes", array_of({{"type", "string"}})}});
  Route in;
  in.method = "POST";
  in.path = "/api/session";
  in.summary = "Sign in: sets the session cookie and returns the CSRF token for state-changing requests";
  in.tag = "session";
  in.access = Access::open;
  in.writes = true;
  in.request_schema = object_with({{"name", string_schema(64, 1)}, {"password", string_schema(1024, 1)}});
  in.request_schema = object_schema(in.request_schema["properties"], {"name", "password"});
  in.max_body = 4096;
  nlohmann::json signed_in = me_schema;
  signed_in["properties"]["csrf_token"] = {{"type", "string"}};
  signed_in["properties"]["expires_at"] = {{"type", "string"}, {"format", "date-time"}};
  in.response_schema = signed_in;
  in.handler = [](Call& call) {
    try {
      return sign_in(call);
    } catch (const ApiError& e) {
      if (e.code() != "too_many_requests") throw;
      // Say when to try again.
      const auto now = RateLimiter::Clock::now();
      const int64_t wait = std::max(
          call.server.sign_in_attempts_per_address().retry_after(call.request.remote_addr, now),
          call.server.sign_in_failures_per_account().retry_after(call.body["name"].get<std::string>(), now));
      return Reply{429, e.to_json(), {{"Retry-After", std::to_string(wait)}}};
    }
  };
  registry.add(std::move(in));

  Route out;
  out.method = "DELETE";
  out.path = "/api/session";
  out.summary = "Sign out: ends the session and clears the cookie";
  out.tag = "session";
  out.access = Access::signed_in;
  out.writes = true;
  out.success_status = 204;
  out.handler = [](Call& call) {
    const auto& who = call.who();
    call.server.write(call.db, [&](store::Store& s, audit::AuditLog& log) {
      if (!who.session_hash.empty()) s.delete_session(who.session_hash);
      log.record(call.actor(), "sign_out", "user", who.user, who.via_token ? "api token: nothing to end" : "");
    });
    return Reply{204, nullptr,
                 {{"Set-Cookie", session_set_cookie("", 0, client_uses_tls(call.server.config(), call.request))}}};
  };
  registry.add(std::move(out));

  Route me;
  me.method = "GET";
  me.path = "/api/session";
  me.summary = "Who is signed in, their role, what it allows, and their assigned units";
  me.tag = "session";
  me.access = Access::signed_in;
  me.response_schema = me_schema;
  me.handler = [](Call& call) { return Reply{200, me_json(call), {}}; };
  registry.add(std::move(me));
}

}  // namespace vaksam::server
