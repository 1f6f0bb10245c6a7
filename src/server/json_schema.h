// A small JSON Schema subset for request bodies: an object with typed properties
// (string with minLength/maxLength/enum, integer and number with minimum/maximum, boolean),
// required names, and no other properties. The same schema goes into the OpenAPI
// description, so what is documented is what is enforced. Pure.
#pragma once

#include <nlohmann/json.hpp>

namespace vaksam::server {

// Throws ApiError("invalid_field", <field name>) for the first problem found.
void validate_body(const nlohmann::json& schema, const nlohmann::json& body);

// Helpers for declaring schemas.
nlohmann::json object_schema(nlohmann::json properties, std::vector<std::string> required);
nlohmann::json string_schema(size_t max_length, size_t min_length = 0, std::vector<std::string> allowed = {});

}  // namespace vaksam::server
