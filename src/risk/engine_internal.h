// Shared between the parts of the engine (engine.cc, engine_alarms.cc, engine_scores.cc);
// not part of the interface.
#pragma once

#include <array>
#include <cmath>
#include <map>
#include <mutex>
#include <vector>

#include "risk/cusum_calibration.h"
#include "risk/engine.h"

namespace vaksam::risk {

struct RiskEngine::Prepared {
  size_t indicators = 0;
  std::vector<uint64_t> case_mask;   // bit i: numerator of indicator i; bit 32 + i: its base
  std::vector<uint32_t> root;        // case linkage
  std::vector<uint32_t> by_date;     // case indices sorted by received date
  std::vector<uint32_t> case_municipality;  // index into Geography municipalities, or kNone
  uint64_t alarm_bits = 0;           // numerator bits of the alarm indicators

  // Entities per level and the unit's place in each.
  std::array<std::vector<std::string>, kLevels> ids, names;
  std::vector<uint32_t> unit_municipality, unit_region;
  std::vector<uint32_t> principal_municipality, principal_region;  // municipality/region principals
  std::vector<uint32_t> municipality_region;
  std::vector<double> municipality_population, region_population;

  // Indirect standardisation: stratum (unit type x size band) and exposure of each unit.
  std::vector<uint32_t> stratum;
  std::vector<uint8_t> size_band;  // 0 small, 1 medium, 2 large within the unit type
  size_t strata = 0;
  std::vector<double> exposure;

  // CUSUM thresholds per level, by the dispersion phi they were calibrated for (to 0.01),
  // computed when first needed: a backtest asks for the same few again and again.
  std::vector<double> alarm_targets;  // per level
  mutable std::mutex calibration_mutex;
  mutable std::map<int, std::vector<CusumCalibration>> calibrations;
  const std::vector<CusumCalibration>& calibration_for(double phi, const PriorityModel& model) const {
    std::lock_guard<std::mutex> lock(calibration_mutex);
    int key = static_cast<int>(std::lround(phi * 100));
    auto it = calibrations.find(key);
    if (it == calibrations.end())
      it = calibrations
               .emplace(key, CusumCalibration::for_targets(model.cusum_k, alarm_targets, model.monitor_months,
                                                           key / 100.0))
               .first;
    return it->second;
  }
};

// Members of an aggregate entity: the units whose evidence sums to it.
uint32_t parent_of(const RiskEngine::Prepared& p, const facts::Dataset& d, Level level, uint32_t unit);

// Runs the early-warning charts at every level and fills the alarm fields of `scores`
// (indexed by entity); returns the component value (0 or 1) per entity and level.
void compute_alarms(const RiskEngine::Prepared& p, const facts::Dataset& d, const PriorityModel& model,
                    facts::Day as_of, RiskResult& result,
                    std::array<std::vector<EntityScore>, kLevels>& scores);

// Fills components, scores, ranks, rank intervals and method sensitivity.
void score_level(const PriorityModel& model, LevelResult& level, std::vector<EntityScore>& scores,
                 const ComputeOptions& options);

}  // namespace vaksam::risk
