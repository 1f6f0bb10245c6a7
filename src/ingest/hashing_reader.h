// An input stream over a file that computes the file's XXH3-128 digest and counts bytes
// as the readers consume it, so a file is read once however large it is.
#pragma once

#include <xxhash.h>

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
  // Lowercase hex XXH3-128 of the whole file (reads what is left): identifies
  // the file in the batch record at memory speed; it is not a security check.
  std::string digest_hex();

 protected:
  int_type underflow() override;

 private:
  std::FILE* file_ = nullptr;
  std::vector<char> buffer_;
  XXH3_state_t* state_ = nullptr;
  uint64_t size_ = 0, consumed_ = 0;
};

}  // namespace vaksam::ingest
