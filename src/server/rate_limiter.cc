#include "server/rate_limiter.h"

namespace vaksam::server {

void RateLimiter::expire(std::deque<Clock::time_point>& events, Clock::time_point now) const {
  while (!events.empty() && now - events.front() >= window_) events.pop_front();
}

bool RateLimiter::allowed(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = events_.find(key);
  if (it == events_.end()) return true;
  expire(it->second, now);
  if (it->second.empty()) {
    events_.erase(it);  // keeps the map from growing with every address ever seen
    return true;
  }
  return it->second.size() < max_events_;
}

void RateLimiter::record(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto& events = events_[key];
  expire(events, now);
  events.push_back(now);
  while (events.size() > max_events_) events.pop_front();
}

void RateLimiter::clear(const std::string& key) {
  std::lock_guard lock(mutex_);
  events_.erase(key);
}

int64_t RateLimiter::retry_after(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = events_.find(key);
  if (it == events_.end()) return 0;
  expire(it->second, now);
  if (it->second.size() < max_events_) return 0;
  const auto wait = window_ - (now - it->second.front());
  return std::max<int64_t>(1, std::chrono::ceil<std::chrono::seconds>(wait).count());
}

}  // namespace vaksam::server
