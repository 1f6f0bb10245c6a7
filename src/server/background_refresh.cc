#include "server/background_refresh.h"

#include <algorithm>
#include <cstdio>
#include <exception>

namespace vaksam::server {

void BackgroundRefresh::add(std::string name, std::chrono::milliseconds period, Job job) {
  jobs_.push_back({std::move(name), period, std::move(job)});
}

void BackgroundRefresh::start() {
  if (!thread_.joinable() && !jobs_.empty()) thread_ = std::thread([this] { run(); });
}

void BackgroundRefresh::poke() {
  {
    std::lock_guard lock(mutex_);
    poked_ = true;
  }
  wake_.notify_one();
}

void BackgroundRefresh::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void BackgroundRefresh::run() {
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    for (auto& j : jobs_) {
      if (j.due > now) continue;
      {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
      }
      try {
        j.job();
      } catch (const std::exception& e) {
        std::fprintf(stderr, "vaksam serve: refreshing %s failed: %s\n", j.name.c_str(), e.what());
      }
      j.due = std::chrono::steady_clock::now() + j.period;
    }
    auto next = jobs_.front().due;
    for (const auto& j : jobs_) next = std::min(next, j.due);
    std::unique_lock lock(mutex_);
    wake_.wait_until(lock, next, [this] { return stopping_ || poked_; });
    if (stopping_) return;
    if (poked_) {
      poked_ = false;
      for (auto& j : jobs_) j.due = {};
    }
  }
}

}  // namespace vaksam::server
