#include "cli/progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace vaksam::cli {

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)), enabled_(::isatty(STDOUT_FILENO)),
      start_(std::chrono::steady_clock::now()), last_(start_) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(uint64_t done, uint64_t total) {
  if (!enabled_ || total == 0) return;
  const auto now = std::chrono::steady_clock::now();
  // Only after a second, so quick jobs print no bar at all; then at most 10 times a second.
  if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  const double share = static_cast<double>(done) / static_cast<double>(total);
  const int width = 30, filled = static_cast<int>(share * width);
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::printf("\r%s [%s%s] %3d%%  %.0f/%.0f MB  %.0f MB/s ", label_.c_str(), std::string(filled, '#').c_str(),
              std::string(width - filled, ' ').c_str(), static_cast<int>(share * 100), done / 1e6, total / 1e6,
              done / 1e6 / seconds);
  std::fflush(stdout);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (drawn_) {
    std::printf("\r%s\r", std::string(label_.size() + 80, ' ').c_str());
    std::fflush(stdout);
    drawn_ = false;
  }
}

}  // namespace vaksam::cli
