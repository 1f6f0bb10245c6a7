// Inspection planning: from a ranking, the follow-up needs and a capacity (optionally per
// region), a plan of whom to inspect and why. A share of the capacity is drawn by lot from
// every entity, independently of risk (seeded, reproducible), so the ranking can later be
// validated without selection bias; a share goes to follow-up inspections; the rest follows
// the ranking. Pure. See docs/followup.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace vaksam::followup {

// One entity of the level, with its place in the ranking (rank 0: not ranked).
struct PlanCandidate {
  std::string id, name, region_code;
  int64_t rank = 0;
  double score = 0;
  std::string why;  // what drives its score ("Overdue deficiencies 12.0, Violence signals 8.1")
};

// An entity that needs a follow-up inspection, most urgent first.
struct FollowUpNeed {
  std::string id;
  std::string reason;
};

struct PlanOptions {
  size_t capacity = 0;             // inspections in the period (the sum of per-region ones if given)
  double random_share = 0.1;       // drawn by lot, independent of risk
  double follow_up_share = 0.15;   // at most this share for follow-up inspections
  uint64_t seed = 1;
  std::map<std::string, size_t> capacity_by_region;  // region code -> inspections; empty: national
};

struct PlanItem {
  std::string id, name, region_code;
  std::string selection;  // priority, random, follow_up
  int64_t rank = 0;
  double score = 0;
  std::string reason;
};

// nullopt if the options can be planned over `candidates`, else why not (capacity 0, more than
// the entities, a share outside 0..1, duplicate candidate ids, a region without entities …).
std::optional<std::string> check_plan(const std::vector<PlanCandidate>& candidates, const PlanOptions& options);

// Throws vaksam::Error with check_plan's message when the options cannot be planned.
// Items: random draws, then follow-ups, then by rank; per region in region-code order.
std::vector<PlanItem> make_plan(const std::vector<PlanCandidate>& candidates, const std::vector<FollowUpNeed>& needs,
                                const PlanOptions& options);

// The inspection type an executed plan item is imported as: random, follow_up, risk_based.
std::string inspection_type_of(const std::string& selection);

}  // namespace vaksam::followup
