// The risk engine: from the analytic snapshot to an explained, reproducible priority per
// unit, principal, municipality and region as of a date. Prepare once per dataset and model
// (linkage, filters, strata); compute for any as-of date using only data known by then.
// The method is in docs/risk-model.md.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "facts/dataset.h"
#include "risk/indicator_definition.h"
#include "risk/priority_model.h"
#include "risk/shrinkage.h"

namespace vaksam::risk {

inline constexpr int kLevels = 4;  // unit, principal, municipality, region

// One indicator for one entity.
struct IndicatorValue {
  float observed = 0;   // decayed, linked events (ratio), successes (proportion), count, or value
  float expected = 0;   // expected events (ratio), trials (proportion); 0: not applicable
  float raw = 0;        // linked events in the window without decay (for display)
  float component = 0;  // contribution before weighting, in [0, 1]
  float z_winsorised = std::numeric_limits<float>::quiet_NaN();  // funnel z with tau2
  float z_truncated = std::numeric_limits<float>::quiet_NaN();
  bool applicable = false;
};

inline constexpr int kAlarmContribution = -1;   // the early-warning alarm in force
inline constexpr int kChangeContribution = -2;  // a rise against the entity's own past

struct Contribution {
  // Index into RiskResult::model.indicators, or kAlarmContribution / kChangeContribution.
  int indicator = -1;
  double points = 0;   // share of the score; the contributions of an entity sum to its score
};

struct EntityScore {
  uint32_t entity = 0;  // index into LevelResult::ids
  double score = 0;     // 0..100
  int rank = 0;         // 1 = highest priority
  int rank_low = 0, rank_high = 0;  // 95 % bootstrap interval of the rank
  std::vector<Contribution> contributions;  // largest first, only those above 0
  bool alarm = false;                       // early-warning alarm in force at the as-of month
  int alarm_since = -1;                     // running month number of the first month over h
  double cusum = 0, cusum_threshold = 0, in_control_mean = 0;
  double recent_events = 0;      // alarm-indicator events in the last change_recent_months
  double change_probability = 0; // P(recent rate > threshold x own earlier rate)
  bool flagged = false;           // in the top k
  bool method_dependent = false;  // flagged or not depending on the method
  std::vector<std::string> sensitivity;  // methods under which the flag differs
  facts::Day last_signal = facts::kNoDay, last_inspection = facts::kNoDay;
};

struct IndicatorSummary {
  GammaPrior gamma;  // ratio indicators
  BetaPrior beta;    // proportions
  double phi = 0, tau2_winsorised = 0, tau2_truncated = 0;
  size_t entities = 0;  // applicable
};

struct LevelResult {
  Level level = Level::unit;
  std::vector<std::string> ids, names;
  std::vector<IndicatorValue> values;  // entity-major: values[entity * indicators + i]
  std::vector<IndicatorSummary> summaries;
  std::vector<EntityScore> ranked;     // by rank
  size_t k = 0;                        // how many are flagged (the capacity)
  const IndicatorValue& value(size_t entity, size_t indicator) const {
    return values[entity * summaries.size() + indicator];
  }
};

struct RiskResult {
  PriorityModel model;
  facts::Day as_of = facts::kNoDay;
  facts::Day data_through = facts::kNoDay;  // newest case received on or before as_of
  std::string fingerprint;                  // of the inputs used and the model
  std::array<LevelResult, kLevels> levels;
  size_t units_monitored = 0;
  double expected_false_alarms = 0;  // a month, by chance, at the calibrated thresholds
  size_t alarms = 0;                 // units with an alarm in force
  double alarm_dispersion = 1;       // variance / mean of in-control monthly counts (>= 1)
  const LevelResult& level(Level l) const { return levels[static_cast<size_t>(l)]; }
};

struct ComputeOptions {
  size_t k = 0;              // units to flag (the inspection capacity); 0: from the data
  bool rank_intervals = true;
  bool sensitivity = true;
};

class RiskEngine {
 public:
  RiskEngine(const facts::Dataset& data, PriorityModel model);
  ~RiskEngine();
  RiskEngine(const RiskEngine&) = delete;
  RiskEngine& operator=(const RiskEngine&) = delete;

  RiskResult compute(facts::Day as_of, const ComputeOptions& options = {}) const;

  // The cases behind one indicator (or, with indicator -1, the alarm indicators) at an
  // entity, newest first: the links from a score to its evidence.
  std::vector<std::string> evidence(const RiskResult& result, Level level, uint32_t entity, int indicator,
                                    size_t limit) const;

  const facts::Dataset& data() const { return data_; }
  // The unit's size within its type (0 small, 1 medium, 2 large tertile of exposure) and its
  // exposure (capacity, or the population it serves).
  int size_band(uint32_t unit) const;
  double exposure(uint32_t unit) const;

  struct Prepared;  // defined in engine_internal.h

 private:
  const facts::Dataset& data_;
  PriorityModel model_;
  std::unique_ptr<Prepared> prepared_;
};

}  // namespace vaksam::risk
