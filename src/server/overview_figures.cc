#include "server/overview_figures.h"

#include "server/clock.h"

namespace vaksam::server {

std::shared_ptr<const OverviewFigures> OverviewFiguresCache::compute(store::Store& store) {
  auto f = std::make_shared<OverviewFigures>();
  f->as_of = iso_utc(now_utc());
  f->status = store.status();
  f->screening = store.screening_counts();
  return f;
}

std::shared_ptr<const OverviewFigures> OverviewFiguresCache::get(store::Store& store) {
  {
    std::lock_guard lock(mutex_);
    asked_ = true;
    if (figures_) return figures_;
  }
  std::lock_guard computing(compute_mutex_);
  {
    std::lock_guard lock(mutex_);
    if (figures_) return figures_;  // computed while this request waited
  }
  auto f = compute(store);
  std::lock_guard lock(mutex_);
  figures_ = f;
  return f;
}

void OverviewFiguresCache::refresh(store::Store& store) {
  {
    std::lock_guard lock(mutex_);
    if (!asked_) return;
    asked_ = false;
  }
  std::lock_guard computing(compute_mutex_);
  auto f = compute(store);
  std::lock_guard lock(mutex_);
  figures_ = f;
}

void OverviewFiguresCache::changed() {
  std::lock_guard lock(mutex_);
  asked_ = true;
}

}  // namespace vaksam::server
