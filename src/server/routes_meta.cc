// The API's own description and a liveness probe.
#include "server/openapi.h"
#include "server/routes.h"
#include "server/server_context.h"

namespace vaksam::server {

void add_meta_routes(RouteRegistry& registry) {
  Route openapi;
  openapi.method = "GET";
  openapi.path = "/api/openapi.json";
  openapi.summary = "This API's OpenAPI 3 description, generated from the route registry";
  openapi.tag = "meta";
  openapi.access = Access::open;
  openapi.response_schema = {{"type", "object"}};
  openapi.handler = [](Call& call) {
    return Reply{200, openapi_document(call.server.registry(), call.server.config().version), {}};
  };
  registry.add(std::move(openapi));

  Route health;
  health.method = "GET";
  health.path = "/api/health";
  health.summary = "Liveness: the server answers and its database opens";
  health.tag = "meta";
  health.access = Access::open;
  health.response_schema = {{"type", "object"}, {"properties", {{"status", {{"type", "string"}}}}}};
  health.handler = [](Call& call) {
    return Reply{200, {{"status", "ok"}, {"schema_version", call.db.store->schema_version()}}, {}};
  };
  registry.add(std::move(health));
}

}  // namespace vaksam::server
