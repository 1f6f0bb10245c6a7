// The overview's figures (counts by entity and case kind, screening results): a scan
// of every case, about a second at a million cases, so they are computed in the
// background (BackgroundRefresh): at start, then while they are being asked for. A
// request computes them only if it comes before the first computation has finished.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/store.h"

namespace vaksam::server {

struct OverviewFigures {
  store::Status status;
  store::ScreeningCounts screening;
  std::string as_of;  // when they were computed (UTC)
};

class OverviewFiguresCache {
 public:
  // The latest figures; computed now only if there are none yet.
  std::shared_ptr<const OverviewFigures> get(store::Store& store);
  // Recomputes if the figures were asked for since they were last computed: an idle
  // server does not scan its cases every few seconds.
  void refresh(store::Store& store);
  // After a write: the next refresh recomputes, asked for or not.
  void changed();

 private:
  static std::shared_ptr<const OverviewFigures> compute(store::Store& store);

  std::mutex mutex_;
  std::shared_ptr<const OverviewFigures> figures_;
  bool asked_ = true;  // so that the first refresh, at start, computes them before anyone asks
  std::mutex compute_mutex_;  // one computation at a time
};

}  // namespace vaksam::server
