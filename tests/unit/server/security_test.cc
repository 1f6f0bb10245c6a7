// The pure security pieces: access rules, passwords, secrets, cookies, rate
// limits, static paths, and evidence spans moved into redacted text.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/date.h"
#include "privacy/redaction.h"
#include "server/access.h"
#include "server/cookies.h"
#include "server/password.h"
#include "server/rate_limiter.h"
#include "server/redacted_evidence.h"
#include "server/secret_token.h"
#include "server/static_files.h"
#include "support/temp_dir.h"

namespace vaksam::server {
namespace {

using privacy::Role;

TEST(Access, WhoMayDoWhatFollowsTheRolesTable) {
  auto may = [](Access a, Role r) { return allows(a, privacy::permissions(r)); };
  // Written out by hand from docs/privacy.md, not derived from the code under test.
  EXPECT_TRUE(may(Access::case_records, Role::analyst));
  EXPECT_TRUE(may(Access::case_records, Role::inspector));
  EXPECT_FALSE(may(Access::case_records, Role::viewer));
  EXPECT_FALSE(may(Access::case_records, Role::auditor));
  EXPECT_TRUE(may(Access::case_write, Role::analyst));
  EXPECT_FALSE(may(Access::case_write, Role::auditor));
  EXPECT_TRUE(may(Access::audit_trail, Role::auditor));
  EXPECT_TRUE(may(Access::audit_trail, Role::administrator));
  EXPECT_FALSE(may(Access::audit_trail, Role::analyst));
  EXPECT_TRUE(may(Access::administer, Role::administrator));
  EXPECT_FALSE(may(Access::administer, Role::inspector));
  EXPECT_FALSE(may(Access::write, Role::viewer));
  EXPECT_TRUE(may(Access::signed_in, Role::viewer));
}

TEST(Password, Argon2idHashesVerifyOnlyTheRightPassword) {
  const auto h = hash_password("correct horse battery");
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(verify_password(h, "correct horse battery"));
  EXPECT_FALSE(verify_password(h, "correct horse batterY"));
  EXPECT_FALSE(verify_password("", "x"));
  EXPECT_NE(hash_password("correct horse battery"), h);  // salted
}

TEST(Secrets, TokensAreRandomAndStoredOnlyAsDigests) {
  const auto a = random_secret(), b = random_secret();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  EXPECT_EQ(new_api_token().rfind("vks_", 0), 0u);
  EXPECT_EQ(secret_digest(a).size(), 64u);
  EXPECT_EQ(secret_digest(a).find(a), std::string::npos);
  EXPECT_TRUE(digests_equal(secret_digest(a), secret_digest(a)));
  EXPECT_FALSE(digests_equal(secret_digest(a), secret_digest(b)));
  EXPECT_FALSE(digests_equal("", ""));
}

TEST(Cookies, TheSessionCookieIsHttpOnlyStrictAndSecureUnderTls) {
  EXPECT_EQ(cookie_value("a=1; vaksam_session=abc; b=2", "vaksam_session"), "abc");
  EXPECT_EQ(cookie_value("xvaksam_session=abc", "vaksam_session"), std::nullopt);
  EXPECT_EQ(cookie_value("", "vaksam_session"), std::nullopt);
  const auto plain = session_set_cookie("t", 60, false), tls = session_set_cookie("t", 60, true);
  EXPECT_NE(plain.find("HttpOnly"), std::string::npos);
  EXPECT_NE(plain.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(plain.find("Secure"), std::string::npos);
  EXPECT_NE(tls.find("; Secure"), std::string::npos);
}

TEST(RateLimiter, TooManyEventsInTheWindowAreRefusedUntilItPasses) {
  RateLimiter limiter(3, std::chrono::seconds(60));
  const auto t0 = RateLimiter::Clock::now();
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(limiter.allowed("anna", t0));
    limiter.record("anna", t0);
  }
  EXPECT_FALSE(limiter.allowed("anna", t0 + std::chrono::seconds(59)));
  EXPECT_EQ(limiter.retry_after("anna", t0 + std::chrono::seconds(50)), 10);
  EXPECT_TRUE(limiter.allowed("bertil", t0));
  EXPECT_TRUE(limiter.allowed("anna", t0 + std::chrono::seconds(60)));
  limiter.record("anna", t0);
  limiter.clear("anna");
  EXPECT_TRUE(limiter.allowed("anna", t0));
}

class Static : public ::testing::Test {
 protected:
  void SetUp() override {
    namespace fs = std::filesystem;
    fs::create_directories(dir_.file("dist/assets"));
    std::ofstream(dir_.file("dist/index.html")) << "<html>app</html>";
    std::ofstream(dir_.file("dist/assets/app.js")) << "js";
    std::ofstream(dir_.file("dist/.env")) << "SECRET";
    std::ofstream(dir_.file("secret.txt")) << "SECRET";
    fs::create_symlink(dir_.file("secret.txt"), dir_.file("dist/link.txt"));
  }
  testing::TempDir dir_;
};

TEST_F(Static, FilesInsideTheRootAreServedAndNothingOutsideIt) {
  StaticFiles files(dir_.file("dist"));
  ASSERT_TRUE(files.resolve("/assets/app.js"));
  EXPECT_EQ(files.resolve("/assets/app.js")->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(files.resolve("/")->path.filename(), "index.html");
  for (const char* bad : {"/../secret.txt", "/assets/../../secret.txt", "/./index.html", "/.env", "/link.txt",
                          "/assets/..", "//etc/passwd", "/assets\\..\\..\\secret.txt", "relative"})
    EXPECT_FALSE(files.resolve(bad)) << bad;
  EXPECT_EQ(files.resolve("/cases/C-1")->path.filename(), "index.html");  // the app's own route
  EXPECT_FALSE(files.resolve("/assets/missing.js"));                    // a missing asset is a 404
}

TEST(RedactedEvidence, SpansFollowTheTextAroundPlaceholders) {
  const std::string text = "Anna Svensson ringde 070-123 45 67 och sa att sambon slog henne.";
  const auto spans = privacy::find_pii(text, *parse_iso_date("2026-01-15"));
  const std::string redacted = privacy::redact(text, spans);
  ASSERT_NE(redacted, text);
  const size_t b = text.find("slog"), e = b + 4;
  const auto mapped = map_to_redacted(spans, {b, e});
  EXPECT_EQ(redacted.substr(mapped.begin, mapped.end - mapped.begin), "slog");
  // A span over an identifier widens to the whole placeholder and never quotes it.
  const size_t p = text.find("070");
  const auto over = map_to_redacted(spans, {p + 2, p + 6});
  const std::string quoted = redacted.substr(over.begin, over.end - over.begin);
  EXPECT_EQ(quoted.find("070"), std::string::npos);
  EXPECT_NE(quoted.find("[TELEFON]"), std::string::npos);
}

}  // namespace
}  // namespace vaksam::server
