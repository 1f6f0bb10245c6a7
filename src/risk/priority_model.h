// The settings of the composite priority that are not per indicator: decay, linkage, the
// early-warning chart, the weight of alarms, and the bootstrap. Defaults in
// data/indicators/priority.model.json; docs/risk-model.md explains each.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "risk/indicator_definition.h"

namespace vaksam::risk {

struct PriorityModel {
  std::string version = "vaksam-priority-1";
  double half_life_days = 180;   // a signal's weight halves in this time
  int linkage_days = 30;         // cases about one person at one unit this close are one event
  double max_weight_share = 0.25;  // no indicator (or the alarms) may carry more of the weight
  // Early warning: a Poisson CUSUM per unit on the monthly linked counts of the indicators
  // marked `alarm`, in-control mean from the unit's own shrunken earlier rate.
  double alarm_weight = 1.5;
  // A rise against the entity's own past: the posterior probability that over the last
  // change_recent_months the rate is change_threshold (or 2x, 3x that) times its shrunken
  // earlier rate rather than unchanged, with prior probability change_prior.
  double change_weight = 2.5;
  double change_threshold = 1.5;
  double change_prior = 0.02;
  int change_recent_months = 6;
  double cusum_k = 1.04;
  double false_alarms_per_month = 2;  // nationally, by chance, at the calibrated thresholds
  int monitor_months = 12;            // the run of the chart ending at the as-of month
  int baseline_months = 24;           // before the run: the in-control level
  int bootstrap_replicates = 100;     // for the rank intervals
  int evidence_cases = 10;            // case ids kept per indicator in an explanation
  unsigned seed = 20260101;           // of the bootstrap: the same inputs give the same ranks
  std::vector<IndicatorDef> indicators;
};

// The built-in model with the built-in indicators.
const PriorityModel& builtin_model();
// Parses a model file; `indicators` are attached and the whole is validated.
PriorityModel parse_model(std::string_view json, std::string_view origin, std::vector<IndicatorDef> indicators);
void validate_model(const PriorityModel& model);

}  // namespace vaksam::risk
