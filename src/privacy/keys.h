// The keys of one installation, all derived from the master key in the key file
// (libsodium's crypto_kdf), so that each use has its own key: a pseudonym key
// that never changes, a key for the audit chain, and a key for texts at rest.
#pragma once

#include <array>

#include "privacy/pseudonymizer.h"

namespace vaksam::privacy {

using Key = std::array<unsigned char, 32>;

struct KeySet {
  Key pseudonym;  // HMAC key of the pseudonyms
  Key audit;      // HMAC key of the audit chain
  Key data;       // encryption key of free text at rest
};

KeySet derive_keys(const Key& master);

}  // namespace vaksam::privacy
