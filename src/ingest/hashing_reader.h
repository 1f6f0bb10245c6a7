// An input stream over a file that computes the file's SHA-256 and counts bytes
// as the readers consume it, so a file is read once however large it is.
#pragma once

#include <sodium.h>

#include <cstdio>
#include <istream>
#include <streambuf>
#include <string>
#include <vector>

namespace vaksam::ingest {

class HashingFileBuf : public std::streambuf {
 public:
  // Throws vaksam::Error if the file cannot be opened.
  explicit HashingFileBuf(const std::string& path);
  ~HashingFileBuf() override;
  HashingFileBuf(const HashingFileBuf&) = delete;
  HashingFileBuf& operator=(const HashingFileBuf&) = delete;

  uint64_t size() const { return size_; }        // the file's size at open
  uint64_t consumed() const { return consumed_; }
  // Lowercase hex SHA-256 of everything read; read to the end first.
  std::string sha256_hex();

 protected:
  int_type underflow() override;

 private:
  std::FILE* file_ = nullptr;
  std::vector<char> buffer_;
  crypto_hash_sha256_state state_;
  uint64_t size_ = 0, consumed_ = 0;
};

}  // namespace vaksam::ingest
