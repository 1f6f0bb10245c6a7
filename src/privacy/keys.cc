#include "privacy/keys.h"

#include <sodium.h>

#include "common/error.h"

namespace vaksam::privacy {

namespace {

constexpr char kContext[crypto_kdf_CONTEXTBYTES + 1] = "vaksam01";

Key derive(const Key& master, uint64_t id) {
  Key k{};
  if (crypto_kdf_derive_from_key(k.data(), k.size(), id, kContext, master.data()) != 0)
    throw Error("cannot derive a key");
  return k;
}

}  // namespace

KeySet derive_keys(const Key& master) {
  static_assert(crypto_kdf_KEYBYTES == 32);
  if (sodium_init() < 0) throw Error("libsodium could not be initialised");
  return {derive(master, 1), derive(master, 2), derive(master, 3)};
}

}  // namespace vaksam::privacy
