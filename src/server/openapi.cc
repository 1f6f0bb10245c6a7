#include "server/openapi.h"

#include "server/api_error.h"

namespace vaksam::server {

namespace {

nlohmann::json param_schema(const Param& p) {
  nlohmann::json s;
  switch (p.type) {
    case ParamType::string:
      s = {{"type", "string"}, {"maxLength", p.max_length}};
      if (!p.allowed.empty()) s["enum"] = p.allowed;
      break;
    case ParamType::string_list:
      // Comma-separated in the query string; each item from the list when one is given.
      s = {{"type", "string"}, {"maxLength", p.max_length}};
      if (!p.allowed.empty()) s["x-vaksam-items"] = p.allowed;
      break;
    case ParamType::integer: s = {{"type", "integer"}, {"minimum", p.min}, {"maximum", p.max}}; break;
    case ParamType::boolean: s = {{"type", "boolean"}}; break;
    case ParamType::date: s = {{"type", "string"}, {"format", "date"}}; break;
    case ParamType::timestamp:
      s = {{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)?$"}};
      break;
  }
  if (!p.default_value.empty()) {
    if (p.type == ParamType::integer) s["default"] = std::stoll(p.default_value);
    else s["default"] = p.default_value;
  }
  return s;
}

std::string operation_id(const Route& r) {
  std::string id = r.method;
  for (char c : r.path) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return id;
}

nlohmann::json error_response(const std::string& description) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

}  // namespace

nlohmann::json openapi_document(const RouteRegistry& registry, const std::string& version) {
  nlohmann::json doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = {{"title", "vaksam API"},
                 {"version", version},
                 {"description",
                  "Risk-based supervision workbench. Sign in with POST /api/session (a cookie and a CSRF token "
                  "that state-changing requests send back in X-CSRF-Token), or send an API token as "
                  "'Authorization: Bearer …'. Errors: {\"error\":{\"code\",\"message_sv\",\"message_en\"}}."}};
  nlohmann::json codes = nlohmann::json::array();
  for (const auto& e : error_catalogue()) codes.push_back(std::string(e.code));
  doc["components"]["schemas"]["Error"] = {
      {"type", "object"},
      {"required", {"error"}},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"required", {"code", "message_sv", "message_en"}},
          {"properties",
           {{"code", {{"type", "string"}, {"enum", codes}}},
            {"message_sv", {{"type", "string"}}},
            {"message_en", {{"type", "string"}}}}}}}}}};
  doc["components"]["securitySchemes"] = {
      {"sessionCookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "vaksam_session"}}},
      {"bearerToken", {{"type", "http"}, {"scheme", "bearer"}}}};
  doc["paths"] = nlohmann::json::object();
  for (const auto& r : registry.routes()) {
    nlohmann::json op;
    op["operationId"] = operation_id(r);
    op["summary"] = r.summary;
    op["tags"] = {r.tag};
    op["x-vaksam-access"] = std::string(access_name(r.access));
    op["x-vaksam-writes"] = r.writes;
    if (r.access == Access::open) op["security"] = nlohmann::json::array();
    else op["security"] = {{{"sessionCookie", nlohmann::json::array()}}, {{"bearerToken", nlohmann::json::array()}}};
    op["parameters"] = nlohmann::json::array();
    for (const auto& p : r.params)
      op["parameters"].push_back({{"name", p.name},
                                  {"in", p.in == ParamIn::path ? "path" : "query"},
                                  {"required", p.in == ParamIn::path || p.required},
                                  {"description", p.description},
                                  {"schema", param_schema(p)}});
    if (r.writes && r.access != Access::open)
      op["parameters"].push_back({{"name", "X-CSRF-Token"},
                                  {"in", "header"},
                                  {"required", false},
                                  {"description", "required with a session cookie; not with a bearer token"},
                                  {"schema", {{"type", "string"}}}});
    if (!r.request_schema.is_null())
      op["requestBody"] = {{"required", true}, {"content", {{"application/json", {{"schema", r.request_schema}}}}}};
    if (r.multipart) {
      nlohmann::json form = {{"type", "object"},
                             {"required", {"file"}},
                             {"properties",
                              {{"file", {{"type", "string"}, {"format", "binary"}}}, {"entity", {{"type", "string"}}}}}};
      op["requestBody"] = {{"required", true}, {"content", {{"multipart/form-data", {{"schema", form}}}}}};
    }
    nlohmann::json ok = {{"description", "success"}};
    if (!r.response_schema.is_null()) ok["content"]["application/json"]["schema"] = r.response_schema;
    op["responses"][std::to_string(r.success_status)] = ok;
    op["responses"]["400"] = error_response("bad input (malformed JSON, wrong field or parameter)");
    if (r.access != Access::open) {
      op["responses"]["401"] = error_response("not signed in, session expired or token invalid");
      op["responses"]["403"] = error_response("the role may not, or the CSRF token is missing");
    }
    op["responses"]["404"] = error_response("no such resource");
    if (r.writes || !r.request_schema.is_null() || r.multipart) op["responses"]["413"] = error_response("body too large");
    op["responses"]["429"] = error_response("too many requests");
    op["responses"]["500"] = error_response("internal error");
    std::string lower = r.method;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    doc["paths"][r.path][lower] = op;
  }
  return doc;
}

}  // namespace vaksam::server
