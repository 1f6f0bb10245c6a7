#include "ingest/hashing_reader.h"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

#include "common/error.h"

namespace vaksam::ingest {

HashingFileBuf::HashingFileBuf(const std::string& path) : buffer_(1 << 20) {
  if (sodium_init() < 0) throw Error("cannot start libsodium");
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    throw Error({path, 0, ""}, "is a folder, not a file");
  file_ = std::fopen(path.c_str(), "rb");
  if (!file_) throw Error({path, 0, ""}, std::string("cannot open the file: ") + std::strerror(errno));
  size_ = static_cast<uint64_t>(st.st_size);
  crypto_hash_sha256_init(&state_);
  setg(buffer_.data(), buffer_.data(), buffer_.data());
}

HashingFileBuf::~HashingFileBuf() {
  if (file_) std::fclose(file_);
}

HashingFileBuf::int_type HashingFileBuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  const size_t n = std::fread(buffer_.data(), 1, buffer_.size(), file_);
  if (n == 0) {
    if (std::ferror(file_)) throw Error(std::string("read error: ") + std::strerror(errno));
    return traits_type::eof();
  }
  crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(buffer_.data()), n);
  consumed_ += n;
  setg(buffer_.data(), buffer_.data(), buffer_.data() + n);
  return traits_type::to_int_type(*gptr());
}

std::string HashingFileBuf::sha256_hex() {
  while (underflow() != traits_type::eof()) setg(egptr(), egptr(), egptr());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state_, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace vaksam::ingest
