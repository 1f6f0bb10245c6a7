// Validation built in: rank at each month t with data up to t only, then compare with what
// happened next — what randomly selected inspections found in the following months (free of
// selection bias) and, on synthetic data, the planted problems — beside three baselines:
// random order, raw case counts, and a CQC-style banding by the share of flagged indicators.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "risk/engine.h"
#include "risk/risk_json.h"

namespace vaksam::risk {

// Ground truth written by `vaksam synth` (truth/), read for validation only.
struct PlantedProblem {
  std::string unit_id, kind;
  int onset_month = 0;      // running month number (year * 12 + month - 1)
  int remedied_month = -1;  // -1: never remedied in the data
  double factor = 1;
};
struct TruthInspection {
  std::string inspection_id, unit_id, selection;
  bool found = false;
};
struct Truth {
  std::vector<PlantedProblem> planted;
  std::vector<TruthInspection> inspections;
};
// Reads truth/planted.csv and truth/inspections.csv; throws naming the file and line.
Truth read_truth(const std::string& dir);

struct BacktestOptions {
  size_t k = 0;              // flagged per origin; 0: the inspections a year in the data
  int first_origin = 12;     // months after the first case
  int horizon_months = 12;   // how far ahead inspections are looked at
  int step_months = 1;
  uint64_t seed = 7;         // for the random baseline and banding ties
};

struct MethodMetrics {
  std::string method;
  double auc_inspections = 0;  // random inspections in the horizon: found vs not
  double lift_inspections = 0; // finding rate in the top k / overall, among them
  double auc_planted = 0;      // units with an active planted problem vs the rest (mean over origins)
  double precision_at_k = 0, recall_at_k = 0, lift_at_k = 0;  // planted, mean over origins
};

struct DelayRow {
  std::string size_class;  // small, medium, large (exposure tertile within the unit type)
  int problems = 0, detected = 0;
  double median_delay_months = -1;  // -1: none detected
};

struct CalibrationRow {
  int quintile = 0;  // 1 = lowest scores
  double mean_score = 0;
  int inspected = 0;
  double finding_rate = 0;  // among random inspections
  double planted_rate = 0;  // share of unit-origins with an active planted problem
};

struct EquityRow {
  std::string size_class;  // municipality population band
  int units = 0;
  double flag_rate_without_problem = 0;  // mean over origins
  double flag_rate_with_problem = 0;
  double raw_count_flag_rate_without_problem = 0;
};

struct BacktestReport {
  int origins = 0;
  std::string first_origin, last_origin;
  size_t k = 0, units = 0;
  int random_inspections = 0, planted_problems = 0;
  std::vector<MethodMetrics> methods;  // composite, raw_counts, banding, random
  std::vector<DelayRow> delays;
  std::vector<CalibrationRow> calibration;
  std::vector<EquityRow> equity;
  double false_alarms_per_month = 0;   // alarms in force at units with no active planted problem
  double expected_false_alarms_per_month = 0;
  double seconds = 0;
};

BacktestReport backtest(const RiskEngine& engine, const Truth& truth, const BacktestOptions& options);

std::string backtest_json(const BacktestReport& report);  // pretty-printed
std::string backtest_table(const BacktestReport& report);  // for the terminal

}  // namespace vaksam::risk
