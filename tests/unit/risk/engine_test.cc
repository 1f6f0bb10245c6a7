// The risk engine on small hand-built datasets whose answers are known.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "common/date.h"
#include "common/error.h"
#include "facts/dataset.h"
#include "risk/cusum.h"
#include "risk/cusum_calibration.h"
#include "risk/engine.h"
#include "risk/indicator_definition.h"
#include "risk/linkage.h"
#include "risk/priority_model.h"
#include "risk/risk_json.h"
#include "risk/shrinkage.h"

namespace vaksam::risk {
namespace {

facts::Day day(int y, int m, int d) { return static_cast<facts::Day>(Date{y, m, d}.days_since_epoch()); }

// Units of one type (group homes of equal capacity) in Stockholm, with cases added by hand.
struct Builder {
  facts::Dataset d;
  Builder(int units) {
    d.principals.push_back({"K0180", "municipality", "Stockholms kommun", "0180", ""});
    d.principal_index["K0180"] = 0;
    for (int u = 0; u < units; ++u) {
      facts::Unit x;
      x.id = "U" + std::to_string(u);
      x.name = "Gruppbostad " + std::to_string(u);
      x.unit_type = "lss_group_home";
      x.principal = 0;
      x.kommunkod = "0180";
      x.region_code = "01";
      x.capacity = 6;
      d.unit_index[x.id] = static_cast<uint32_t>(u);
      d.units.push_back(x);
    }
  }
  // A case screened as violence (or not) at unit u on `when`, about `subject` (0: unknown).
  void add(int u, facts::Day when, bool violence, uint64_t subject = 0, uint8_t kind = 0) {
    auto& c = d.cases;
    c.id.push_back("C" + std::to_string(c.id.size()));
    c.kind.push_back(kind);
    c.received.push_back(when);
    c.unit.push_back(static_cast<uint32_t>(u));
    c.principal.push_back(0);
    c.subject.push_back(subject);
    c.sex.push_back(0);
    c.age_band.push_back(0);
    c.vulnerabilities.push_back(0);
    c.screen_flags.push_back(facts::Cases::kScreened | (violence ? facts::Cases::kViolence : 0));
    c.severity.push_back(violence ? 2 : 0);
    c.categories.push_back(0);
    c.score.push_back(violence ? 0.9f : 0.1f);
    d.case_index[c.id.back()] = static_cast<uint32_t>(c.id.size() - 1);
    if (d.first_case == facts::kNoDay || when < d.first_case) d.first_case = when;
    if (d.last_case == facts::kNoDay || when > d.last_case) d.last_case = when;
  }
};

// A background of two violence signals a year at every unit, spread over 2023-2025.
Builder background(int units) {
  Builder b(units);
  for (int u = 0; u < units; ++u)
    for (int y = 2023; y <= 2025; ++y)
      for (int m : {3, 9}) b.add(u, day(y, m, 1 + (u % 27)), true);
  return b;
}

TEST(IndicatorDefinitions, BuiltinSetIsValidAndPairsAmbiguousOnes) {
  const auto& defs = builtin_indicators();
  ASSERT_GE(defs.size(), 10u);
  validate_indicators(defs, 1.0);
  bool found_pair = false;
  for (const auto& d : defs)
    if (d.direction == Direction::ambiguous) {
      EXPECT_EQ(d.weight, 0) << d.id;
      EXPECT_FALSE(d.paired_with.empty()) << d.id;
      found_pair = true;
    }
  EXPECT_TRUE(found_pair);
  EXPECT_NO_THROW(builtin_model());
}

TEST(IndicatorDefinitions, BadDefinitionsAreRefusedWithTheReason) {
  auto message = [](const std::string& json) {
    try {
      parse_indicator(json, "x.indicator.json");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(message(R"({"id":"a","name_sv":"a","name_en":"a","colour":"red"})").find("unknown field 'colour'"),
            std::string::npos);
  EXPECT_NE(message(R"({"id":"a","name_sv":"a","name_en":"a","direction":"ambiguous"})").find("paired_with"),
            std::string::npos);
  EXPECT_NE(message(R"({"id":"a","name_sv":"a","name_en":"a","numerator":{"kinds":["nonsense"]}})")
                .find("unknown case kind 'nonsense'"),
            std::string::npos);
  EXPECT_NE(message("{not json").find("not valid JSON"), std::string::npos);
  EXPECT_NE(message(R"({"id":"a","name_sv":"a"})").find("'name_en' is required"), std::string::npos);
  // One indicator may not carry most of the weight.
  auto defs = builtin_indicators();
  defs[0].weight = 1000;
  EXPECT_THROW(validate_indicators(defs, 0.25), Error);
}

TEST(Shrinkage, SmallUnitsArePulledToTheMeanAndLargeOnesAreNot) {
  // 200 units with E = 5 and O around 5; one small unit with 2 events where 0.2 were expected
  // (ratio 10), one large with 200 where 100 were expected (ratio 2).
  std::vector<double> o, e;
  std::mt19937 rng(1);
  std::poisson_distribution<int> pois(5);
  for (int i = 0; i < 200; ++i) {
    o.push_back(pois(rng));
    e.push_back(5);
  }
  o.push_back(2), e.push_back(0.2);
  o.push_back(200), e.push_back(100);
  auto prior = fit_gamma_prior(o, e);
  EXPECT_NEAR(prior.mean, 1.0, 0.1);
  auto small = gamma_posterior(prior, 2, 0.2, 1.2);
  auto large = gamma_posterior(prior, 200, 100, 1.2);
  EXPECT_LT(small.mean / prior.mean, 2.0);     // ratio 10 shrunk nearly to 1
  EXPECT_GT(large.mean / prior.mean, 1.7);     // ratio 2 mostly kept
  EXPECT_GT(large.p_exceeds, 0.99);
  EXPECT_LT(small.p_exceeds, large.p_exceeds);
  EXPECT_LT(large.low, large.mean);
  EXPECT_GT(large.high, large.mean);
}

TEST(Shrinkage, BetaBinomialPullsSmallDenominatorsToTheNationalShare) {
  // 100 units of 100 trials whose true shares vary around 0.3, and one with 2 of 2.
  std::vector<double> x, n;
  std::mt19937 rng(3);
  std::gamma_distribution<double> ga(6, 1), gb(14, 1);
  for (int i = 0; i < 100; ++i) {
    double a = ga(rng), b = gb(rng);
    std::binomial_distribution<int> bin(100, a / (a + b));
    x.push_back(bin(rng));
    n.push_back(100);
  }
  x.push_back(2), n.push_back(2);
  auto prior = fit_beta_prior(x, n);
  EXPECT_NEAR(prior.mean, 0.3, 0.03);
  EXPECT_LT(prior.a + prior.b, 1e5);  // the shares differ beyond chance: a real prior
  auto tiny = beta_posterior(prior, 2, 2, 1.5, false);  // 100 % of 2
  EXPECT_LT(tiny.mean, 0.5);
  EXPECT_GT(beta_posterior(prior, 90, 100, 1.5, false).p_exceeds, tiny.p_exceeds);
}

TEST(Linkage, OneEventReachingTheInspectorateThreeTimesCountsOnce) {
  Builder b(2);
  b.add(0, day(2025, 1, 1), true, 77);   // complaint
  b.add(0, day(2025, 1, 10), true, 77);  // lex Sarah, same person, same unit
  b.add(0, day(2025, 1, 25), true, 77);  // tip
  b.add(0, day(2025, 3, 15), true, 77);  // later: a new event
  b.add(0, day(2025, 1, 5), true, 78);   // another person
  b.add(1, day(2025, 1, 5), true, 77);   // another unit
  b.add(0, day(2025, 1, 5), true, 0);    // no pseudonym: its own event
  auto root = link_cases(b.d.cases, 30);
  EXPECT_EQ(root[1], 0u);
  EXPECT_EQ(root[2], 0u);
  EXPECT_EQ(root[3], 3u);
  EXPECT_EQ(root[4], 4u);
  EXPECT_EQ(root[5], 5u);
  EXPECT_EQ(root[6], 6u);
  EXPECT_DOUBLE_EQ(decay_weight(180, 180), 0.5);
  EXPECT_DOUBLE_EQ(decay_weight(0, 180), 1.0);
  EXPECT_DOUBLE_EQ(decay_weight(500, 0), 1.0);
}

TEST(CusumCalibration, ThresholdsGiveTheTargetFalseAlarmRate) {
  // Monte Carlo check of the exact chain: in-control Poisson counts, P(S_12 >= h) <= p.
  const double p = 0.01;
  CusumCalibration cal(1.04, p, 12);
  std::mt19937_64 rng(5);
  for (double m : {0.1, 1.0, 8.0}) {
    const double h = cal.threshold(m);
    std::poisson_distribution<int> pois(m);
    int alarms = 0;
    const int runs = 40000;
    std::vector<double> x(13);
    std::vector<CusumPoint> out(12);
    for (int r = 0; r < runs; ++r) {
      for (auto& v : x) v = pois(rng);
      CusumOptions o;
      o.m = m;
      o.h = h;
      cusum(x, 1, o, out);
      alarms += out.back().alarm;
    }
    const double rate = static_cast<double>(alarms) / runs;
    EXPECT_LE(rate, p * 1.35 + 3 * std::sqrt(p / runs)) << "m = " << m;
    EXPECT_NEAR(rate, cal.false_alarm_probability(m), 4 * std::sqrt(p / runs) + 0.002) << "m = " << m;
  }
}

TEST(Engine, AUnitWithManyViolenceSignalsRanksFirstAndItsContributionsSumToItsScore) {
  Builder b = background(60);
  for (int i = 0; i < 25; ++i) b.add(7, day(2025, 7, 1) + i * 6, true);  // a rise at unit 7
  RiskEngine engine(b.d, builtin_model());
  auto r = engine.compute(day(2025, 12, 31));
  const auto& units = r.level(Level::unit);
  ASSERT_EQ(units.ranked.size(), 60u);
  EXPECT_EQ(units.ids[units.ranked[0].entity], "U7");
  const auto& top = units.ranked[0];
  double sum = 0;
  for (const auto& c : top.contributions) sum += c.points;
  EXPECT_NEAR(sum, top.score, 1e-9);
  EXPECT_LE(top.rank_low, 1);
  EXPECT_GE(top.rank_high, 1);
  // The evidence behind the violence indicator is that unit's cases, newest first.
  int violence = -1;
  for (size_t k = 0; k < r.model.indicators.size(); ++k)
    if (r.model.indicators[k].id == "violence_signals") violence = static_cast<int>(k);
  auto cases = engine.evidence(r, Level::unit, top.entity, violence, 5);
  ASSERT_EQ(cases.size(), 5u);
  for (const auto& id : cases) EXPECT_EQ(b.d.cases.unit[b.d.case_index.at(id)], top.entity);
  // Explanations say why, and name the pair of the ambiguous indicator.
  auto j = explanation_json(engine, r, Level::unit, top, {});
  EXPECT_EQ(j["id"], "U7");
  EXPECT_FALSE(j["contributions"].empty());
  EXPECT_FALSE(j["pairs"].empty());
}

TEST(Engine, TwoCasesInATinyUnitDoNotTopTheList) {
  // 60 units of capacity 6 with background; unit 0 has capacity 1 and two violence signals
  // (a raw rate 3x everyone else's); unit 1 has 30 signals at capacity 6.
  Builder b = background(60);
  b.d.units[0].capacity = 1;
  for (int u = 0; u < 60; ++u)
    if (u == 0) {
      // keep only two of its background cases: move the rest to unit 2
    }
  for (int i = 0; i < 24; ++i) b.add(1, day(2025, 2, 1) + i * 12, true);
  RiskEngine engine(b.d, builtin_model());
  auto r = engine.compute(day(2025, 12, 31));
  const auto& units = r.level(Level::unit);
  EXPECT_EQ(units.ids[units.ranked[0].entity], "U1");
  for (const auto& s : units.ranked)
    if (units.ids[s.entity] == "U0") EXPECT_GT(s.rank, 1);
}

TEST(Engine, UsesOnlyDataKnownByTheAsOfDateAndIsReproducible) {
  Builder b = background(30);
  RiskEngine engine(b.d, builtin_model());
  auto before = engine.compute(day(2025, 6, 30));
  auto again = engine.compute(day(2025, 6, 30));
  EXPECT_EQ(before.fingerprint, again.fingerprint);
  ASSERT_EQ(before.level(Level::unit).ranked.size(), again.level(Level::unit).ranked.size());
  for (size_t i = 0; i < before.level(Level::unit).ranked.size(); ++i) {
    EXPECT_EQ(before.level(Level::unit).ranked[i].entity, again.level(Level::unit).ranked[i].entity);
    EXPECT_EQ(before.level(Level::unit).ranked[i].rank_high, again.level(Level::unit).ranked[i].rank_high);
  }
  // Cases after the as-of date change neither the fingerprint nor the ranking.
  Builder later = b;
  for (int i = 0; i < 30; ++i) later.add(3, day(2025, 9, 1) + i, true);
  RiskEngine engine2(later.d, builtin_model());
  auto with_future = engine2.compute(day(2025, 6, 30));
  EXPECT_EQ(with_future.fingerprint, before.fingerprint);
  EXPECT_EQ(with_future.data_through, before.data_through);
  // ... but they do once they are known.
  auto after = engine2.compute(day(2025, 12, 31));
  EXPECT_NE(after.fingerprint, engine.compute(day(2025, 12, 31)).fingerprint);
  EXPECT_EQ(after.level(Level::unit).ids[after.level(Level::unit).ranked[0].entity], "U3");
}

TEST(Engine, AggregatesToPrincipalMunicipalityAndRegion) {
  Builder b = background(20);
  RiskEngine engine(b.d, builtin_model());
  auto r = engine.compute(day(2025, 12, 31));
  EXPECT_EQ(r.level(Level::principal).ranked.size(), 1u);
  EXPECT_EQ(r.level(Level::municipality).ranked.size(), 290u);
  EXPECT_EQ(r.level(Level::region).ranked.size(), 21u);
  // The principal's violence signals are the sum over its units.
  size_t k = 0;
  while (r.model.indicators[k].id != "violence_signals") ++k;
  double sum = 0;
  for (size_t u = 0; u < 20; ++u) sum += r.level(Level::unit).value(u, k).observed;
  EXPECT_NEAR(r.level(Level::principal).value(0, k).observed, sum, 1e-3);
}

TEST(Engine, AnEarlyWarningAlarmFollowsASharpRise) {
  // Three years of one violence signal a month at every unit, then unit 4 gets six a month.
  Builder b(40);
  for (int u = 0; u < 40; ++u)
    for (int m = 0; m < 36; ++m) b.add(u, day(2023 + m / 12, m % 12 + 1, 10), true);
  for (int m = 0; m < 4; ++m)
    for (int i = 0; i < 6; ++i) b.add(4, day(2025, 9 + m, 1 + i), true);
  RiskEngine engine(b.d, builtin_model());
  auto r = engine.compute(day(2025, 12, 31));
  const auto& units = r.level(Level::unit);
  size_t alarms = 0;
  for (const auto& s : units.ranked) {
    if (units.ids[s.entity] == "U4") {
      EXPECT_TRUE(s.alarm);
      EXPECT_GT(s.change_probability, 0.9);
    }
    alarms += s.alarm;
  }
  EXPECT_LE(alarms, 3u);
  EXPECT_GT(r.expected_false_alarms, 0);
}

}  // namespace
}  // namespace vaksam::risk
