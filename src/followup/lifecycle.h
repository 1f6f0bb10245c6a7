// The life of a deficiency as data: which status may follow which, and the checks a
// status change made by a user must pass (the import of yearly snapshots is not checked:
// a snapshot may skip statuses). Pure. See docs/followup.md.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "facts/dataset.h"

namespace vaksam::followup {

struct Transition {
  std::string_view from, to;
  std::string_view meaning;  // what happened, in English
};

// Every allowed transition. verified is final.
std::span<const Transition> transitions();

bool is_status(std::string_view status);  // a code of deficiency_statuses
bool allowed(std::string_view from, std::string_view to);
std::vector<std::string_view> next_statuses(std::string_view from);
// Still needs something from the principal or the inspectorate (everything but verified).
bool needs_follow_up(std::string_view status);

// What a status change is checked against.
struct DeficiencyState {
  std::string id;
  std::string status, status_date;  // current
  std::string decision_date;        // of the inspection that found it ("" if not decided)
  std::string deadline;             // "" if none
};

struct StatusRequest {
  std::string status, status_date;
  std::string deadline;  // optional new deadline for the account of measures ("" keeps it)
};

enum class RefusalKind { unknown_status, transition, date, deadline };

struct Refusal {
  RefusalKind kind;
  std::string message;  // "deficiency D: cannot go from verified to open; verified is final"
};

// nullopt: the change may be made. `today` (YYYY-MM-DD) bounds the dates from above.
std::optional<Refusal> check_status_change(const DeficiencyState& state, const StatusRequest& request,
                                           const std::string& today);

// A deadline before the decision date is refused (message names the deficiency).
std::optional<Refusal> check_deadline(const std::string& deficiency_id, const std::string& decision_date,
                                      const std::string& deadline);

// The state of deficiency `index` of the dataset, for check_status_change.
DeficiencyState state_of(const facts::Dataset& data, uint32_t index);

}  // namespace vaksam::followup
