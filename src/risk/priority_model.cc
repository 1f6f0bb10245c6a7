#include "risk/priority_model.h"

#include <nlohmann/json.hpp>

#include <set>

#include "common/error.h"
#include "reference/embedded.h"

namespace vaksam::risk {

PriorityModel parse_model(std::string_view text, std::string_view origin, std::vector<IndicatorDef> indicators) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(std::string(origin) + ": not valid JSON: " + e.what());
  }
  static const std::set<std::string> known{"version", "half_life_days", "linkage_days", "max_weight_share",
                                           "alarm_weight", "change_weight", "change_threshold", "change_prior", "change_recent_months", "cusum_k", "false_alarms_per_month",
                                           "monitor_months", "baseline_months", "bootstrap_replicates",
                                           "evidence_cases", "seed"};
  for (const auto& [key, _] : j.items())
    if (!known.count(key)) throw Error(std::string(origin) + ": unknown field '" + key + "'");
  PriorityModel m;
  try {
    m.version = j.value("version", m.version);
    m.half_life_days = j.value("half_life_days", m.half_life_days);
    m.linkage_days = j.value("linkage_days", m.linkage_days);
    m.max_weight_share = j.value("max_weight_share", m.max_weight_share);
    m.alarm_weight = j.value("alarm_weight", m.alarm_weight);
    m.change_weight = j.value("change_weight", m.change_weight);
    m.change_threshold = j.value("change_threshold", m.change_threshold);
    m.change_prior = j.value("change_prior", m.change_prior);
    m.change_recent_months = j.value("change_recent_months", m.change_recent_months);
    m.cusum_k = j.value("cusum_k", m.cusum_k);
    m.false_alarms_per_month = j.value("false_alarms_per_month", m.false_alarms_per_month);
    m.monitor_months = j.value("monitor_months", m.monitor_months);
    m.baseline_months = j.value("baseline_months", m.baseline_months);
    m.bootstrap_replicates = j.value("bootstrap_replicates", m.bootstrap_replicates);
    m.evidence_cases = j.value("evidence_cases", m.evidence_cases);
    m.seed = j.value("seed", m.seed);
  } catch (const nlohmann::json::exception& e) {
    throw Error(std::string(origin) + ": a field has the wrong type: " + e.what());
  }
  m.indicators = std::move(indicators);
  validate_model(m);
  return m;
}

void validate_model(const PriorityModel& m) {
  if (!(m.half_life_days >= 0)) throw Error("half_life_days must be 0 (no decay) or more");
  if (m.linkage_days < 0) throw Error("linkage_days must be 0 or more");
  if (!(m.max_weight_share > 0 && m.max_weight_share <= 1)) throw Error("max_weight_share must lie in (0, 1]");
  if (!(m.alarm_weight >= 0)) throw Error("alarm_weight must be 0 or more");
  if (!(m.change_weight >= 0)) throw Error("change_weight must be 0 or more");
  if (!(m.change_threshold > 1)) throw Error("change_threshold must be above 1 (a rise)");
  if (!(m.change_prior > 0 && m.change_prior < 1)) throw Error("change_prior must lie in (0, 1)");
  if (m.change_recent_months < 1 || m.change_recent_months > m.monitor_months)
    throw Error("change_recent_months must be 1..monitor_months");
  if (!(m.false_alarms_per_month > 0)) throw Error("false_alarms_per_month must be above 0");
  if (m.monitor_months < 1 || m.monitor_months > 60) throw Error("monitor_months must be 1..60");
  if (m.baseline_months < 3 || m.baseline_months > 120) throw Error("baseline_months must be 3..120");
  if (m.bootstrap_replicates < 0 || m.bootstrap_replicates > 10000)
    throw Error("bootstrap_replicates must be 0..10000");
  // The alarms are one more piece of evidence: give them a weight like an indicator's.
  auto with_alarm = m.indicators;
  IndicatorDef alarm;
  alarm.id = "early_warning_alarm";
  alarm.weight = m.alarm_weight;
  with_alarm.push_back(alarm);
  IndicatorDef change;
  change.id = "rise_against_own_past";
  change.weight = m.change_weight;
  with_alarm.push_back(change);
  validate_indicators(with_alarm, m.max_weight_share);
}

const PriorityModel& builtin_model() {
  static const PriorityModel model =
      parse_model(embedded::file("priority.model.json"), "priority.model.json", builtin_indicators());
  return model;
}

}  // namespace vaksam::risk
