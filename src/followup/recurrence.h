// Recurrence: the same principal found deficient in the same category at two or more
// inspections. A recurrence is a risk signal (indicator recurring_deficiencies, counted in
// the risk engine) and puts a deficiency in the follow-up queue's "recurring" bucket. Pure.
#pragma once

#include <cstdint>
#include <vector>

#include "facts/dataset.h"

namespace vaksam::followup {

// The principal a deficiency concerns: its inspection's principal, or its unit's.
uint32_t principal_of(const facts::Dataset& data, const facts::Deficiency& x);

// For every deficiency of data.deficiencies: how many distinct inspections decided (or
// started) on or before as_of found its principal deficient in its category (0 if the
// deficiency itself is not known by as_of). Recurring: >= 2.
std::vector<uint32_t> recurrence_counts(const facts::Dataset& data, facts::Day as_of);

}  // namespace vaksam::followup
