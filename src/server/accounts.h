// Managing accounts: the rules shared by `vaksam user …` and the /api/users
// routes. Each function runs inside the caller's transaction and throws ApiError
// (invalid_field, conflict, user_not_found) for a request that breaks a rule.
#pragma once

#include <string>

#include "store/store.h"

namespace vaksam::server {

void create_account(store::Store& store, const std::string& name, const std::string& role,
                    const std::string& password, const std::string& created_by);
// Disables the account and ends its sessions; returns how many sessions ended.
int64_t disable_account(store::Store& store, const std::string& name);
// Assigns a unit to an inspector (full texts of that unit's cases).
void assign_unit(store::Store& store, const std::string& name, const std::string& unit_id,
                 const std::string& assigned_by);
// A new API token for the account; returns the token (shown once, stored as a digest).
std::string issue_api_token(store::Store& store, const std::string& name, const std::string& label);

}  // namespace vaksam::server
