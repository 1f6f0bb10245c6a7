#include "server/json_schema.h"

#include "server/api_error.h"

namespace vaksam::server {

namespace {

size_t utf8_length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void check_property(const std::string& name, const nlohmann::json& schema, const nlohmann::json& v) {
  const std::string type = schema.value("type", "string");
  if (type == "string") {
    if (!v.is_string()) throw ApiError("invalid_field", name);
    const auto& s = v.get_ref<const std::string&>();
    const size_t length = utf8_length(s);
    if (length < schema.value("minLength", size_t{0}) || length > schema.value("maxLength", size_t{100000}))
      throw ApiError("invalid_field", name);
    if (schema.contains("enum")) {
      bool found = false;
      for (const auto& e : schema["enum"]) found |= e == v;
      if (!found) throw ApiError("invalid_field", name);
    }
  } else if (type == "integer") {
    if (!v.is_number_integer()) throw ApiError("invalid_field", name);
    if (schema.contains("minimum") && v.get<int64_t>() < schema["minimum"].get<int64_t>())
      throw ApiError("invalid_field", name);
    if (schema.contains("maximum") && v.get<int64_t>() > schema["maximum"].get<int64_t>())
      throw ApiError("invalid_field", name);
  } else if (type == "number") {  // any JSON number; minimum/maximum inclusive
    if (!v.is_number()) throw ApiError("invalid_field", name);
    if (schema.contains("minimum") && v.get<double>() < schema["minimum"].get<double>())
      throw ApiError("invalid_field", name);
    if (schema.contains("maximum") && v.get<double>() > schema["maximum"].get<double>())
      throw ApiError("invalid_field", name);
  } else if (type == "boolean") {
    if (!v.is_boolean()) throw ApiError("invalid_field", name);
  } else {
    throw ApiError("internal");  // a schema this validator does not know: a bug
  }
}

}  // namespace

void validate_body(const nlohmann::json& schema, const nlohmann::json& body) {
  if (!body.is_object()) throw ApiError("invalid_field", "the body must be a JSON object");
  const auto& properties = schema.at("properties");
  for (const auto& [name, value] : body.items()) {
    if (!properties.contains(name)) throw ApiError("invalid_field", "unknown field");
    check_property(name, properties[name], value);
  }
  if (schema.contains("required"))
    for (const auto& r : schema["required"])
      if (!body.contains(r.get<std::string>())) throw ApiError("invalid_field", r.get<std::string>());
}

nlohmann::json object_schema(nlohmann::json properties, std::vector<std::string> required) {
  nlohmann::json s = {{"type", "object"}, {"properties", std::move(properties)}, {"additionalProperties", false}};
  if (!required.empty()) s["required"] = required;
  return s;
}

nlohmann::json string_schema(size_t max_length, size_t min_length, std::vector<std::string> allowed) {
  nlohmann::json s = {{"type", "string"}, {"maxLength", max_length}};
  if (min_length) s["minLength"] = min_length;
  if (!allowed.empty()) s["enum"] = allowed;
  return s;
}

}  // namespace vaksam::server
