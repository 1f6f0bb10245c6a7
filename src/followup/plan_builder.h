// Builds a plan ready to store: candidates from the latest risk run (or a fresh compute),
// follow-up needs from the queue on `today`, then make_plan. Used by `vaksam plan create`
// and POST /api/plans; the caller saves it (Store::save_plan) in its audited transaction.
#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "facts/dataset.h"
#include "followup/plan.h"
#include "store/store.h"

namespace vaksam::followup {

struct PlanRequest {
  PlanOptions options;
  std::string level = "unit";
  bool fresh = false;       // compute a fresh ranking even if a risk run is stored
  int due_soon_days = 30;
};

struct BuiltPlan {
  store::PlanRecord record;  // plan_id 0 until saved
  std::vector<store::PlanItemRecord> items;
};

// Throws PlanRefused (a vaksam::Error) when the request cannot be planned.
class PlanRefused : public Error {
 public:
  using Error::Error;
};

BuiltPlan build_plan(store::Store& store, const facts::Dataset& data, const PlanRequest& request,
                     facts::Day today, const std::string& created_by);

}  // namespace vaksam::followup
