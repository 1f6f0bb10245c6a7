#include "followup/effect.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "stats/distributions.h"
#include "stats/poisson.h"

namespace vaksam::followup {

namespace {

using facts::Day;
using facts::kNoDay;
using facts::kNone;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Verdict verdict_of(double lower, double upper, int64_t signals, int64_t min_signals) {
  if (signals < min_signals || !std::isfinite(lower) || !std::isfinite(upper)) return Verdict::too_few;
  if (upper < 1) return Verdict::fewer;
  if (lower > 1) return Verdict::more;
  return Verdict::no_clear_change;
}

// Signals per unit and running month, as prefix sums: sum(u, a, b) is months a..b inclusive.
struct MonthlyCounts {
  int first = 0, months = 0;
  std::vector<int64_t> prefix;  // unit-major, months + 1 per unit
  int64_t sum(uint32_t u, int a, int b) const {
    a = std::max(a, first);
    b = std::min(b, first + months - 1);
    if (b < a) return 0;
    const size_t base = static_cast<size_t>(u) * (months + 1);
    return prefix[base + (b - first + 1)] - prefix[base + (a - first)];
  }
};

MonthlyCounts count_signals(const facts::Dataset& d, bool violence_only) {
  MonthlyCounts m;
  m.first = facts::month_index(d.first_case);
  m.months = facts::month_index(d.last_case) - m.first + 1;
  m.prefix.assign(d.units.size() * (m.months + 1), 0);
  const auto& c = d.cases;
  for (size_t i = 0; i < c.size(); ++i) {
    if (c.unit[i] == kNone || c.received[i] == kNoDay) continue;
    if (violence_only && !c.violence(i)) continue;
    m.prefix[static_cast<size_t>(c.unit[i]) * (m.months + 1) + (facts::month_index(c.received[i]) - m.first + 1)] += 1;
  }
  for (size_t u = 0; u < d.units.size(); ++u) {
    auto* p = &m.prefix[u * (m.months + 1)];
    for (int k = 1; k <= m.months; ++k) p[k] += p[k - 1];
  }
  return m;
}

struct Candidate {
  uint32_t unit, inspection;
  Day date;
  std::vector<uint8_t> categories;
};

std::vector<Candidate> find_events(const facts::Dataset& d, EffectEventKind kind, size_t& no_unit) {
  std::map<uint32_t, Candidate> by_inspection;
  if (kind == EffectEventKind::inspection) {
    for (uint32_t i = 0; i < d.inspections.size(); ++i) {
      const auto& insp = d.inspections[i];
      if (insp.decided == kNoDay) continue;
      if (insp.unit == kNone) {
        ++no_unit;
        continue;
      }
      by_inspection[i] = {insp.unit, i, insp.decided, {}};
    }
    for (const auto& x : d.deficiencies) {
      auto it = by_inspection.find(x.inspection);
      if (it != by_inspection.end() && x.category != facts::kNoCode) it->second.categories.push_back(x.category);
    }
  } else {
    for (const auto& x : d.deficiencies) {
      if (x.inspection == kNone) continue;
      Day verified = kNoDay;
      for (const auto& h : x.history)
        if (h.status == "verified") {
          verified = facts::to_day(h.status_date);
          break;
        }
      if (verified == kNoDay && x.history.empty() && x.status == facts::code_index("deficiency_statuses", "verified"))
        verified = x.status_date;
      if (verified == kNoDay) continue;
      const auto& insp = d.inspections[x.inspection];
      if (insp.unit == kNone) {
        ++no_unit;
        continue;
      }
      auto [it, fresh] = by_inspection.try_emplace(x.inspection, Candidate{insp.unit, x.inspection, verified, {}});
      it->second.date = std::min(it->second.date, verified);
      if (x.category != facts::kNoCode) it->second.categories.push_back(x.category);
    }
  }
  std::vector<Candidate> out;
  for (auto& [i, c] : by_inspection) {
    std::sort(c.categories.begin(), c.categories.end());
    c.categories.erase(std::unique(c.categories.begin(), c.categories.end()), c.categories.end());
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    return a.date != b.date ? a.date < b.date : a.unit < b.unit;
  });
  return out;
}

}  // namespace

std::string verdict_name(Verdict v) {
  switch (v) {
    case Verdict::fewer: return "fewer_signals";
    case Verdict::more: return "more_signals";
    case Verdict::no_clear_change: return "no_clear_change";
    case Verdict::too_few: return "too_few_to_tell";
  }
  return "too_few_to_tell";
}

std::string verdict_text(Verdict v) {
  switch (v) {
    case Verdict::fewer: return "fewer signals afterwards than comparable units' trend predicts";
    case Verdict::more: return "more signals afterwards than comparable units' trend predicts";
    case Verdict::no_clear_change: return "no clear change: the interval includes no change";
    case Verdict::too_few: return "too few signals to tell";
  }
  return "";
}

