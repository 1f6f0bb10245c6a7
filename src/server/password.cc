#include "server/password.h"

#include <sodium.h>

#include <stdexcept>

namespace vaksam::server {

namespace {

// Interactive limits (64 MiB, 2 passes): about 0.1 s per sign-in on a server core.
constexpr auto kOps = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr auto kMem = crypto_pwhash_MEMLIMIT_INTERACTIVE;

}  // namespace

std::string hash_password(const std::string& password) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), kOps, kMem) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool verify_password(const std::string& stored_hash, const std::string& password) {
  if (stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

void verify_against_dummy(const std::string& password) {
  static const std::string dummy = hash_password("not a password of anyone");
  (void)verify_password(dummy, password);
}

}  // namespace vaksam::server
