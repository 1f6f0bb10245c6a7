#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "common/error.h"
#include "privacy/pseudonymizer.h"

namespace vaksam::privacy {
namespace {

class KeyFile : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/vaksam_key_test_XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  std::string path(const char* name) const { return dir_ + "/" + name; }

  static std::string read(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

  static void write(const std::string& p, const std::string& content, mode_t mode) {
    std::ofstream(p, std::ios::binary) << content;
    ASSERT_EQ(::chmod(p.c_str(), mode), 0);
  }

  static mode_t mode_of(const std::string& p) {
    struct stat st {};
    EXPECT_EQ(::stat(p.c_str(), &st), 0);
    return st.st_mode & 07777;
  }

  // The message of the vaksam::Error thrown by `f`, or "" if none was thrown.
  template <typename F>
  static std::string error_of(F f) {
    try {
      f();
    } catch (const Error& e) {
      return e.what();
    }
    ADD_FAILURE() << "no vaksam::Error thrown";
    return "";
  }

  std::string dir_;
};

bool is_lower_hex(const std::string& s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

TEST_F(KeyFile, CreatesSixtyFourHexCharsWithModeOwnerOnly) {
  const std::string p = path("key");
  const mode_t old_umask = ::umask(0);  // a permissive umask must not leak into the mode
  create_key_file(p);
  ::umask(old_umask);
  EXPECT_EQ(mode_of(p), 0600);
  const std::string content = read(p);
  ASSERT_EQ(content.size(), 65u);
  EXPECT_EQ(content.back(), '\n');
  EXPECT_TRUE(is_lower_hex(content.substr(0, 64))) << "not lowercase hex";
}

TEST_F(KeyFile, RoundTrips) {
  const std::string p = path("key");
  create_key_file(p);
  const auto key = load_key_file(p);
  const std::string content = read(p);
  std::string hex;
  for (unsigned char b : key) {
    static constexpr char kHex[] = "0123456789abcdef";
    hex += kHex[b >> 4];
    hex += kHex[b & 15];
  }
  EXPECT_EQ(hex + "\n", content);
  EXPECT_EQ(load_key_file(p), key);
}

TEST_F(KeyFile, NewKeysAreRandom) {
  create_key_file(path("a"));
  create_key_file(path("b"));
  EXPECT_NE(load_key_file(path("a")), load_key_file(path("b")));
}

TEST_F(KeyFile, RefusesToOverwrite) {
  const std::string p = path("key");
  create_key_file(p);
  const std::string before = read(p);
  const std::string message = error_of([&] { create_key_file(p); });
  EXPECT_NE(message.find(p), std::string::npos) << message;
  EXPECT_NE(message.find("exists"), std::string::npos) << message;
  EXPECT_EQ(message.find(before.substr(0, 16)), std::string::npos) << "message leaks the key";
  EXPECT_EQ(read(p), before);

  // Not even an empty file someone else put there.
  const std::string other = path("empty");
  write(other, "", 0644);
  EXPECT_THROW(create_key_file(other), Error);
  EXPECT_EQ(read(other), "");
  EXPECT_EQ(mode_of(other), 0644);
}

TEST_F(KeyFile, ReportsAnUncreatableFile) {
  const std::string p = path("no/such/dir/key");
  const std::string message = error_of([&] { create_key_file(p); });
  EXPECT_NE(message.find(p), std::string::npos) << message;
}

TEST_F(KeyFile, RefusesAMissingFile) {
  const std::string p = path("missing");
  const std::string message = error_of([&] { load_key_file(p); });
  EXPECT_NE(message.find(p), std::string::npos) << message;
  EXPECT_NE(message.find("does not exist"), std::string::npos) << message;
}

TEST_F(KeyFile, RefusesAFileOthersCanRead) {
  const std::string p = path("key");
  create_key_file(p);
  const std::string content = read(p);
  for (mode_t mode : {0644, 0640, 0604, 0660, 0602, 0610, 0601}) {
    SCOPED_TRACE(mode);
    ASSERT_EQ(::chmod(p.c_str(), mode), 0);
    const std::string message = error_of([&] { load_key_file(p); });
    EXPECT_NE(message.find("chmod 600 " + p), std::string::npos) << message;
    EXPECT_EQ(message.find(content.substr(0, 16)), std::string::npos) << "message leaks the key";
  }
  ASSERT_EQ(::chmod(p.c_str(), 0400), 0);  // read-only for the owner is fine
  EXPECT_NO_THROW(load_key_file(p));
}

TEST_F(KeyFile, RefusesMalformedContent) {
  const std::string hex64(64, 'a');
  const std::string p = path("key");
  for (const std::string& content :
       {std::string(), std::string("\n"), std::string(63, 'a') + "\n", std::string(65, 'a') + "\n",
        hex64 + "\n\n", hex64 + " \n", hex64 + "\r\n", " " + hex64 + "\n",
        std::string(63, 'a') + "g\n", std::string(63, 'a') + "-\n", hex64 + "\nextra\n",
        std::string(128, '7')}) {
    SCOPED_TRACE(content.size());
    write(p, content, 0600);
    const std::string message = error_of([&] { load_key_file(p); });
    EXPECT_NE(message.find(p), std::string::npos) << message;
    EXPECT_NE(message.find("malformed"), std::string::npos) << message;
    if (content.size() > 8) {
      EXPECT_EQ(message.find(content.substr(1, 8)), std::string::npos) << "message echoes content";
    }
  }
}

TEST_F(KeyFile, AcceptsUppercaseAndAMissingNewline) {
  const std::string p = path("key");
  write(p, std::string(64, 'A'), 0600);
  const auto key = load_key_file(p);
  for (unsigned char b : key) EXPECT_EQ(b, 0xAA);
}

TEST_F(KeyFile, RefusesADirectory) {
  const std::string p = path("dir");
  ASSERT_EQ(::mkdir(p.c_str(), 0700), 0);
  EXPECT_THROW(load_key_file(p), Error);
}

}  // namespace
}  // namespace vaksam::privacy
