// Free text at rest: authenticated encryption (XChaCha20-Poly1305, libsodium) so
// that a copied database file does not expose what people told the authority.
// Data keys come in generations (for rotation); each is stored wrapped under a
// key derived from the key file, never in the clear.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "privacy/keys.h"

namespace vaksam::privacy {

class TextCipher {
 public:
  // `keys`: data keys by generation; texts are sealed with the highest one.
  explicit TextCipher(std::map<uint32_t, Key> keys);
  ~TextCipher();

  // Seals `plaintext`, bound to `context` (e.g. "cases.narrative/C1"): the sealed text
  // cannot be moved to another record unnoticed.
  std::string seal(std::string_view plaintext, std::string_view context) const;
  // Opens a sealed text; throws vaksam::Error if the key is wrong or the data damaged.
  std::string open(std::string_view sealed, std::string_view context) const;

  static bool is_sealed(std::string_view data);
  static uint32_t generation_of(std::string_view sealed);
  uint32_t current_generation() const { return keys_.rbegin()->first; }

 private:
  std::map<uint32_t, Key> keys_;
};

Key random_key();
// A data key sealed under the key-wrapping key; the generation is bound in.
std::string wrap_key(const Key& data_key, const Key& wrapping_key, uint32_t generation);
// Throws vaksam::Error if the wrapping key is not the one it was sealed with.
Key unwrap_key(std::string_view wrapped, const Key& wrapping_key, uint32_t generation);

}  // namespace vaksam::privacy
