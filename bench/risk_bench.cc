// Risk engine speed: a full recompute (linkage, expected counts, shrinkage, funnels, alarms,
// scores, bootstrap rank intervals, method sensitivity) for N units x 20 indicators x 60
// months, on one core; then a backtest-style loop of 60 monthly recomputes. Prints; asserts
// nothing.   risk_bench [units=10000] [cases_per_unit_year=8]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "common/date.h"
#include "facts/dataset.h"
#include "reference/code_list.h"
#include "reference/geography.h"
#include "risk/engine.h"
#include "risk/priority_model.h"
#include "risk/risk_json.h"

namespace {

using namespace vaksam;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// A national-looking dataset in memory: units of every type in every municipality, cases with
// screening results, repeat reports about one person, inspections and deficiencies.
facts::Dataset make_dataset(size_t n_units, double cases_per_unit_year, facts::Day first, int months) {
  std::mt19937_64 rng(42);
  facts::Dataset d;
  const auto& geo = reference::Geography::builtin();
  const auto& types = reference::CodeList::builtin("unit_types").codes();
  for (size_t p = 0; p < n_units / 10 + 1; ++p) {
    const auto& m = geo.municipalities()[p % geo.municipalities().size()];
    d.principal_index.emplace("P" + std::to_string(p), static_cast<uint32_t>(p));
    d.principals.push_back({"P" + std::to_string(p), "company", "Principal " + std::to_string(p), m.code, ""});
  }
  std::gamma_distribution<double> frailty(2.0, 0.5);
  std::vector<double> rate(n_units);
  for (size_t u = 0; u < n_units; ++u) {
    const auto& m = geo.municipalities()[rng() % geo.municipalities().size()];
    facts::Unit unit;
    unit.id = "U" + std::to_string(u);
    unit.name = "Unit " + std::to_string(u);
    unit.unit_type = types[rng() % types.size()].code;
    unit.principal = static_cast<uint32_t>(u / 10);
    unit.kommunkod = m.code;
    unit.region_code = m.region_code;
    unit.capacity = unit.unit_type == "ifo" ? -1 : static_cast<int64_t>(4 + rng() % 60);
    d.unit_index.emplace(unit.id, static_cast<uint32_t>(u));
    d.units.push_back(std::move(unit));
    rate[u] = cases_per_unit_year / 12 * frailty(rng);
  }
  const size_t kinds = reference::CodeList::builtin("case_kinds").codes().size();
  auto& c = d.cases;
  for (size_t u = 0; u < n_units; ++u) {
    for (int month = 0; month < months; ++month) {
      std::poisson_distribution<int> count(rate[u] * (month > 40 && u % 97 == 0 ? 3 : 1));
      for (int k = count(rng); k > 0; --k) {
        c.id.push_back("C" + std::to_string(c.id.size()));
        c.kind.push_back(static_cast<uint8_t>(rng() % kinds));
        c.received.push_back(first + static_cast<facts::Day>(month * 30.44 + rng() % 30));
        c.unit.push_back(static_cast<uint32_t>(u));
        c.principal.push_back(d.units[u].principal);
        c.subject.push_back(rng() % 3 ? (u * 16 + rng() % 8) | 1 : 0);
        c.sex.push_back(static_cast<uint8_t>(rng() % 2));
        c.age_band.push_back(static_cast<uint8_t>(rng() % 6));
        c.vulnerabilities.push_back(0);
        bool violence = rng() % 10 < 3;
        c.screen_flags.push_back(facts::Cases::kScreened | (violence ? facts::Cases::kViolence : 0) |
                                 (rng() % 10 == 0 ? facts::Cases::kHandlingDeficiency : 0));
        c.severity.push_back(violence ? static_cast<uint8_t>(1 + rng() % 3) : 0);
        c.categories.push_back(violence ? static_cast<uint32_t>(rng() & 0xFFFF) : 0);
        c.score.push_back(violence ? 0.9f : 0.1f);
      }
    }
  }
  d.first_case = first;
  d.last_case = first + static_cast<facts::Day>(months * 30.44) - 1;
  for (size_t i = 0; i < n_units * months / 130; ++i) {
    facts::Inspection x;
    x.id = "I" + std::to_string(i);
    x.unit = static_cast<uint32_t>(rng() % n_units);
    x.principal = d.units[x.unit].principal;
    x.started = first + static_cast<facts::Day>(rng() % (months * 30));
    x.decided = x.started + 60;
    d.inspections.push_back(x);
    if (rng() % 3 == 0) {
      facts::Deficiency def;
      def.id = "D" + std::to_string(i);
      def.inspection = static_cast<uint32_t>(i);
      def.category = 0;
      def.deadline = x.decided + 90;
      def.status = 0;
      def.status_date = x.decided;
      def.history.push_back({def.id, "open", facts::day_iso(x.decided), "bench", 0});
      d.deficiencies.push_back(std::move(def));
    }
  }
  for (const auto& m : geo.municipalities())
    for (int y = 0; y < months / 12; ++y) {
      d.indicator_values.push_back({"VINR_RUTIN_FRAGA", m.code, std::to_string(Date::from_days_since_epoch(first).year + y),
                                    static_cast<double>(rng() % 4 != 0), -1, "bench"});
      d.indicator_values.push_back({"VINR_PERSONAL_UTBILDAD", m.code,
                                    std::to_string(Date::from_days_since_epoch(first).year + y),
                                    static_cast<double>(rng() % 100), 100, "bench"});
    }
  return d;
}

// The built-in indicators plus variants (other periods and thresholds) up to 20.
risk::PriorityModel twenty_indicators() {
  auto model = risk::builtin_model();
  auto base = model.indicators;
  for (size_t i = 0; model.indicators.size() < 20; ++i) {
    auto v = base[i % base.size()];
    if (v.direction == risk::Direction::ambiguous || v.source != risk::Source::cases) continue;
    v.id += "_variant" + std::to_string(i);
    v.period_months = 24;
    v.threshold = 1.3;
    v.alarm = false;
    model.indicators.push_back(v);
  }
  model.max_weight_share = 1;
  risk::validate_model(model);
  return model;
}

}  // namespace

