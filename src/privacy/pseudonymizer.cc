#include "privacy/pseudonymizer.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "common/error.h"

namespace vaksam::privacy {

static_assert(kPseudonymKeyBytes == crypto_auth_hmacsha256_KEYBYTES);

namespace {

constexpr size_t kPseudonymBytes = 16;
constexpr size_t kKeyHexChars = 2 * kPseudonymKeyBytes;

[[noreturn]] void fail(const std::string& path, const std::string& reason) {
  throw Error(Location{path, 0, ""}, reason);
}

std::string errno_text(int err) { return std::strerror(err); }

void ensure_sodium() {
  // Safe to call more than once and from several threads.
  if (sodium_init() < 0) throw Error("libsodium could not be initialised");
}

// Closes the descriptor on every path out of a function.
class FileCloser {
 public:
  explicit FileCloser(int fd) : fd_(fd) {}
  ~FileCloser() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileCloser(const FileCloser&) = delete;
  FileCloser& operator=(const FileCloser&) = delete;
  // Closes now, so that a failing close can be reported.
  int close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

void write_all(int fd, const char* data, size_t size, const std::string& path) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail(path, "could not write the key file: " + errno_text(errno));
    data += n;
    size -= static_cast<size_t>(n);
  }
}

}  // namespace

Pseudonymizer::Pseudonymizer(std::array<unsigned char, kPseudonymKeyBytes> key) {
  ensure_sodium();
  // The keyed state (inner and outer pads hashed) is computed once, not per number.
  crypto_auth_hmacsha256_init(&keyed_, key.data(), key.size());
  sodium_memzero(key.data(), key.size());  // our by-value copy
}

Pseudonymizer::~Pseudonymizer() { sodium_memzero(&keyed_, sizeof keyed_); }

std::string Pseudonymizer::pseudonym(const IdentityNumber& number) const {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state = keyed_;
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(number.digits12.data()),
                                number.digits12.size());
  crypto_auth_hmacsha256_final(&state, mac);
  sodium_memzero(&state, sizeof state);
  char hex[2 * kPseudonymBytes + 1];
  sodium_bin2hex(hex, sizeof hex, mac, kPseudonymBytes);
  sodium_memzero(mac, sizeof mac);
  return std::string("p_") + hex;
}

void create_key_file(const std::string& path) {
  ensure_sodium();
  // O_EXCL: never replace a key that data was pseudonymised with, and do not
  // follow a planted symlink. Mode 0600 at creation (a umask can only narrow
  // it), so the key is never readable by others, not even briefly.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int err = errno;
    if (err == EEXIST) fail(path, "the key file already exists; refusing to overwrite it");
    fail(path, "could not create the key file: " + errno_text(err));
  }
  FileCloser closer(fd);
  try {
    std::array<unsigned char, kPseudonymKeyBytes> key;
    randombytes_buf(key.data(), key.size());
    char hex[kKeyHexChars + 2];
    sodium_bin2hex(hex, kKeyHexChars + 1, key.data(), key.size());
    sodium_memzero(key.data(), key.size());
    hex[kKeyHexChars] = '\n';
    try {
      write_all(fd, hex, kKeyHexChars + 1, path);
    } catch (...) {
      sodium_memzero(hex, sizeof hex);
      throw;
    }
    sodium_memzero(hex, sizeof hex);

    if (::fsync(fd) != 0) fail(path, "could not flush the key file: " + errno_text(errno));
    if (closer.close() != 0) fail(path, "could not close the key file: " + errno_text(errno));
  } catch (...) {
    // A half-written key is worse than none: the next attempt would refuse it.
    ::unlink(path.c_str());
    throw;
  }
}

std::array<unsigned char, kPseudonymKeyBytes> load_key_file(const std::string& path) {
  ensure_sodium();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) fail(path, "the key file does not exist");
    fail(path, "could not open the key file: " + errno_text(err));
  }
  FileCloser closer(fd);

  struct stat st;
  if (::fstat(fd, &st) != 0) fail(path, "could not inspect the key file: " + errno_text(errno));
  if (!S_ISREG(st.st_mode)) fail(path, "the key file is not a regular file");
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    fail(path, std::string("the key file is accessible to group or others (mode ") + mode +
                   "); restrict it with: chmod 600 " + path);
  }

  // Read one byte more than a valid file holds, to notice trailing content.
  char buf[kKeyHexChars + 2];
  size_t size = 0;
  while (size < sizeof buf) {
    const ssize_t n = ::read(fd, buf + size, sizeof buf - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      sodium_memzero(buf, sizeof buf);
      fail(path, "could not read the key file: " + errno_text(errno));
    }
    if (n == 0) break;
    size += static_cast<size_t>(n);
  }

  std::array<unsigned char, kPseudonymKeyBytes> key{};
  size_t key_len = 0;
  const char* hex_end = nullptr;
  const bool ok =
      (size == kKeyHexChars || (size == kKeyHexChars + 1 && buf[kKeyHexChars] == '\n')) &&
      sodium_hex2bin(key.data(), key.size(), buf, kKeyHexChars, nullptr, &key_len, &hex_end) == 0 &&
      key_len == key.size() && hex_end == buf + kKeyHexChars;
  sodium_memzero(buf, sizeof buf);
  if (!ok) {
    sodium_memzero(key.data(), key.size());
    // Describe the expected shape only: the content may be a key.
    fail(path,
         "the key file is malformed; it must hold exactly 64 hexadecimal characters and "
         "a newline");
  }
  return key;
}

}  // namespace vaksam::privacy
