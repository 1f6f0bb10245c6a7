// Case linkage: one event often reaches the inspectorate as a complaint, a lex Sarah report
// and a tip. Cases about the same unit and the same (pseudonymised) person within a window
// are linked to the earliest of them, so the event counts once.
#pragma once

#include <cstdint>
#include <vector>

#include "facts/dataset.h"

namespace vaksam::risk {

// root[i]: the case that case i is linked to (i itself if it starts an event). Cases with no
// subject pseudonym are their own events: nothing else says they are the same event.
std::vector<uint32_t> link_cases(const facts::Cases& cases, int window_days);

// The weight of a signal `age_days` old: halves every `half_life_days` (0: no decay).
double decay_weight(double age_days, double half_life_days);

}  // namespace vaksam::risk
