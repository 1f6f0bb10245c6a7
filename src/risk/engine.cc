#include "risk/engine.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "common/error.h"
#include "reference/code_list.h"
#include "reference/geography.h"
#include "risk/engine_internal.h"
#include "risk/funnel.h"
#include "risk/linkage.h"

namespace vaksam::risk {

namespace {

using facts::Day;
using facts::kNone;
using facts::kNoDay;

constexpr double kDaysPerMonth = 30.436875;
constexpr size_t kMaxIndicators = 32;

bool matches(const CaseFilter& f, const facts::Cases& c, size_t i) {
  if (!f.kinds.empty() && std::find(f.kinds.begin(), f.kinds.end(), c.kind[i]) == f.kinds.end()) return false;
  if (f.violence >= 0 && c.violence(i) != (f.violence == 1)) return false;
  if (f.categories_any && !(c.categories[i] & f.categories_any)) return false;
  if (f.min_severity > 0 && c.severity[i] < f.min_severity) return false;
  if (f.handling_deficiency && !(c.screen_flags[i] & facts::Cases::kHandlingDeficiency)) return false;
  return true;
}

bool is_case_indicator(const IndicatorDef& d) { return d.source == Source::cases; }

// Status of a deficiency on `day`: the last change on or before it.
uint8_t status_on(const facts::Deficiency& x, Day day) {
  uint8_t status = facts::kNoCode;
  for (const auto& h : x.history)
    if (facts::to_day(h.status_date) <= day) status = facts::code_index("deficiency_statuses", h.status);
  if (status == facts::kNoCode && x.history.empty() && x.status_date != kNoDay && x.status_date <= day)
    status = x.status;
  return status;
}

std::string fingerprint_of(const facts::Dataset& d, const PriorityModel& m, Day as_of) {
  XXH3_state_t* st = XXH3_createState();
  XXH3_128bits_reset(st);
  auto add = [&](const void* p, size_t n) { XXH3_128bits_update(st, p, n); };
  auto add_s = [&](const std::string& s) { add(s.data(), s.size() + 1); };
  add_s(m.version);
  for (double v : {m.half_life_days, double(m.linkage_days), m.alarm_weight, m.cusum_k, m.false_alarms_per_month,
                   double(m.monitor_months), double(m.baseline_months), double(m.bootstrap_replicates),
                   double(m.seed)})
    add(&v, sizeof v);
  for (const auto& i : m.indicators) {
    add_s(i.id);
    add(&i.weight, sizeof i.weight);
    add(&i.threshold, sizeof i.threshold);
    add(&i.period_months, sizeof i.period_months);
  }
  add(&as_of, sizeof as_of);
  const auto& c = d.cases;
  for (size_t i = 0; i < c.size(); ++i) {
    if (c.received[i] > as_of) continue;
    add_s(c.id[i]);
    add(&c.kind[i], 1);
    add(&c.received[i], sizeof(Day));
    add(&c.unit[i], 4);
    add(&c.principal[i], 4);
    add(&c.subject[i], 8);
    add(&c.screen_flags[i], 1);
    add(&c.severity[i], 1);
    add(&c.categories[i], 4);
  }
  for (const auto& u : d.units) {
    add_s(u.id);
    add_s(u.unit_type);
    add_s(u.kommunkod);
    add(&u.capacity, sizeof u.capacity);
  }
  for (const auto& x : d.deficiencies) {
    add_s(x.id);
    add(&x.deadline, sizeof x.deadline);
    for (const auto& h : x.history) {
      add_s(h.status);
      add_s(h.status_date);
    }
  }
  for (const auto& v : d.indicator_values) {
    add_s(v.indicator_id);
    add_s(v.area_code);
    add_s(v.period);
    add(&v.value, sizeof v.value);
  }
  XXH128_hash_t h = XXH3_128bits_digest(st);
  XXH3_freeState(st);
  char hex[33];
  std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return hex;
}

}  // namespace

uint32_t parent_of(const RiskEngine::Prepared& p, const facts::Dataset& d, Level level, uint32_t unit) {
  switch (level) {
    case Level::unit: return unit;
    case Level::principal: return d.units[unit].principal;
    case Level::municipality: return p.unit_municipality[unit];
    case Level::region: return p.unit_region[unit];
  }
  return kNone;
}

RiskEngine::RiskEngine(const facts::Dataset& data, PriorityModel model)
    : data_(data), model_(std::move(model)), prepared_(std::make_unique<Prepared>()) {
  validate_model(model_);
  if (model_.indicators.size() > kMaxIndicators)
    throw Error("at most " + std::to_string(kMaxIndicators) + " indicators");
  auto& p = *prepared_;
  const auto& d = data_;
  const auto& geo = reference::Geography::builtin();
  p.indicators = model_.indicators.size();

  // Entities.
  std::map<std::string, uint32_t> muni_index, region_index;
  for (const auto& m : geo.municipalities()) {
    muni_index.emplace(m.code, static_cast<uint32_t>(p.ids[2].size()));
    p.ids[2].push_back(m.code);
    p.names[2].push_back(m.name);
    p.municipality_population.push_back(static_cast<double>(m.population));
  }
  for (const auto& r : geo.regions()) {
    region_index.emplace(r.code, static_cast<uint32_t>(p.ids[3].size()));
    p.ids[3].push_back(r.code);
    p.names[3].push_back(r.name);
    p.region_population.push_back(static_cast<double>(r.population));
  }
  for (const auto& m : geo.municipalities()) p.municipality_region.push_back(region_index.at(m.region_code));
  for (const auto& u : d.units) {
    p.ids[0].push_back(u.id);
    p.names[0].push_back(u.name);
    auto mi = muni_index.find(u.kommunkod);
    p.unit_municipality.push_back(mi == muni_index.end() ? kNone : mi->second);
    p.unit_region.push_back(mi == muni_index.end() ? kNone : p.municipality_region[mi->second]);
  }
  for (const auto& pr : d.principals) {
    p.ids[1].push_back(pr.id);
    p.names[1].push_back(pr.name);
    auto mi = pr.type == "municipality" ? muni_index.find(pr.kommunkod) : muni_index.end();
    p.principal_municipality.push_back(mi == muni_index.end() ? kNone : mi->second);
    auto ri = pr.type == "region" ? region_index.find(pr.region_code) : region_index.end();
    p.principal_region.push_back(ri == region_index.end() ? kNone : ri->second);
  }

  // Cases: filter bits, linkage, date order, municipality.
  const auto& c = d.cases;
  p.case_mask.resize(c.size());
  for (size_t i = 0; i < c.size(); ++i) {
    uint64_t mask = 0;
    for (size_t k = 0; k < p.indicators; ++k) {
      const auto& def = model_.indicators[k];
      if (!is_case_indicator(def)) continue;
      if (matches(def.numerator, c, i)) mask |= uint64_t{1} << k;
      if (def.type == DataType::proportion && matches(def.base, c, i)) mask |= uint64_t{1} << (32 + k);
    }
    p.case_mask[i] = mask;
  }
  for (size_t k = 0; k < p.indicators; ++k)
    if (model_.indicators[k].alarm) p.alarm_bits |= uint64_t{1} << k;
  p.root = link_cases(c, model_.linkage_days);
  p.by_date.resize(c.size());
  std::iota(p.by_date.begin(), p.by_date.end(), 0u);
  std::stable_sort(p.by_date.begin(), p.by_date.end(),
                   [&](uint32_t a, uint32_t b) { return c.received[a] < c.received[b]; });
  p.case_municipality.resize(c.size(), kNone);
  for (size_t i = 0; i < c.size(); ++i) {
    if (c.unit[i] != kNone) p.case_municipality[i] = p.unit_municipality[c.unit[i]];
    else if (c.principal[i] != kNone) p.case_municipality[i] = p.principal_municipality[c.principal[i]];
  }

  // Exposure: capacity, or else the municipality's population shared among its units of the
  // type. Strata: unit type x size tertile within the type.
  std::map<std::pair<uint32_t, std::string>, int> same_type;
  for (size_t u = 0; u < d.units.size(); ++u) ++same_type[{p.unit_municipality[u], d.units[u].unit_type}];
  p.exposure.resize(d.units.size());
  for (size_t u = 0; u < d.units.size(); ++u) {
    const auto& unit = d.units[u];
    if (unit.capacity > 0) p.exposure[u] = static_cast<double>(unit.capacity);
    else if (p.unit_municipality[u] != kNone)
      p.exposure[u] = p.municipality_population[p.unit_municipality[u]] /
                      same_type[{p.unit_municipality[u], unit.unit_type}];
    else p.exposure[u] = 1;
  }
  std::map<std::string, std::vector<uint32_t>> by_type;
  for (uint32_t u = 0; u < d.units.size(); ++u) by_type[d.units[u].unit_type].push_back(u);
  p.stratum.resize(d.units.size());
  p.size_band.assign(d.units.size(), 1);
  uint32_t next = 0;
  for (auto& [type, members] : by_type) {
    std::sort(members.begin(), members.end(), [&](uint32_t a, uint32_t b) { return p.exposure[a] < p.exposure[b]; });
    const int bands = members.size() >= 30 ? 3 : 1;
    for (size_t r = 0; r < members.size(); ++r) {
      p.stratum[members[r]] = next + static_cast<uint32_t>(r * bands / members.size());
      p.size_band[members[r]] = static_cast<uint8_t>(r * 3 / members.size());
    }
    next += bands;
  }
  p.strata = next;

  // Early-warning thresholds per level, aiming at the national number of false alarms.
  std::vector<double> targets;
  for (int l = 0; l < kLevels; ++l) {
    size_t n = std::max<size_t>(1, p.ids[l].size());
    targets.push_back(std::min(0.05, model_.false_alarms_per_month / static_cast<double>(n)));
  }
  p.alarm_targets = targets;
}

RiskEngine::~RiskEngine() = default;

int RiskEngine::size_band(uint32_t unit) const { return prepared_->size_band[unit]; }

double RiskEngine::exposure(uint32_t unit) const { return prepared_->exposure[unit]; }

RiskResult RiskEngine::compute(Day as_of, const ComputeOptions& options) const {
  const auto& p = *prepared_;
  const auto& d = data_;
  const auto& c = d.cases;
  const size_t ni = p.indicators;
  RiskResult result;
  result.model = model_;
  result.as_of = as_of;
  result.fingerprint = fingerprint_of(d, model_, as_of);

  for (int l = 0; l < kLevels; ++l) {
    auto& level = result.levels[l];
    level.level = static_cast<Level>(l);
    level.ids = p.ids[l];
    level.names = p.names[l];
    level.values.assign(level.ids.size() * ni, IndicatorValue{});
    level.summaries.assign(ni, IndicatorSummary{});
  }
  auto& units = result.levels[0];
  auto& munis = result.levels[2];

  // Windows.
  std::vector<Day> start(ni);
  Day earliest = as_of;
  for (size_t k = 0; k < ni; ++k) {
    start[k] = as_of - static_cast<Day>(std::lround(model_.indicators[k].period_months * kDaysPerMonth));
    earliest = std::min(earliest, start[k]);
  }
  auto lo = std::lower_bound(p.by_date.begin(), p.by_date.end(), earliest,
                             [&](uint32_t i, Day day) { return c.received[i] < day; });
  auto hi = std::upper_bound(p.by_date.begin(), p.by_date.end(), as_of,
                             [&](Day day, uint32_t i) { return day < c.received[i]; });
  if (hi != p.by_date.begin()) result.data_through = c.received[*(hi - 1)];

  // Linked events: the union of the filters their cases meet, dated by the first case.
  std::vector<uint64_t> event(c.size(), 0);
  std::vector<uint32_t> touched;
  for (auto it = lo; it != hi; ++it) {
    uint32_t i = *it;
    uint32_t r = p.root[i];
    if (!p.case_mask[i]) continue;
    if (!event[r]) touched.push_back(r);
    event[r] |= p.case_mask[i];
  }
  for (uint32_t r : touched) {
    const uint64_t bits = event[r];
    event[r] = 0;
    const Day day = c.received[r];
    const double w = decay_weight(as_of - day, model_.half_life_days);
    const uint32_t u = c.unit[r];
    const uint32_t m = p.case_municipality[r];
    for (size_t k = 0; k < ni; ++k) {
      if (day < start[k]) continue;
      const auto& def = model_.indicators[k];
      const bool num = bits >> k & 1, base = bits >> (32 + k) & 1;
      if (!num && !base) continue;
      IndicatorValue* v = nullptr;
      if (def.level == Level::unit && u != kNone) v = &units.values[u * ni + k];
      else if (def.level == Level::municipality && m != kNone) v = &munis.values[m * ni + k];
      if (!v) continue;
      if (def.type == DataType::proportion) {
        if (num) v->observed += static_cast<float>(w);
        if (base) v->expected += static_cast<float>(w);
        if (num) v->raw += 1;
      } else if (num) {
        v->observed += static_cast<float>(w);
        v->raw += 1;
      }
    }
  }

  // Expected counts: unit-level ratios by stratum, municipality ratios by population.
  std::vector<char> active(d.units.size(), 1);
  for (size_t u = 0; u < d.units.size(); ++u) {
    const auto& unit = d.units[u];
    if ((unit.opened != kNoDay && unit.opened > as_of) || (unit.closed != kNoDay && unit.closed < earliest))
      active[u] = 0;
  }
  for (size_t k = 0; k < ni; ++k) {
    const auto& def = model_.indicators[k];
    if (def.type != DataType::ratio) continue;
    if (def.level == Level::unit) {
      std::vector<double> o(p.strata, 0), x(p.strata, 0);
      for (size_t u = 0; u < d.units.size(); ++u) {
        if (!active[u]) continue;
        o[p.stratum[u]] += units.values[u * ni + k].observed;
        x[p.stratum[u]] += p.exposure[u];
      }
      for (size_t u = 0; u < d.units.size(); ++u) {
        if (!active[u]) continue;
        const size_t s = p.stratum[u];
        units.values[u * ni + k].expected = x[s] > 0 ? static_cast<float>(p.exposure[u] * o[s] / x[s]) : 0;
      }
    } else if (def.level == Level::municipality) {
      double o = 0, pop = 0;
      for (size_t m = 0; m < munis.ids.size(); ++m) {
        o += munis.values[m * ni + k].observed;
        pop += p.municipality_population[m];
      }
      for (size_t m = 0; m < munis.ids.size(); ++m)
        munis.values[m * ni + k].expected = pop > 0 ? static_cast<float>(p.municipality_population[m] * o / pop) : 0;
    }
  }

  // Deficiencies known by as_of, at the unit (or the principal when no unit is named).
  auto& principals = result.levels[1];
  const uint8_t open = facts::code_index("deficiency_statuses", "open");
  const uint8_t received = facts::code_index("deficiency_statuses", "account_received");
  const uint8_t not_accepted = facts::code_index("deficiency_statuses", "not_accepted");
  const uint8_t escalated = facts::code_index("deficiency_statuses", "escalated");
  // Recurrence (followup, docs/followup.md): the principal was found deficient in the same
  // category at an earlier inspection. DeficiencyFilter::recurring counts such findings made
  // within the indicator's period.
  auto principal_of = [&](const facts::Inspection& insp) {
    return insp.principal != kNone ? insp.principal : insp.unit != kNone ? d.units[insp.unit].principal : kNone;
  };
  std::map<std::pair<uint32_t, uint8_t>, Day> first_found;
  for (const auto& x : d.deficiencies) {
    if (x.inspection == kNone) continue;
    const auto& insp = d.inspections[x.inspection];
    const Day known = insp.decided != kNoDay ? insp.decided : insp.started;
    if (known == kNoDay || known > as_of || principal_of(insp) == kNone) continue;
    auto [it, fresh] = first_found.try_emplace({principal_of(insp), x.category}, known);
    if (!fresh) it->second = std::min(it->second, known);
  }
  for (const auto& x : d.deficiencies) {
    if (x.inspection == kNone) continue;
    const auto& insp = d.inspections[x.inspection];
    Day known = insp.decided != kNoDay ? insp.decided : insp.started;
    if (known == kNoDay || known > as_of) continue;
    const bool is_recurrence =
        principal_of(insp) != kNone && first_found.at({principal_of(insp), x.category}) < known;
    uint8_t s = status_on(x, as_of);
    if (s == facts::kNoCode) s = open;
    const bool is_open = s == open || s == received || s == not_accepted || s == escalated;
    const bool is_overdue = (s == open && x.deadline != kNoDay && x.deadline < as_of) || s == not_accepted ||
                            s == escalated;
    for (size_t k = 0; k < ni; ++k) {
      const auto& def = model_.indicators[k];
      if (def.source != Source::deficiencies) continue;
      bool counts = def.deficiencies == DeficiencyFilter::all ||
                    (def.deficiencies == DeficiencyFilter::open && is_open) ||
                    (def.deficiencies == DeficiencyFilter::overdue && is_overdue) ||
                    (def.deficiencies == DeficiencyFilter::recurring && is_recurrence &&
                     known > as_of - def.period_months * kDaysPerMonth);
      if (!counts) continue;
      IndicatorValue* v = insp.unit != kNone        ? &units.values[insp.unit * ni + k]
                          : insp.principal != kNone ? &principals.values[insp.principal * ni + k]
                                                    : nullptr;
      if (v) {
        v->observed += 1;
        v->raw += 1;
      }
    }
  }

  // External statistics: the latest year published by as_of (the year before it).
  const int last_year = facts::year_of(as_of) - 1;
  for (size_t k = 0; k < ni; ++k) {
    const auto& def = model_.indicators[k];
    if (def.source != Source::external) continue;
    std::map<std::string, std::pair<int, double>> latest;  // area -> (year, value)
    for (const auto& v : d.indicator_values) {
      if (v.indicator_id != def.external_id) continue;
      int year = std::atoi(v.period.substr(0, 4).c_str());
      if (year > last_year) continue;
      auto& slot = latest[v.area_code];
      if (year >= slot.first) slot = {year, v.value};
    }
    auto& level = result.levels[static_cast<size_t>(def.level)];
    std::vector<double> all;
    for (size_t e = 0; e < level.ids.size(); ++e) {
      auto it = latest.find(level.ids[e]);
      if (it == latest.end()) continue;
      auto& v = level.values[e * ni + k];
      v.observed = static_cast<float>(it->second.second);
      v.applicable = true;
      all.push_back(it->second.second);
    }
    std::sort(all.begin(), all.end());
    // The component: the share of areas doing strictly better.
    for (size_t e = 0; e < level.ids.size(); ++e) {
      auto& v = level.values[e * ni + k];
      if (!v.applicable || all.empty()) continue;
      double better = def.direction == Direction::lower_is_worse
                          ? static_cast<double>(all.end() - std::upper_bound(all.begin(), all.end(), v.observed))
                          : static_cast<double>(std::lower_bound(all.begin(), all.end(), v.observed) - all.begin());
      v.component = static_cast<float>(better / static_cast<double>(all.size()));
    }
  }

  // Aggregate unit-level evidence to principals, municipalities and regions; municipality
  // evidence to regions.
  for (int l = 1; l < kLevels; ++l) {
    auto& level = result.levels[l];
    for (uint32_t u = 0; u < d.units.size(); ++u) {
      if (!active[u]) continue;
      uint32_t e = parent_of(p, d, static_cast<Level>(l), u);
      if (e == kNone) continue;
      for (size_t k = 0; k < ni; ++k) {
        if (model_.indicators[k].level != Level::unit) continue;
        const auto& from = units.values[u * ni + k];
        auto& to = level.values[e * ni + k];
        to.observed += from.observed;
        to.expected += from.expected;
        to.raw += from.raw;
      }
    }
  }
  auto& regions = result.levels[3];
  for (size_t m = 0; m < munis.ids.size(); ++m) {
    for (size_t k = 0; k < ni; ++k) {
      const auto& def = model_.indicators[k];
      if (def.level != Level::municipality || def.type == DataType::external) continue;
      const auto& from = munis.values[m * ni + k];
      auto& to = regions.values[p.municipality_region[m] * ni + k];
      to.observed += from.observed;
      to.expected += from.expected;
      to.raw += from.raw;
    }
  }

  // Applicability, shrinkage and components per level.
  for (int l = 0; l < kLevels; ++l) {
    auto& level = result.levels[l];
    const size_t n = level.ids.size();
    for (size_t k = 0; k < ni; ++k) {
      const auto& def = model_.indicators[k];
      auto& sum = level.summaries[k];
      std::vector<double> o, e;
      std::vector<size_t> which;
      for (size_t x = 0; x < n; ++x) {
        auto& v = level.values[x * ni + k];
        if (def.type == DataType::external) continue;
        if (def.type == DataType::count) {
          v.applicable = l == 0 ? active[x] : true;
          v.component = static_cast<float>(1 - std::exp(-v.observed / def.threshold));
          continue;
        }
        v.applicable = v.expected > 0;
        if (!v.applicable) continue;
        o.push_back(v.observed);
        e.push_back(v.expected);
        which.push_back(x);
      }
      if (def.type == DataType::external || def.type == DataType::count) {
        for (size_t x = 0; x < n; ++x) sum.entities += level.values[x * ni + k].applicable;
        continue;
      }
      sum.entities = which.size();
      if (which.empty()) continue;
      const bool lower = def.direction == Direction::lower_is_worse;
      if (def.type == DataType::ratio) {
        sum.gamma = fit_gamma_prior(o, e);
        for (size_t j = 0; j < which.size(); ++j) {
          double pe = gamma_exceedance(sum.gamma, o[j], e[j], def.threshold);
          if (lower) pe = 1 - gamma_exceedance(sum.gamma, o[j], e[j], 1 / def.threshold);
          level.values[which[j] * ni + k].component = static_cast<float>(pe);
        }
      } else {
        sum.beta = fit_beta_prior(o, e);
        for (size_t j = 0; j < which.size(); ++j)
          level.values[which[j] * ni + k].component =
              static_cast<float>(beta_exceedance(sum.beta, o[j], e[j], def.threshold, lower));
      }
      // Funnel comparison, Winsorised and truncated, for the sensitivity check and the plot.
      if (which.size() >= 10) {
        std::vector<FunnelInput> in(which.size());
        for (size_t j = 0; j < which.size(); ++j)
          in[j] = {std::min(o[j], def.type == DataType::proportion ? e[j] : o[j]), e[j]};
        FunnelOptions fo;
        fo.type = def.type == DataType::ratio ? FunnelType::kRatio : FunnelType::kProportion;
        fo.ratio_method = RatioMethod::kCqc;
        fo.limits = false;
        fo.trimming = Trimming::kWinsorise;
        auto w = funnel_compare(in, fo);
        fo.trimming = Trimming::kTruncate;
        auto t = funnel_compare(in, fo);
        sum.phi = w.phi;
        sum.tau2_winsorised = w.tau2;
        sum.tau2_truncated = t.tau2;
        const float sign = lower ? -1.0f : 1.0f;
        for (size_t j = 0; j < which.size(); ++j) {
          auto& v = level.values[which[j] * ni + k];
          v.z_winsorised = sign * static_cast<float>(w.overdispersed ? w.units[j].z_od : w.units[j].z);
          v.z_truncated = sign * static_cast<float>(t.overdispersed ? t.units[j].z_od : t.units[j].z);
        }
      }
    }
  }

  // Municipality evidence borne by units (of the named types) and by municipality principals.
  for (size_t k = 0; k < ni; ++k) {
    const auto& def = model_.indicators[k];
    if (def.level != Level::municipality) continue;
    auto bears = [&](const std::string& type) {
      return def.unit_types.empty() || std::find(def.unit_types.begin(), def.unit_types.end(), type) != def.unit_types.end();
    };
    for (size_t u = 0; u < d.units.size(); ++u) {
      uint32_t m = p.unit_municipality[u];
      if (m == kNone || !active[u] || !bears(d.units[u].unit_type)) continue;
      const auto& from = munis.values[m * ni + k];
      if (from.applicable) units.values[u * ni + k] = from;
    }
    for (size_t pr = 0; pr < principals.ids.size(); ++pr) {
      uint32_t m = p.principal_municipality[pr];
      if (m == kNone) continue;
      const auto& from = munis.values[m * ni + k];
      if (from.applicable) principals.values[pr * ni + k] = from;
    }
  }

  // Early warning, scores, ranks.
  std::array<std::vector<EntityScore>, kLevels> scores;
  for (int l = 0; l < kLevels; ++l) {
    scores[l].resize(result.levels[l].ids.size());
    for (uint32_t e = 0; e < scores[l].size(); ++e) scores[l][e].entity = e;
  }
  compute_alarms(p, d, model_, as_of, result, scores);

  // Freshness: newest case and inspection known by as_of.
  for (auto it = lo; it != hi; ++it) {
    uint32_t i = *it;
    if (c.unit[i] == kNone) continue;
    for (int l = 0; l < kLevels; ++l) {
      uint32_t e = parent_of(p, d, static_cast<Level>(l), c.unit[i]);
      if (e != kNone) scores[l][e].last_signal = std::max(scores[l][e].last_signal, c.received[i]);
    }
  }
  size_t inspections_last_year = 0;
  for (const auto& insp : d.inspections) {
    if (insp.started == kNoDay || insp.started > as_of) continue;
    if (insp.started > as_of - 365 && insp.unit != kNone) ++inspections_last_year;
    if (insp.unit == kNone) continue;
    for (int l = 0; l < kLevels; ++l) {
      uint32_t e = parent_of(p, d, static_cast<Level>(l), insp.unit);
      if (e != kNone) scores[l][e].last_inspection = std::max(scores[l][e].last_inspection, insp.started);
    }
  }

  const size_t k_units = options.k ? options.k : std::max<size_t>(10, inspections_last_year);
  for (int l = 0; l < kLevels; ++l) {
    auto& level = result.levels[l];
    double share = static_cast<double>(k_units) / std::max<size_t>(1, units.ids.size());
    level.k = std::clamp<size_t>(static_cast<size_t>(std::lround(share * level.ids.size())), 1, level.ids.size());
    if (level.ids.empty()) level.k = 0;
    score_level(model_, level, scores[l], options);
  }
  return result;
}

std::vector<std::string> RiskEngine::evidence(const RiskResult& result, Level level, uint32_t entity,
                                              int indicator, size_t limit) const {
  const auto& p = *prepared_;
  const auto& c = data_.cases;
  uint64_t bits = indicator < 0 ? p.alarm_bits : (uint64_t{1} << indicator);
  const auto* def = indicator < 0 ? nullptr : &model_.indicators[static_cast<size_t>(indicator)];
  if (def && def->source != Source::cases) return {};
  int months = def ? def->period_months : model_.monitor_months;
  Day start = result.as_of - static_cast<Day>(std::lround(months * kDaysPerMonth));
  std::vector<std::string> out;
  for (auto it = p.by_date.rbegin(); it != p.by_date.rend() && out.size() < limit; ++it) {
    uint32_t i = *it;
    if (c.received[i] > result.as_of) continue;
    if (c.received[i] < start) break;
    if (!(p.case_mask[i] & bits)) continue;
    uint32_t e = kNone;
    if (def && def->level == Level::municipality) {
      uint32_t m = p.case_municipality[i];
      if (m == kNone) continue;
      bool bears = (level == Level::unit && p.unit_municipality[entity] == m) ||
                   (level == Level::principal && p.principal_municipality[entity] == m) ||
                   (level == Level::municipality && entity == m) ||
                   (level == Level::region && p.municipality_region[m] == entity);
      if (bears) e = entity;
    } else if (c.unit[i] != kNone) {
      e = parent_of(p, data_, level, c.unit[i]);
    }
    if (e == entity) out.push_back(c.id[i]);
  }
  return out;
}

}  // namespace vaksam::risk
