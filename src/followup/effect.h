// The effect of supervision: did the signals about a unit change after a deficiency was
// verified as remedied (or after an inspection finished), against the trend in comparable
// units? Per event: the unit's rate ratio after/before with an exact interval, and the
// difference-in-differences — the unit's rate ratio divided by that of units of the same
// type not inspected in the window — with an exact conditional interval (the comparison
// group's trend taken as known: it pools hundreds of units). Summaries per deficiency
// category and per year pool events by Mantel-Haenszel. Pure. See docs/followup.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "facts/dataset.h"
#include "stats/interval.h"

namespace vaksam::followup {

enum class EffectEventKind {
  remedy,      // a deficiency verified as remedied: the first verification of an inspection's deficiencies
  inspection,  // an inspection decided (finished), whatever it found
};

struct EffectOptions {
  EffectEventKind kind = EffectEventKind::remedy;
  int window_months = 12;     // before and after the event month (which is left out)
  int min_after_months = 6;   // events with less data after them are left out as too recent
  int64_t min_signals = 10;   // an event with fewer signals (before + after) is "too few to tell"
  int64_t min_pooled_signals = 30;  // a summary with fewer is "too few to tell"
  size_t min_events = 3;      // a summary of fewer events is "too few to tell"
  bool violence_only = false; // count only cases screened as violence
  double conf_level = 0.95;
};

enum class Verdict { fewer, more, no_clear_change, too_few };
std::string verdict_name(Verdict v);  // fewer_signals, more_signals, no_clear_change, too_few_to_tell
std::string verdict_text(Verdict v);  // a sentence for people

struct EffectEvent {
  uint32_t unit = 0, inspection = 0;
  facts::Day date = facts::kNoDay;
  std::vector<uint8_t> categories;  // of the inspection's deficiencies (remedied ones for kind remedy)
  int before_months = 0, after_months = 0;
  int64_t before = 0, after = 0;    // the unit's signals
  size_t comparison_units = 0;
  int64_t comparison_before = 0, comparison_after = 0;
  double rate_ratio = 0;            // the unit's rate after / before
  stats::Interval rate_ratio_ci;
  double comparison_ratio = 0;      // the comparison units' rate after / before (NaN: none)
  double did = 0;                   // rate_ratio / comparison_ratio
  stats::Interval did_ci;
  Verdict verdict = Verdict::too_few;
};

struct EffectSummary {
  std::string group;  // "all", "category:<code>", "year:<yyyy>"
  size_t events = 0;
  int64_t before = 0, after = 0;
  double did = 0;     // Mantel-Haenszel ratio of rate ratios (NaN when it does not exist)
  stats::Interval ci;
  Verdict verdict = Verdict::too_few;
};

struct EffectReport {
  EffectOptions options;
  std::vector<EffectEvent> events;  // by date, then unit
  size_t left_out_too_recent = 0, left_out_too_early = 0, left_out_no_unit = 0;
  EffectSummary overall;
  std::vector<EffectSummary> by_category, by_year;
};

EffectReport supervision_effect(const facts::Dataset& data, const EffectOptions& options = {});

// Pools events (Mantel-Haenszel over events, the comparison trend as the after period's weight).
EffectSummary pool_events(const std::string& group, const std::vector<const EffectEvent*>& events,
                          const EffectOptions& options);

}  // namespace vaksam::followup
