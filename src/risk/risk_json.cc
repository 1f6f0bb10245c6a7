#include "risk/risk_json.h"

#include <cmath>
#include <cstdio>

#include "common/date.h"
#include "facts/dataset.h"

namespace vaksam::risk {

namespace {

using nlohmann::ordered_json;

// Rounded for display and storage: enough digits to reproduce a ranking, no float noise.
double r4(double v) { return std::isfinite(v) ? std::round(v * 1e4) / 1e4 : 0.0; }

ordered_json indicator_json(const IndicatorDef& def, const IndicatorValue& v, const IndicatorSummary& sum,
                            bool intervals) {
  // Only applicable indicators are listed; the dashboard shows them without the summary.
  ordered_json j;
  j["id"] = def.id;
  j["name_sv"] = def.name_sv;
  j["name_en"] = def.name_en;
  j["type"] = def.type == DataType::ratio        ? "ratio"
              : def.type == DataType::proportion ? "proportion"
              : def.type == DataType::count      ? "count"
                                                 : "external";
  j["direction"] = std::string(direction_name(def.direction));
  j["applicable"] = true;
  j["observed"] = r4(v.observed);
  if (def.type == DataType::ratio || def.type == DataType::proportion) {
    j[def.type == DataType::ratio ? "expected" : "trials"] = r4(v.expected);
    j["events_in_window"] = r4(v.raw);
    j["ratio"] = v.expected > 0 ? r4(v.observed / v.expected) : 0.0;
    if (intervals) {
      const bool lower = def.direction == Direction::lower_is_worse;
      if (def.type == DataType::ratio) {
        auto e = gamma_posterior(sum.gamma, v.observed, v.expected, def.threshold);
        j["shrunken"] = {{"mean", r4(e.mean / sum.gamma.mean)},
                         {"low", r4(e.low / sum.gamma.mean)},
                         {"high", r4(e.high / sum.gamma.mean)},
                         {"scale", "relative to the national level"}};
      } else {
        auto e = beta_posterior(sum.beta, v.observed, v.expected, def.threshold, lower);
        j["shrunken"] = {{"mean", r4(e.mean)}, {"low", r4(e.low)}, {"high", r4(e.high)},
                         {"national", r4(sum.beta.mean)}};
      }
    }
    j["p_excess"] = r4(v.component);
    if (std::isfinite(v.z_winsorised)) j["funnel_z_winsorised"] = r4(v.z_winsorised);
    if (std::isfinite(v.z_truncated)) j["funnel_z_truncated"] = r4(v.z_truncated);
  } else {
    j["component"] = r4(v.component);
  }
  return j;
}

}  // namespace

std::string month_label(int month_index) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", month_index / 12, month_index % 12 + 1);
  return buf;
}

ordered_json explanation_json(const RiskEngine& engine, const RiskResult& result, Level level,
                              const EntityScore& s, const ExplainOptions& options) {
  const auto& lv = result.level(level);
  const auto& defs = result.model.indicators;
  ordered_json j;
  j["level"] = std::string(level_name(level));
  j["id"] = lv.ids[s.entity];
  j["name"] = lv.names[s.entity];
  j["score"] = r4(s.score);
  j["rank"] = s.rank;
  j["rank_interval"] = {s.rank_low, s.rank_high};
  j["of"] = lv.ids.size();
  j["flagged"] = s.flagged;
  j["method_dependent"] = s.method_dependent;
  j["sensitivity"] = s.sensitivity;
  ordered_json contributions = ordered_json::array();
  for (const auto& c : s.contributions) {
    ordered_json x;
    if (c.indicator == kAlarmContribution) {
      x["indicator"] = "early_warning_alarm";
      x["name_sv"] = "Larm: ökning av signaler (CUSUM)";
      x["name_en"] = "Alarm: rise in signals (CUSUM)";
    } else if (c.indicator == kChangeContribution) {
      x["indicator"] = "rise_against_own_past";
      x["name_sv"] = "Fler signaler än tidigare";
      x["name_en"] = "More signals than before";
    } else {
      const auto& d = defs[static_cast<size_t>(c.indicator)];
      x["indicator"] = d.id;
      x["name_sv"] = d.name_sv;
      x["name_en"] = d.name_en;
    }
    x["points"] = r4(c.points);
    if (options.evidence)
      x["cases"] = engine.evidence(result, level, s.entity, c.indicator < 0 ? -1 : c.indicator, options.evidence_cases);
    contributions.push_back(std::move(x));
  }
  j["contributions"] = std::move(contributions);
  ordered_json alarm;
  alarm["in_force"] = s.alarm;
  if (s.alarm) alarm["since"] = month_label(s.alarm_since);
  alarm["monitored"] = s.in_control_mean > 0;
  if (s.in_control_mean > 0) {
    alarm["cusum"] = r4(s.cusum);
    alarm["threshold"] = r4(s.cusum_threshold);
    alarm["in_control_mean_per_month"] = r4(s.in_control_mean);
    alarm["recent_events"] = r4(s.recent_events);
    alarm["recent_months"] = result.model.change_recent_months;
    alarm["p_rise"] = r4(s.change_probability);
  }
  j["alarm"] = std::move(alarm);
  ordered_json indicators = ordered_json::array();
  for (size_t k = 0; k < defs.size(); ++k)
    if (lv.value(s.entity, k).applicable)
      indicators.push_back(indicator_json(defs[k], lv.value(s.entity, k), lv.summaries[k], options.intervals));
  j["indicators"] = std::move(indicators);
  // Ambiguous indicators are shown beside their harm indicator, never ranked on.
  ordered_json pairs = ordered_json::array();
  for (size_t k = 0; k < defs.size(); ++k) {
    if (defs[k].direction != Direction::ambiguous) continue;
    for (size_t h = 0; h < defs.size(); ++h) {
      if (defs[h].id != defs[k].paired_with) continue;
      const auto& a = lv.value(s.entity, k);
      const auto& b = lv.value(s.entity, h);
      pairs.push_back({{"indicator", defs[k].id},
                       {"ratio", a.applicable && a.expected > 0 ? ordered_json(r4(a.observed / a.expected)) : nullptr},
                       {"harm_indicator", defs[h].id},
                       {"harm_ratio", b.applicable && b.expected > 0 ? ordered_json(r4(b.observed / b.expected)) : nullptr}});
    }
  }
  j["pairs"] = std::move(pairs);
  j["freshness"] = {{"last_signal", facts::day_iso(s.last_signal)},
                    {"last_inspection", facts::day_iso(s.last_inspection)},
                    {"data_through", facts::day_iso(result.data_through)}};
  return j;
}

