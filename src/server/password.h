// Password hashing with argon2id (libsodium's crypto_pwhash_str): the stored string
// carries its own salt and cost parameters, so costs can be raised later.
#pragma once

#include <string>

namespace vaksam::server {

inline constexpr size_t kMinPasswordLength = 12;

std::string hash_password(const std::string& password);  // throws std::runtime_error when out of memory
bool verify_password(const std::string& stored_hash, const std::string& password);
// Spends the time a real verification would, for a name that does not exist, so the
// answer's timing does not tell which names are accounts.
void verify_against_dummy(const std::string& password);

}  // namespace vaksam::server