EffectSummary pool_events(const std::string& group, const std::vector<const EffectEvent*>& events,
                          const EffectOptions& o) {
  EffectSummary s;
  s.group = group;
  s.events = events.size();
  double num = 0, den = 0, var = 0;
  for (const auto* e : events) {
    s.before += e->before;
    s.after += e->after;
    if (!(e->comparison_ratio > 0) || !std::isfinite(e->comparison_ratio)) continue;
    // Stratum: after period with weight T1 = after_months * comparison ratio, before T0 = before_months.
    const double t1 = e->after_months * e->comparison_ratio, t0 = e->before_months, t = t1 + t0;
    num += e->after * t0 / t;
    den += e->before * t1 / t;
    var += (e->after + e->before) * t1 * t0 / (t * t);
  }
  s.did = num > 0 && den > 0 ? num / den : (den > 0 ? 0.0 : kNaN);
  s.ci = {kNaN, kNaN};
  if (num > 0 && den > 0) {
    const double se = std::sqrt(var / (num * den));
    const double z = stats::qnorm(0.5 + o.conf_level / 2);
    s.ci = {s.did * std::exp(-z * se), s.did * std::exp(z * se)};
  }
  s.verdict = events.size() < o.min_events ? Verdict::too_few
                                           : verdict_of(s.ci.lower, s.ci.upper, s.before + s.after, o.min_pooled_signals);
  return s;
}

EffectReport supervision_effect(const facts::Dataset& d, const EffectOptions& o) {
  EffectReport report;
  report.options = o;
  if (d.first_case == kNoDay || d.units.empty()) return report;
  const MonthlyCounts counts = count_signals(d, o.violence_only);
  const int last_full = counts.first + counts.months - 2;  // the newest month may be partial
  // Months in which each unit was inspected (started or decided).
  std::vector<std::vector<int>> inspected(d.units.size());
  for (const auto& insp : d.inspections) {
    if (insp.unit == kNone) continue;
    for (Day day : {insp.started, insp.decided})
      if (day != kNoDay) inspected[insp.unit].push_back(facts::month_index(day));
  }
  std::map<std::string, std::vector<uint32_t>> by_type;
  for (uint32_t u = 0; u < d.units.size(); ++u) by_type[d.units[u].unit_type].push_back(u);
  const int w = o.window_months;
  for (const auto& c : find_events(d, o.kind, report.left_out_no_unit)) {
    const int m = facts::month_index(c.date);
    if (m - w < counts.first) {
      ++report.left_out_too_early;
      continue;
    }
    const int after_months = std::min(w, last_full - m);
    if (after_months < o.min_after_months) {
      ++report.left_out_too_recent;
      continue;
    }
    EffectEvent e;
    e.unit = c.unit;
    e.inspection = c.inspection;
    e.date = c.date;
    e.categories = c.categories;
    e.before_months = w;
    e.after_months = after_months;
    e.before = counts.sum(c.unit, m - w, m - 1);
    e.after = counts.sum(c.unit, m + 1, m + after_months);
    for (uint32_t u : by_type[d.units[c.unit].unit_type]) {
      if (u == c.unit) continue;
      const auto& months = inspected[u];
      if (std::any_of(months.begin(), months.end(), [&](int k) { return k >= m - w && k <= m + w; })) continue;
      ++e.comparison_units;
      e.comparison_before += counts.sum(u, m - w, m - 1);
      e.comparison_after += counts.sum(u, m + 1, m + after_months);
    }
    const auto rr = stats::poisson_test_two_sample(e.after, after_months, e.before, w, 1, o.conf_level);
    e.rate_ratio = rr.estimate;
    e.rate_ratio_ci = rr.ci;
    e.comparison_ratio = e.comparison_before > 0 && e.comparison_after > 0
                             ? (double(e.comparison_after) / after_months) / (double(e.comparison_before) / w)
                             : kNaN;
    e.did = kNaN;
    e.did_ci = {kNaN, kNaN};
    if (std::isfinite(e.comparison_ratio) && e.before + e.after > 0) {
      const auto dd = stats::poisson_test_two_sample(e.after, after_months * e.comparison_ratio, e.before, w, 1,
                                                     o.conf_level);
      e.did = dd.estimate;
      e.did_ci = dd.ci;
    }
    e.verdict = verdict_of(e.did_ci.lower, e.did_ci.upper, e.before + e.after, o.min_signals);
    report.events.push_back(std::move(e));
  }
  std::vector<const EffectEvent*> all;
  std::map<uint8_t, std::vector<const EffectEvent*>> by_category;
  std::map<int, std::vector<const EffectEvent*>> by_year;
  for (const auto& e : report.events) {
    all.push_back(&e);
    for (uint8_t k : e.categories) by_category[k].push_back(&e);
    by_year[facts::year_of(e.date)].push_back(&e);
  }
  report.overall = pool_events("all", all, o);
  for (const auto& [k, list] : by_category)
    report.by_category.push_back(pool_events("category:" + facts::code_at("deficiency_categories", k), list, o));
  for (const auto& [y, list] : by_year) report.by_year.push_back(pool_events("year:" + std::to_string(y), list, o));
  return report;
}

}  // namespace vaksam::followup
