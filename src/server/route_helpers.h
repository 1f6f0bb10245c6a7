// Small pieces several route files share.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "privacy/roles.h"

namespace vaksam::server {

// What a role may do, as the dashboard needs it to show or hide things.
nlohmann::json permissions_json(const privacy::Permissions& p);

// {"total":…, "limit":…, "offset":…}
nlohmann::json paging_json(int64_t total, int64_t limit, int64_t offset);

// Sign-in names: 1–64 of a-z A-Z 0-9 . _ - @ (so a name is safe in logs and the trail).
bool valid_user_name(const std::string& name);

// Schema helpers for responses.
nlohmann::json array_of(nlohmann::json item);
nlohmann::json object_with(nlohmann::json properties);

}  // namespace vaksam::server
