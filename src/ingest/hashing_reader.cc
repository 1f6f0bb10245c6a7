#include "ingest/hashing_reader.h"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

#include "common/error.h"

namespace vaksam::ingest {

HashingFileBuf::HashingFileBuf(const std::string& path) : buffer_(1 << 20) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    throw Error({path, 0, ""}, "is a folder, not a file");
  file_ = std::fopen(path.c_str(), "rb");
  if (!file_) throw Error({path, 0, ""}, std::string("cannot open the file: ") + std::strerror(errno));
  size_ = static_cast<uint64_t>(st.st_size);
  state_ = XXH3_createState();
  XXH3_128bits_reset(state_);
  setg(buffer_.data(), buffer_.data(), buffer_.data());
}

HashingFileBuf::~HashingFileBuf() {
  if (file_) std::fclose(file_);
  XXH3_freeState(state_);
}

HashingFileBuf::int_type HashingFileBuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  const size_t n = std::fread(buffer_.data(), 1, buffer_.size(), file_);
  if (n == 0) {
    if (std::ferror(file_)) throw Error(std::string("read error: ") + std::strerror(errno));
    return traits_type::eof();
  }
  XXH3_128bits_update(state_, buffer_.data(), n);
  consumed_ += n;
  setg(buffer_.data(), buffer_.data(), buffer_.data() + n);
  return traits_type::to_int_type(*gptr());
}

std::string HashingFileBuf::digest_hex() {
  while (underflow() != traits_type::eof()) setg(egptr(), egptr(), egptr());
  XXH128_canonical_t digest;
  XXH128_canonicalFromHash(&digest, XXH3_128bits_digest(state_));
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char b : digest.digest) hex += {kHex[b >> 4], kHex[b & 15]};
  return hex;
}

}  // namespace vaksam::ingest