ordered_json summary_json(const RiskResult& r) {
  ordered_json j;
  const auto& m = r.model;
  j["model"] = {{"version", m.version},
                {"half_life_days", m.half_life_days},
                {"linkage_days", m.linkage_days},
                {"max_weight_share", m.max_weight_share},
                {"alarm_weight", m.alarm_weight},
                {"change_weight", m.change_weight},
                {"change_threshold", m.change_threshold},
                {"change_prior", m.change_prior},
                {"change_recent_months", m.change_recent_months},
                {"cusum_k", m.cusum_k},
                {"false_alarms_per_month", m.false_alarms_per_month},
                {"monitor_months", m.monitor_months},
                {"baseline_months", m.baseline_months},
                {"bootstrap_replicates", m.bootstrap_replicates},
                {"seed", m.seed}};
  j["as_of"] = facts::day_iso(r.as_of);
  j["data_through"] = facts::day_iso(r.data_through);
  j["fingerprint"] = r.fingerprint;
  j["alarms"] = {{"units_monitored", r.units_monitored},
                 {"in_force", r.alarms},
                 {"expected_by_chance_per_month", r4(r.expected_false_alarms)},
                 {"dispersion", r4(r.alarm_dispersion)}};
  ordered_json indicators = ordered_json::array();
  for (size_t k = 0; k < m.indicators.size(); ++k) {
    const auto& d = m.indicators[k];
    ordered_json x{{"id", d.id},         {"name_sv", d.name_sv}, {"name_en", d.name_en},
                   {"description_en", d.description_en},
                   {"type", d.type == DataType::ratio        ? "ratio"
                            : d.type == DataType::proportion ? "proportion"
                            : d.type == DataType::count      ? "count"
                                                             : "external"},
                   {"paired_with", d.paired_with},
                   {"level", std::string(level_name(d.level))},
                   {"direction", std::string(direction_name(d.direction))},
                   {"weight", d.weight}, {"threshold", d.threshold}, {"period_months", d.period_months}};
    ordered_json levels;
    for (const auto& lv : r.levels) {
      const auto& s = lv.summaries[k];
      ordered_json y{{"entities", s.entities}};
      if (d.type == DataType::ratio) y["prior"] = {{"mean", r4(s.gamma.mean)}, {"shape", r4(s.gamma.shape)}};
      if (d.type == DataType::proportion) y["prior"] = {{"mean", r4(s.beta.mean)}, {"a", r4(s.beta.a)}, {"b", r4(s.beta.b)}};
      if (s.phi > 0) y["funnel"] = {{"phi", r4(s.phi)}, {"tau2_winsorised", r4(s.tau2_winsorised)},
                                    {"tau2_truncated", r4(s.tau2_truncated)}};
      levels[std::string(level_name(lv.level))] = std::move(y);
    }
    x["levels"] = std::move(levels);
    indicators.push_back(std::move(x));
  }
  j["indicators"] = std::move(indicators);
  ordered_json k;
  for (const auto& lv : r.levels) k[std::string(level_name(lv.level))] = lv.k;
  j["k"] = std::move(k);
  return j;
}

int64_t save_run(store::Store& store, const RiskEngine& engine, const RiskResult& result, const std::string& actor,
                 size_t evidence_top) {
  std::vector<store::RiskScoreRow> rows;
  for (const auto& lv : result.levels) {
    for (const auto& s : lv.ranked) {
      ExplainOptions o;
      o.evidence = static_cast<size_t>(s.rank) <= evidence_top;
      o.evidence_cases = static_cast<size_t>(result.model.evidence_cases);
      store::RiskScoreRow row;
      row.level = std::string(level_name(lv.level));
      row.entity_id = lv.ids[s.entity];
      row.name = lv.names[s.entity];
      row.rank = s.rank;
      row.rank_low = s.rank_low;
      row.rank_high = s.rank_high;
      row.score = s.score;
      row.flagged = s.flagged;
      row.alarm = s.alarm;
      row.method_dependent = s.method_dependent;
      row.explanation_json = explanation_json(engine, result, lv.level, s, o).dump();
      rows.push_back(std::move(row));
    }
  }
  store::RiskRun run;
  run.computed_by = actor;
  run.as_of = facts::day_iso(result.as_of);
  run.model_version = result.model.version;
  run.fingerprint = result.fingerprint;
  run.summary_json = summary_json(result).dump();
  return store.save_risk_run(run, rows);
}

}  // namespace vaksam::risk
