#include "followup/queue.h"

#include <algorithm>

#include "followup/lifecycle.h"
#include "followup/recurrence.h"

namespace vaksam::followup {

namespace {

using facts::Day;
using facts::kNoDay;

// The status on `day`: the last recorded change on or before it, else the current one.
std::pair<std::string, Day> status_on(const facts::Deficiency& x, Day day) {
  std::pair<std::string, Day> out{"", kNoDay};
  for (const auto& h : x.history) {
    const Day d = facts::to_day(h.status_date);
    if (d != kNoDay && d <= day) out = {h.status, d};
  }
  if (out.first.empty()) {
    out = {x.status == facts::kNoCode ? "open" : facts::code_at("deficiency_statuses", x.status), x.status_date};
    if (!x.history.empty() && x.status_date != kNoDay && x.status_date > day) out = {"open", kNoDay};
  }
  return out;
}

std::string days(int n) { return std::to_string(n) + (n == 1 ? " day" : " days"); }

void suggest(QueueItem& q, const facts::Deficiency& x, const std::string& category, bool recurring) {
  const std::string since = q.status_date != kNoDay ? facts::day_iso(q.status_date) : "?";
  const std::string deadline = x.deadline != kNoDay ? facts::day_iso(x.deadline) : "";
  if (q.status == "open") {
    if (x.deadline != kNoDay && q.days_to_deadline < 0) {
      const int late = -q.days_to_deadline;
      if (late > 60) {
        q.next_step = "escalate: injunction (föreläggande), with a fine if needed";
        q.reason = "no account of measures " + days(late) + " after the deadline " + deadline;
      } else {
        q.next_step = "remind the principal and set a short final date; escalate if nothing comes";
        q.reason = "no account of measures; the deadline " + deadline + " passed " + days(late) + " ago";
      }
    } else if (x.deadline != kNoDay && q.bucket == Bucket::due_soon) {
      q.next_step = "remind the principal that the account of measures is due";
      q.reason = "the deadline " + deadline + " is in " + days(q.days_to_deadline);
    } else {
      q.next_step = "wait for the account of measures";
      q.reason = deadline.empty() ? "no deadline set: set one" : "the deadline is " + deadline;
      if (deadline.empty()) q.next_step = "set a deadline for the account of measures";
    }
  } else if (q.status == "account_received") {
    q.next_step = "assess the account of measures: accept it or not";
    q.reason = "account received " + since;
  } else if (q.status == "accepted") {
    q.next_step = "verify the remedy at a follow-up inspection";
    q.reason = "account accepted " + since + ", not yet verified";
  } else if (q.status == "not_accepted") {
    q.next_step = "escalate: renewed demand or injunction";
    q.reason = "account not accepted " + since;
  } else if (q.status == "escalated") {
    if (x.deadline != kNoDay && q.days_to_deadline < 0) {
      q.next_step = "consider a fine (vite) or a follow-up inspection";
      q.reason = "escalated " + since + "; still no account " + days(-q.days_to_deadline) + " after the deadline " +
                 deadline;
    } else {
      q.next_step = "follow the injunction: wait for the account, check compliance";
      q.reason = "escalated " + since;
    }
  }
  if (recurring) {
    q.next_step += "; plan a follow-up inspection of the principal";
    q.reason += "; the principal has been found deficient in " + category + " at " + std::to_string(q.recurrences) +
                " inspections";
  }
}

}  // namespace

std::string_view bucket_name(Bucket b) {
  switch (b) {
    case Bucket::overdue: return "overdue";
    case Bucket::due_soon: return "due_soon";
    case Bucket::recurring: return "recurring";
    case Bucket::open: return "open";
  }
  return "open";
}

std::vector<QueueItem> build_queue(const facts::Dataset& data, Day today, const QueueOptions& options) {
  const auto recurrences = recurrence_counts(data, today);
  std::vector<QueueItem> out;
  for (uint32_t i = 0; i < data.deficiencies.size(); ++i) {
    const auto& x = data.deficiencies[i];
    if (x.inspection == facts::kNone) continue;
    const auto& insp = data.inspections[x.inspection];
    const Day known = insp.decided != kNoDay ? insp.decided : insp.started;
    if (known == kNoDay || known > today) continue;
    QueueItem q;
    q.deficiency = i;
    std::tie(q.status, q.status_date) = status_on(x, today);
    if (!needs_follow_up(q.status)) continue;
    q.days_to_deadline = x.deadline != kNoDay ? x.deadline - today : 0;
    q.recurrences = recurrences[i];
    const bool waiting = q.status == "open" || q.status == "escalated";
    const bool past = x.deadline != kNoDay && x.deadline < today;
    const bool recurring = q.recurrences >= 2;
    if ((waiting && past) || q.status == "not_accepted") q.bucket = Bucket::overdue;
    else if (waiting && x.deadline != kNoDay && q.days_to_deadline <= options.due_soon_days) q.bucket = Bucket::due_soon;
    else if (recurring) q.bucket = Bucket::recurring;
    else q.bucket = Bucket::open;
    const std::string category =
        x.category == facts::kNoCode ? "?" : facts::code_at("deficiency_categories", x.category);
    suggest(q, x, category, recurring);
    out.push_back(std::move(q));
  }
  std::sort(out.begin(), out.end(), [&](const QueueItem& a, const QueueItem& b) {
    if (a.bucket != b.bucket) return a.bucket < b.bucket;
    const Day da = data.deficiencies[a.deficiency].deadline, db = data.deficiencies[b.deficiency].deadline;
    if (da != db) return da < db;  // most overdue / nearest deadline first (no deadline: kNoDay sorts first)
    return data.deficiencies[a.deficiency].id < data.deficiencies[b.deficiency].id;
  });
  return out;
}

}  // namespace vaksam::followup
