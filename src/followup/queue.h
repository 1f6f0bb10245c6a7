// The follow-up queue: every deficiency that still needs something (all but verified),
// in four buckets — overdue, due soon, recurring, other open — each with a suggested next
// step and the reason for it. Pure: a function of the dataset and a date.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "facts/dataset.h"

namespace vaksam::followup {

enum class Bucket { overdue, due_soon, recurring, open };
std::string_view bucket_name(Bucket b);

struct QueueOptions {
  int due_soon_days = 30;  // a deadline within this many days is "due soon"
};

struct QueueItem {
  uint32_t deficiency = 0;  // index into Dataset::deficiencies
  Bucket bucket = Bucket::open;
  std::string status;       // current status on `today`
  facts::Day status_date = facts::kNoDay;
  int days_to_deadline = 0; // negative: days past the deadline (0 if no deadline)
  uint32_t recurrences = 0; // inspections of the principal that found this category
  std::string next_step;    // e.g. "escalate: renewed demand or injunction"
  std::string reason;       // why, with the dates that make it so
};

// Deficiencies whose inspection is known by `today`, in bucket order, then most overdue /
// nearest deadline first, then by id.
std::vector<QueueItem> build_queue(const facts::Dataset& data, facts::Day today, const QueueOptions& options = {});

}  // namespace vaksam::followup
