// Random secrets (session cookies, CSRF tokens, API tokens) and the digests they
// are stored as: the database never holds a usable secret.
#pragma once

#include <string>

namespace vaksam::server {

// 32 random bytes, URL-safe base64 without padding (43 characters); API tokens get
// a "vks_" prefix so they are recognisable in configuration and secret scanners.
std::string random_secret();
std::string new_api_token();

// BLAKE2b-256 of the secret, hex. Equal digests are compared in constant time.
std::string secret_digest(const std::string& secret);
bool digests_equal(const std::string& a, const std::string& b);

}  // namespace vaksam::server
