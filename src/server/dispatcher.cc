#include "server/dispatcher.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "server/api_error.h"
#include "server/authenticator.h"
#include "server/json_schema.h"
#include "server/param_check.h"
#include "server/secret_token.h"

namespace vaksam::server {

namespace {

void secure_headers(HttpReply& reply) {
  // API answers may hold personal data: never cached, never sniffed, never framed.
  reply.headers.emplace_back("Cache-Control", "no-store");
  reply.headers.emplace_back("X-Content-Type-Options", "nosniff");
  reply.headers.emplace_back("X-Frame-Options", "DENY");
  reply.headers.emplace_back("Referrer-Policy", "no-referrer");
}

HttpReply json_reply(const Reply& r) {
  HttpReply out;
  out.status = r.status;
  if (r.status != 204)
    out.body = !r.raw_body.empty() ? r.raw_body
                                   : r.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out.headers = r.headers;
  secure_headers(out);
  return out;
}

bool has_media_type(const std::string& content_type, const std::string& wanted) {
  std::string base = content_type.substr(0, content_type.find(';'));
  while (!base.empty() && base.back() == ' ') base.pop_back();
  for (auto& c : base) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return base == wanted;
}

// Refusals of identified callers (and of credentials that do not hold) are part
// of the trail: who tried what. Requests without any credentials are not: anyone
// could fill the trail with them, and they reach no data.
void audit_refusal(ServerContext& server, Connection& db, const Call& call, const ApiError& e) {
  try {
    server.audit(db, call.actor(), "access_refused", "route", call.route_label(),
                 "status=" + std::to_string(e.status()) + " code=" + e.code());
  } catch (const std::exception& ex) {
    std::fprintf(stderr, "vaksam serve: could not audit a refusal: %s\n", ex.what());
  }
}

}  // namespace

size_t body_limit(const ServerConfig& config, const Route& route) {
  return route.max_body == kUploadLimit ? config.max_upload : route.max_body;
}

HttpReply error_reply(const ApiError& error) {
  Reply r{error.status(), error.to_json(), {}};
  HttpReply out = json_reply(r);
  if (error.status() == 401) out.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"vaksam\"");
  return out;
}

HttpReply dispatch(ServerContext& server, const HttpRequest& raw) {
  HttpRequest request = raw;
  request.remote_addr = client_address(server.config(), raw);
  bool path_known = false;
  const auto match = server.registry().match(request.method, request.path, &path_known);
  if (!match) return error_reply(ApiError(path_known ? "method_not_allowed" : "not_found"));
  const Route& route = *match->route;
  if (request.body.size() > body_limit(server.config(), route)) return error_reply(ApiError("payload_too_large"));

  auto lease = server.pool().acquire();
  Call call{request, route, server, *lease, std::nullopt, match->path_params, {}, nullptr};
  try {
    try {
      call.principal = authenticate(server, *lease, request);
    } catch (const ApiError& e) {
      if (route.access != Access::open) {
        audit_refusal(server, *lease, call, e);
        throw;
      }
      // An open route (signing in) works with a stale cookie too.
    }
    if (route.access != Access::open) {
      if (!call.principal) throw ApiError("unauthenticated");
      if (!allows(route.access, call.permissions())) {
        ApiError e("forbidden");
        audit_refusal(server, *lease, call, e);
        throw e;
      }
      // A session caller proves with the CSRF token that the request comes from our
      // own page; a bearer token is never sent by a browser on its own.
      if (route.writes && !call.principal->via_token &&
          !digests_equal(secret_digest(request.header(kCsrfHeader)), call.principal->csrf_hash)) {
        ApiError e("csrf_token_missing");
        audit_refusal(server, *lease, call, e);
        throw e;
      }
    }
    call.query = check_params(route.params, request.query, match->path_params);
    if (!route.request_schema.is_null()) {
      if (!has_media_type(request.header("content-type"), "application/json"))
        throw ApiError("unsupported_media_type", "application/json");
      try {
        call.body = nlohmann::json::parse(request.body);
      } catch (const nlohmann::json::exception&) {
        throw ApiError("malformed_json");
      }
      validate_body(route.request_schema, call.body);
    } else if (route.multipart) {
      if (!has_media_type(request.header("content-type"), "multipart/form-data"))
        throw ApiError("unsupported_media_type", "multipart/form-data");
    }
    // For the graceful-stop test: a write that takes a while (as the VAKSAM_FAILPOINT
    // hooks of the CLI's tests do).
    if (route.writes && std::getenv("VAKSAM_FAILPOINT") && std::string(std::getenv("VAKSAM_FAILPOINT")) == "slow_write")
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    return json_reply(route.handler(call));
  } catch (const ApiError& e) {
    return error_reply(e);
  } catch (const std::exception& e) {
    // The message may name a file or a record but never a request's content.
    std::fprintf(stderr, "vaksam serve: %s %s failed: %s\n", route.method.c_str(), route.path.c_str(), e.what());
    return error_reply(ApiError("internal"));
  }
}

}  // namespace vaksam::server
