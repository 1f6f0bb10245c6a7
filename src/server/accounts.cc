#include "server/accounts.h"

#include "model/entity.h"
#include "privacy/roles.h"
#include "server/api_error.h"
#include "server/password.h"
#include "server/route_helpers.h"
#include "server/secret_token.h"

namespace vaksam::server {

namespace {

store::UserRecord require_user(store::Store& store, const std::string& name) {
  auto user = store.find_user(name);
  if (!user) throw ApiError("user_not_found", name);
  return *user;
}

}  // namespace

void create_account(store::Store& store, const std::string& name, const std::string& role,
                    const std::string& password, const std::string& created_by) {
  if (!valid_user_name(name)) throw ApiError("invalid_field", "name (1-64 of a-z A-Z 0-9 . _ - @)");
  if (!privacy::role_from_name(role)) throw ApiError("invalid_field", "role");
  if (password.size() < kMinPasswordLength)
    throw ApiError("invalid_field", "password (at least " + std::to_string(kMinPasswordLength) + " characters)");
  if (store.find_user(name)) throw ApiError("conflict", name);
  store.create_user({name, role, hash_password(password), false, "", created_by});
}

int64_t disable_account(store::Store& store, const std::string& name) {
  require_user(store, name);
  store.set_user_disabled(name, true);
  return store.delete_sessions_of(name);
}

void assign_unit(store::Store& store, const std::string& name, const std::string& unit_id,
                 const std::string& assigned_by) {
  const auto user = require_user(store, name);
  if (user.role != "inspector") throw ApiError("invalid_field", "only inspectors are assigned units");
  const auto& units = model::entity(model::EntityKind::unit);
  if (!store.field_of(units, unit_id, "unit_id")) throw ApiError("invalid_field", "unit_id (no such unit)");
  store.add_assignment({name, unit_id, assigned_by, ""});
}

std::string issue_api_token(store::Store& store, const std::string& name, const std::string& label) {
  const auto user = require_user(store, name);
  if (user.disabled) throw ApiError("invalid_field", "the account is disabled");
  const std::string token = new_api_token();
  store.create_api_token({secret_digest(token), name, label, "", "", false});
  return token;
}

}  // namespace vaksam::server
