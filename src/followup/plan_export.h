// A stored plan as files: the plan itself (CSV with ';' as Swedish Excel writes it, or JSON),
// and an inspections file in the intake format (docs/formats.md) with one row per item, whose
// inspection_type says how it was selected (random, risk_based, follow_up). Once executed,
// the inspectors fill in dates and outcomes and the file is imported with `vaksam import`.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/store.h"

namespace vaksam::followup {

nlohmann::ordered_json plan_json(const store::PlanRecord& plan, const std::vector<store::PlanItemRecord>& items);
std::string plan_csv(const store::PlanRecord& plan, const std::vector<store::PlanItemRecord>& items);
// inspection_id is PLAN<plan_id>-<position>; principal-level plans fill principal_id.
std::string plan_inspections_csv(const store::PlanRecord& plan, const std::vector<store::PlanItemRecord>& items);

}  // namespace vaksam::followup
