// The session cookie: reading it from a Cookie header and writing Set-Cookie with
// HttpOnly (no script can read it), SameSite=Strict (no cross-site request carries
// it) and Secure when the client reached us over TLS.
#pragma once

#include <optional>
#include <string>

namespace vaksam::server {

inline constexpr const char* kSessionCookie = "vaksam_session";

// The value of cookie `name` in a Cookie header, if present.
std::optional<std::string> cookie_value(const std::string& cookie_header, const std::string& name);

// Set-Cookie for a new session; max_age_seconds 0 clears the cookie.
std::string session_set_cookie(const std::string& value, int64_t max_age_seconds, bool secure);

}  // namespace vaksam::server
