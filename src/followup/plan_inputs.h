// What a plan is made from: every entity of the level with its place in the latest stored
// risk run (or in a fresh compute when none is stored), and the entities that need a
// follow-up inspection according to the follow-up queue.
#pragma once

#include <string>
#include <vector>

#include "facts/dataset.h"
#include "followup/plan.h"
#include "followup/queue.h"
#include "store/store.h"

namespace vaksam::followup {

struct PlanSource {
  std::vector<PlanCandidate> candidates;  // every entity of the level, in dataset order
  int64_t risk_run_id = 0;                // 0: computed fresh
  std::string as_of;
};

// level: "unit" or "principal" (throws vaksam::Error otherwise).
PlanSource plan_candidates(store::Store& store, const facts::Dataset& data, const std::string& level, bool fresh);

// From the queue: escalations and rejected accounts first, then recurrences, then accepted
// accounts awaiting verification (oldest first); one need per entity.
std::vector<FollowUpNeed> follow_up_needs(const facts::Dataset& data, const std::vector<QueueItem>& queue,
                                          const std::string& level);

}  // namespace vaksam::followup
