// A status change made by a user: read the deficiency's state from the store, check it
// (lifecycle.h), then set the current status and append it to the history — or refuse,
// writing nothing. The caller holds the transaction and records the audit entry in it.
#pragma once

#include <string>

#include "common/error.h"
#include "followup/lifecycle.h"
#include "store/store.h"

namespace vaksam::followup {

class StatusRefused : public Error {
 public:
  enum class Why { not_found, unknown_status, transition, date, deadline };
  StatusRefused(Why why, const std::string& message) : Error(message), why_(why) {}
  Why why() const { return why_; }

 private:
  Why why_;
};

// The state of one deficiency as stored; throws StatusRefused(not_found) if there is none.
DeficiencyState stored_state(store::Store& store, const std::string& deficiency_id);

// Checks and writes; returns the state before the change. Throws StatusRefused.
DeficiencyState change_status(store::Store& store, const std::string& deficiency_id, const StatusRequest& request,
                              const std::string& changed_by, const std::string& note, const std::string& today);

}  // namespace vaksam::followup
