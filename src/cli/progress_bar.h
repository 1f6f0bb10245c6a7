// A one-line progress bar, drawn only when stdout is a terminal.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace vaksam::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();
  void update(uint64_t done, uint64_t total);
  void finish();

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace vaksam::cli
