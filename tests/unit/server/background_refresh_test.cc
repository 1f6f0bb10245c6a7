// The background refresh: every job runs at start, again when due or poked, a job
// that throws does not stop the others, and stop() waits for the job running.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "server/background_refresh.h"

namespace vaksam::server {
namespace {

using namespace std::chrono_literals;

// Polls `done` for up to five seconds (the refresh runs on its own thread).
template <class Done>
bool eventually(Done done) {
  for (int i = 0; i < 500; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return done();
}

TEST(BackgroundRefresh, RunsEveryJobAtStartThenWhenDue) {
  std::atomic<int> quick{0}, slow{0};
  BackgroundRefresh refresh;
  refresh.add("quick", 50ms, [&] { ++quick; });
  refresh.add("slow", std::chrono::hours(1), [&] { ++slow; });
  refresh.start();
  EXPECT_TRUE(eventually([&] { return quick >= 3; }));
  EXPECT_EQ(slow.load(), 1);  // at start only: it is not due again for an hour
  refresh.stop();
}

TEST(BackgroundRefresh, PokeRunsEveryJobAtOnce) {
  std::atomic<int> runs{0};
  BackgroundRefresh refresh;
  refresh.add("hourly", std::chrono::hours(1), [&] { ++runs; });
  refresh.start();
  ASSERT_TRUE(eventually([&] { return runs == 1; }));
  refresh.poke();
  EXPECT_TRUE(eventually([&] { return runs == 2; }));
}

TEST(BackgroundRefresh, AJobThatThrowsDoesNotStopTheOthers) {
  std::atomic<int> failing{0}, fine{0};
  BackgroundRefresh refresh;
  refresh.add("failing", 20ms, [&] {
    ++failing;
    throw std::runtime_error("the store is locked");
  });
  refresh.add("fine", 20ms, [&] { ++fine; });
  refresh.start();
  EXPECT_TRUE(eventually([&] { return failing >= 3 && fine >= 3; }));
}

TEST(BackgroundRefresh, StopWaitsForTheRunningJobAndRunsNoMore) {
  std::atomic<bool> inside{false}, finished{false};
  std::atomic<int> runs{0};
  BackgroundRefresh refresh;
  refresh.add("long", 1ms, [&] {
    ++runs;
    inside = true;
    std::this_thread::sleep_for(200ms);
    finished = true;
  });
  refresh.start();
  ASSERT_TRUE(eventually([&] { return inside.load(); }));
  refresh.stop();
  EXPECT_TRUE(finished.load());
  const int after_stop = runs;
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(runs.load(), after_stop);
}

TEST(BackgroundRefresh, StopWithoutStartIsHarmless) {
  BackgroundRefresh refresh;
  refresh.add("never", 1ms, [] { FAIL() << "ran without start()"; });
  refresh.stop();
}

}  // namespace
}  // namespace vaksam::server