int main(int argc, char** argv) {
  const size_t units = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 10000;
  const double per_year = argc > 2 ? std::strtod(argv[2], nullptr) : 8;
  const facts::Day first = static_cast<facts::Day>(Date{2021, 1, 1}.days_since_epoch());
  auto t = Clock::now();
  auto data = make_dataset(units, per_year, first, 60);
  std::printf("dataset: %zu units, %zu cases over 60 months, %zu inspections (generated in %.2f s)\n", units,
              data.cases.size(), data.inspections.size(), since(t));
  auto model = twenty_indicators();
  std::printf("indicators: %zu, bootstrap replicates: %d\n", model.indicators.size(), model.bootstrap_replicates);

  t = Clock::now();
  risk::RiskEngine engine(data, model);
  const double prepare = since(t);
  double best = 1e9;
  risk::RiskResult result;
  for (int rep = 0; rep < 3; ++rep) {
    t = Clock::now();
    result = engine.compute(data.last_case);
    best = std::min(best, since(t));
  }
  for (int variant = 0; variant < 2; ++variant) {
    risk::ComputeOptions o;
    (variant == 0 ? o.rank_intervals : o.sensitivity) = false;
    t = Clock::now();
    engine.compute(data.last_case, o);
    std::printf("  recompute without %s: %.3f s\n", variant == 0 ? "rank intervals" : "sensitivity", since(t));
  }
  t = Clock::now();
  size_t bytes = 0;
  for (const auto& s : result.levels[0].ranked) {
    risk::ExplainOptions o;
    o.evidence = false;
    bytes += risk::explanation_json(engine, result, risk::Level::unit, s, o).dump().size();
  }
  const double explain = since(t);
  std::printf("prepare (linkage, filters, strata, CUSUM calibration): %.3f s\n", prepare);
  std::printf("full recompute, best of 3: %.3f s  (%zu units, %zu alarms in force, %.1f expected by chance)\n",
              best, result.levels[0].ids.size(), result.alarms, result.expected_false_alarms);
  std::printf("explanations of every unit as JSON (with credible intervals): %.3f s, %.1f MB\n", explain,
              bytes / 1e6);

  t = Clock::now();
  risk::ComputeOptions backtest_options;
  backtest_options.rank_intervals = false;
  backtest_options.sensitivity = false;
  for (int m = 0; m < 60; ++m) engine.compute(first + static_cast<facts::Day>((m + 1) * 30.44), backtest_options);
  std::printf("backtest loop, 60 monthly origins (no rank intervals): %.2f s\n", since(t));
  return 0;
}
