// Keyed pseudonyms for identity numbers, so that records about one person can
// be linked without storing the number itself. Without the key a pseudonym
// cannot be recomputed from a guessed number, which a plain hash would allow
// (there are only a few hundred million numbers to try).
#pragma once

#include <array>
#include <cstddef>
#include <string>

#include <sodium.h>

#include "privacy/identity_number.h"

namespace vaksam::privacy {

constexpr size_t kPseudonymKeyBytes = 32;

class Pseudonymizer {
 public:
  // Throws vaksam::Error if libsodium cannot be initialised.
  explicit Pseudonymizer(std::array<unsigned char, kPseudonymKeyBytes> key);
  ~Pseudonymizer();

  Pseudonymizer(const Pseudonymizer&) = default;
  Pseudonymizer& operator=(const Pseudonymizer&) = default;

  // "p_" + lowercase hex of HMAC-SHA-256(key, digits12) truncated to 16 bytes.
  // The same number under the same key always gives the same pseudonym.
  std::string pseudonym(const IdentityNumber& number) const;

 private:
  crypto_auth_hmacsha256_state keyed_;
};

// Writes a new random key to `path` as 64 lowercase hex characters and '\n'.
// The file is created with mode 0600 and never replaces an existing file.
// Throws vaksam::Error naming the path (never the key) on failure.
void create_key_file(const std::string& path);

// Reads a key written by create_key_file. Throws vaksam::Error if the file is
// missing, malformed, or accessible to group or others, saying how to fix it.
std::array<unsigned char, kPseudonymKeyBytes> load_key_file(const std::string& path);

}  // namespace vaksam::privacy
