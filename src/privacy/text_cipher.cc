#include "privacy/text_cipher.h"

#include <sodium.h>

#include <cstring>

#include "common/error.h"

namespace vaksam::privacy {

namespace {

// Sealed layout: "VKS1" | generation (4 bytes, little endian) | nonce (24) | ciphertext + tag (16).
constexpr char kMagic[4] = {'V', 'K', 'S', '1'};
constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr size_t kHeader = sizeof kMagic + 4 + kNonce;

void put_u32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

uint32_t get_u32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

std::string seal_with(const Key& key, uint32_t generation, std::string_view plaintext, std::string_view context) {
  std::string out(kMagic, sizeof kMagic);
  put_u32(out, generation);
  unsigned char nonce[kNonce];
  randombytes_buf(nonce, sizeof nonce);
  out.append(reinterpret_cast<const char*>(nonce), sizeof nonce);
  const size_t at = out.size();
  out.resize(at + plaintext.size() + kTag);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      reinterpret_cast<unsigned char*>(out.data() + at), &written,
      reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
      reinterpret_cast<const unsigned char*>(context.data()), context.size(), nullptr, nonce, key.data());
  out.resize(at + written);
  return out;
}

std::string open_with(const Key& key, std::string_view sealed, std::string_view context) {
  std::string out(sealed.size() - kHeader - kTag, '\0');
  unsigned long long written = 0;
  const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.data() + sizeof kMagic + 4);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(out.data()), &written, nullptr,
          reinterpret_cast<const unsigned char*>(sealed.data() + kHeader), sealed.size() - kHeader,
          reinterpret_cast<const unsigned char*>(context.data()), context.size(), nonce, key.data()) != 0)
    throw Error("a stored text could not be decrypted: wrong key file, or the data was altered");
  out.resize(written);
  return out;
}

}  // namespace

TextCipher::TextCipher(std::map<uint32_t, Key> keys) : keys_(std::move(keys)) {
  if (sodium_init() < 0) throw Error("libsodium could not be initialised");
  if (keys_.empty()) throw Error("no data key: the database has no key for texts at rest");
}

TextCipher::~TextCipher() {
  for (auto& [_, k] : keys_) sodium_memzero(k.data(), k.size());
}

bool TextCipher::is_sealed(std::string_view d) {
  return d.size() >= kHeader + kTag && std::memcmp(d.data(), kMagic, sizeof kMagic) == 0;
}

uint32_t TextCipher::generation_of(std::string_view sealed) { return get_u32(sealed.data() + sizeof kMagic); }

std::string TextCipher::seal(std::string_view plaintext, std::string_view context) const {
  const auto& [generation, key] = *keys_.rbegin();
  return seal_with(key, generation, plaintext, context);
}

std::string TextCipher::open(std::string_view sealed, std::string_view context) const {
  if (!is_sealed(sealed)) throw Error("a stored text is not in the sealed format");
  auto it = keys_.find(generation_of(sealed));
  if (it == keys_.end())
    throw Error("a stored text was sealed with data key generation " + std::to_string(generation_of(sealed)) +
                ", which this database no longer has");
  return open_with(it->second, sealed, context);
}

Key random_key() {
  if (sodium_init() < 0) throw Error("libsodium could not be initialised");
  Key k;
  randombytes_buf(k.data(), k.size());
  return k;
}

std::string wrap_key(const Key& data_key, const Key& wrapping_key, uint32_t generation) {
  const std::string context = "data-key/" + std::to_string(generation);
  return seal_with(wrapping_key, generation,
                   std::string_view(reinterpret_cast<const char*>(data_key.data()), data_key.size()), context);
}

Key unwrap_key(std::string_view wrapped, const Key& wrapping_key, uint32_t generation) {
  if (!TextCipher::is_sealed(wrapped)) throw Error("a stored data key is damaged");
  std::string raw;
  try {
    raw = open_with(wrapping_key, wrapped, "data-key/" + std::to_string(generation));
  } catch (const Error&) {
    throw Error("the key file does not belong to this database (its data keys cannot be unwrapped)");
  }
  Key k;
  if (raw.size() != k.size()) throw Error("a stored data key is damaged");
  std::memcpy(k.data(), raw.data(), k.size());
  sodium_memzero(raw.data(), raw.size());
  return k;
}

}  // namespace vaksam::privacy
