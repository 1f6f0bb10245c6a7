// The OpenAPI 3 description, generated from the route registry so it cannot drift
// from what the server does: paths, parameters, request bodies, responses, the
// access each route needs (x-vaksam-access) and whether it writes (x-vaksam-writes).
#pragma once

#include <nlohmann/json.hpp>

#include "server/route_registry.h"

namespace vaksam::server {

nlohmann::json openapi_document(const RouteRegistry& registry, const std::string& version);

}  // namespace vaksam::server
