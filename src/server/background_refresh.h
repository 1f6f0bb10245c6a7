// One thread that keeps slow figures fresh for the requests, so that no request waits
// for a recomputation (at a million cases the overview takes a second and the
// analytic dataset several): each job runs at start, then every `period`, and at
// once after poke(); one at a time.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace vaksam::server {

class BackgroundRefresh {
 public:
  using Job = std::function<void()>;

  BackgroundRefresh() = default;
  ~BackgroundRefresh() { stop(); }
  BackgroundRefresh(const BackgroundRefresh&) = delete;
  BackgroundRefresh& operator=(const BackgroundRefresh&) = delete;

  // Before start(). A job that throws is reported on stderr and tried again next time.
  void add(std::string name, std::chrono::milliseconds period, Job job);
  void start();
  void poke();  // every job runs now
  void stop();  // finishes the job running, then joins

 private:
  struct Scheduled {
    std::string name;
    std::chrono::milliseconds period;
    Job job;
    std::chrono::steady_clock::time_point due{};
  };
  void run();

  std::vector<Scheduled> jobs_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false, poked_ = false;
  std::thread thread_;
};

}  // namespace vaksam::server
