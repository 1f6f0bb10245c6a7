// Counts events per key (an account, a client address) in a sliding window and
// says when a key has had too many. Thread-safe; time is passed in so tests need
// no sleeping.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace vaksam::server {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(size_t max_events, std::chrono::seconds window) : max_events_(max_events), window_(window) {}

  // True if the key has had fewer than max_events in the window before `now`.
  bool allowed(const std::string& key, Clock::time_point now);
  void record(const std::string& key, Clock::time_point now);
  void clear(const std::string& key);  // e.g. after a successful sign-in
  // Seconds until the key is allowed again (0 if it is).
  int64_t retry_after(const std::string& key, Clock::time_point now);

 private:
  void expire(std::deque<Clock::time_point>& events, Clock::time_point now) const;

  size_t max_events_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> events_;
};

}  // namespace vaksam::server
