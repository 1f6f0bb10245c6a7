#include "server/clock.h"

namespace vaksam::server {

std::string iso_utc(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::time_t now_utc() { return std::time(nullptr); }

}  // namespace vaksam::server
