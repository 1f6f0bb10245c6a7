#include "followup/recurrence.h"

#include <map>
#include <set>
#include <utility>

namespace vaksam::followup {

uint32_t principal_of(const facts::Dataset& data, const facts::Deficiency& x) {
  if (x.inspection == facts::kNone) return facts::kNone;
  const auto& insp = data.inspections[x.inspection];
  if (insp.principal != facts::kNone) return insp.principal;
  return insp.unit != facts::kNone ? data.units[insp.unit].principal : facts::kNone;
}

namespace {

facts::Day known_on(const facts::Dataset& data, const facts::Deficiency& x) {
  if (x.inspection == facts::kNone) return facts::kNoDay;
  const auto& insp = data.inspections[x.inspection];
  return insp.decided != facts::kNoDay ? insp.decided : insp.started;
}

}  // namespace

std::vector<uint32_t> recurrence_counts(const facts::Dataset& data, facts::Day as_of) {
  std::map<std::pair<uint32_t, uint8_t>, std::set<uint32_t>> inspections;
  for (const auto& x : data.deficiencies) {
    const facts::Day known = known_on(data, x);
    const uint32_t p = principal_of(data, x);
    if (known == facts::kNoDay || known > as_of || p == facts::kNone) continue;
    inspections[{p, x.category}].insert(x.inspection);
  }
  std::vector<uint32_t> out(data.deficiencies.size(), 0);
  for (size_t i = 0; i < data.deficiencies.size(); ++i) {
    const auto& x = data.deficiencies[i];
    const facts::Day known = known_on(data, x);
    const uint32_t p = principal_of(data, x);
    if (known == facts::kNoDay || known > as_of || p == facts::kNone) continue;
    out[i] = static_cast<uint32_t>(inspections[{p, x.category}].size());
  }
  return out;
}

}  // namespace vaksam::followup
