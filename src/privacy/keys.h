// The keys of one installation, all derived from the master key in the key file
// (libsodium's crypto_kdf), so that each use has its own key: a pseudonym key
// that never changes, a key for the audit chain, and a key that wraps the data
// keys of texts at rest (src/privacy/text_cipher.h).
#pragma once

#include <array>

#include "privacy/pseudonymizer.h"

namespace vaksam::privacy {

using Key = std::array<unsigned char, 32>;

struct KeySet {
  Key pseudonym;  // HMAC key of the pseudonyms
  Key audit;      // HMAC key of the audit chain
  Key wrapping;   // wraps the data keys stored in the database
};

KeySet derive_keys(const Key& master);

}  // namespace vaksam::privacy
