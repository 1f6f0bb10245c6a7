#include "server/cookies.h"

namespace vaksam::server {

std::optional<std::string> cookie_value(const std::string& header, const std::string& name) {
  size_t at = 0;
  while (at < header.size()) {
    while (at < header.size() && (header[at] == ' ' || header[at] == ';')) ++at;
    const size_t end = header.find(';', at);
    const std::string pair = header.substr(at, end == std::string::npos ? std::string::npos : end - at);
    const size_t eq = pair.find('=');
    if (eq != std::string::npos && pair.substr(0, eq) == name) {
      std::string v = pair.substr(eq + 1);
      while (!v.empty() && v.back() == ' ') v.pop_back();
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return v;
    }
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return std::nullopt;
}

std::string session_set_cookie(const std::string& value, int64_t max_age_seconds, bool secure) {
  std::string c = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(max_age_seconds);
  if (secure) c += "; Secure";
  return c;
}

}  // namespace vaksam::server
