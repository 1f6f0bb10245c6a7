#include "followup/lifecycle.h"

#include <algorithm>

#include "common/date.h"

namespace vaksam::followup {

namespace {

constexpr std::string_view kStatuses[] = {"open",     "account_received", "accepted",
                                          "verified", "not_accepted",     "escalated"};

constexpr Transition kTransitions[] = {
    {"open", "account_received", "the principal sent its account of measures"},
    {"open", "escalated", "no account by the deadline: renewed demand, injunction or fine"},
    {"account_received", "accepted", "the account of measures was accepted"},
    {"account_received", "not_accepted", "the account of measures was not accepted"},
    {"accepted", "verified", "the remedy was verified at follow-up"},
    {"accepted", "not_accepted", "follow-up found the measures not carried out"},
    {"not_accepted", "account_received", "a new account of measures arrived"},
    {"not_accepted", "escalated", "renewed demand, injunction or fine after a rejected account"},
    {"escalated", "account_received", "an account arrived after the escalation"},
};

bool valid_iso(const std::string& s) { return facts::to_day(s) != facts::kNoDay; }

}  // namespace

std::span<const Transition> transitions() { return kTransitions; }

bool is_status(std::string_view status) {
  return std::find(std::begin(kStatuses), std::end(kStatuses), status) != std::end(kStatuses);
}

bool allowed(std::string_view from, std::string_view to) {
  return std::any_of(std::begin(kTransitions), std::end(kTransitions),
                     [&](const Transition& t) { return t.from == from && t.to == to; });
}

std::vector<std::string_view> next_statuses(std::string_view from) {
  std::vector<std::string_view> out;
  for (const auto& t : kTransitions)
    if (t.from == from) out.push_back(t.to);
  return out;
}

bool needs_follow_up(std::string_view status) { return status != "verified"; }

std::optional<Refusal> check_deadline(const std::string& id, const std::string& decision_date,
                                      const std::string& deadline) {
  if (deadline.empty()) return std::nullopt;
  if (!valid_iso(deadline))
    return Refusal{RefusalKind::deadline, "deficiency " + id + ": the deadline is not a date (YYYY-MM-DD)"};
  if (!decision_date.empty() && deadline < decision_date)
    return Refusal{RefusalKind::deadline, "deficiency " + id + ": the deadline " + deadline +
                                              " is before the decision date " + decision_date};
  return std::nullopt;
}

std::optional<Refusal> check_status_change(const DeficiencyState& s, const StatusRequest& r,
                                           const std::string& today) {
  const std::string who = "deficiency " + s.id + ": ";
  if (!is_status(r.status))
    return Refusal{RefusalKind::unknown_status,
                   who + "'" + r.status + "' is not a status (open, account_received, accepted, verified, "
                         "not_accepted, escalated)"};
  if (!allowed(s.status, r.status)) {
    std::string next;
    for (auto n : next_statuses(s.status)) next += std::string(next.empty() ? "" : ", ") + std::string(n);
    return Refusal{RefusalKind::transition,
                   who + "cannot go from " + s.status + " to " + r.status +
                       (next.empty() ? "; " + s.status + " is final" : "; from " + s.status + " it can go to " + next)};
  }
  if (!valid_iso(r.status_date))
    return Refusal{RefusalKind::date, who + "the status date is not a date (YYYY-MM-DD)"};
  if (!s.decision_date.empty() && r.status_date < s.decision_date)
    return Refusal{RefusalKind::date, who + "the status date " + r.status_date + " is before the decision date " +
                                          s.decision_date};
  if (!s.status_date.empty() && r.status_date < s.status_date)
    return Refusal{RefusalKind::date, who + "the status date " + r.status_date + " is before the current status's date " +
                                          s.status_date};
  if (!today.empty() && r.status_date > today)
    return Refusal{RefusalKind::date, who + "the status date " + r.status_date + " is in the future"};
  if (auto d = check_deadline(s.id, s.decision_date, r.deadline)) return d;
  return std::nullopt;
}

DeficiencyState state_of(const facts::Dataset& data, uint32_t index) {
  const auto& x = data.deficiencies[index];
  DeficiencyState s;
  s.id = x.id;
  s.status = x.status == facts::kNoCode ? "open" : facts::code_at("deficiency_statuses", x.status);
  s.status_date = facts::day_iso(x.status_date);
  s.deadline = facts::day_iso(x.deadline);
  if (x.inspection != facts::kNone) s.decision_date = facts::day_iso(data.inspections[x.inspection].decided);
  return s;
}

}  // namespace vaksam::followup
