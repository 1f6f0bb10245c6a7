#include "synth/world.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "privacy/identity_number.h"
#include "reference/geography.h"
#include "synth/distributions.h"

namespace vaksam::synth {

namespace {

// An organisationsnummer from its first nine digits, with a valid check digit.
std::string org_number(uint64_t nine_digits) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%09llu", static_cast<unsigned long long>(nine_digits));
  const char check = privacy::luhn_check_digit(digits);
  return std::string(digits, 6) + "-" + std::string(digits + 6, 3) + check;
}

// How many units of each type per inhabitant, and who runs them.
struct UnitTypePlan {
  const char* type;
  double per_100k;        // units per 100,000 inhabitants
  double private_share;   // share run by private companies
  bool regional;          // run by the region (health care) rather than the municipality
  int capacity_lo, capacity_hi;  // 0: no capacity
  const char* name_stem;
};

constexpr UnitTypePlan kPlans[] = {
    {"lss_group_home", 12.0, 0.30, false, 4, 8, "Gruppbostaden"},
    {"sabo", 24.0, 0.20, false, 20, 80, "Äldreboendet"},
    {"home_care", 6.0, 0.25, false, 0, 0, "Hemtjänstgruppen"},
    {"hvb", 2.5, 0.85, false, 6, 16, "HVB-hemmet"},
    {"sheltered_housing", 1.7, 0.50, false, 4, 12, "Skyddat boende"},
    {"primary_care", 10.0, 0.40, true, 0, 0, "Vårdcentralen"},
    {"psychiatry", 1.0, 0.10, true, 0, 0, "Psykiatriska mottagningen"},
    {"maternity_care", 2.0, 0.20, true, 0, 0, "Barnmorskemottagningen"},
};

constexpr const char* kPlaceNames[] = {
    "Solhaga", "Norrby", "Västra Ekby", "Björkdalen", "Lindgården", "Ekbacken", "Strandvägen", "Granliden",
    "Tallbacken", "Ängsgården", "Sjöudden", "Källbrinken", "Rosenlund", "Hagaberg", "Furuvik", "Lärkan",
    "Skogsbrynet", "Åkerlund", "Klövern", "Vintergatan", "Backsippan", "Kastanjen", "Mossen", "Udden"};

std::string unit_id(const std::string& type, const std::string& place, size_t n) {
  std::string prefix;
  for (char c : type)
    if (c != '_') prefix += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s-%s-%04zu", prefix.substr(0, 4).c_str(), place.c_str(), n);
  return buf;
}

}  // namespace

bool is_health_care(const std::string& t) {
  return t == "primary_care" || t == "emergency_department" || t == "psychiatry" || t == "maternity_care";
}

double Unit::planted_multiplier(int month) const {
  if (!has_problem || problem.kind != PlantedProblem::Kind::incidents || month < problem.onset_month) return 1.0;
  if (problem.shape == PlantedProblem::Shape::step) return problem.factor;
  const double progress = std::min(1.0, (month - problem.onset_month + 1) / 12.0);
  return 1.0 + (problem.factor - 1.0) * progress;
}

double Unit::risk(int month) const { return frailty * planted_multiplier(month); }

World World::build(Rng rng, const WorldOptions& options) {
  const auto& geo = reference::Geography::builtin();
  World w;
  Rng names = rng.fork("names");

  // Principals: every municipality and region, the state (SiS), private companies.
  std::vector<size_t> municipality_principal(geo.municipalities().size());
  for (size_t i = 0; i < geo.municipalities().size(); ++i) {
    const auto& m = geo.municipalities()[i];
    municipality_principal[i] = w.principals.size();
    w.principals.push_back({"K" + m.code, "municipality", m.name + "s kommun", org_number(212000000 + i * 7 + 1),
                            m.code, ""});
  }
  std::vector<size_t> region_principal;
  for (size_t i = 0; i < geo.regions().size(); ++i) {
    const auto& r = geo.regions()[i];
    region_principal.push_back(w.principals.size());
    w.principals.push_back({"R" + r.code, "region", "Region " + r.name, org_number(232100000 + i * 11 + 3), "",
                            r.code});
  }
  const size_t sis = w.principals.size();
  w.principals.push_back({"SIS", "state", "Statens institutionsstyrelse (fiktiv)", org_number(202100500), "", ""});
  int64_t population = 0;
  for (const auto& m : geo.municipalities()) population += m.population;
  const int companies = static_cast<int>(population / 25000);
  const size_t first_company = w.principals.size();
  for (int i = 0; i < companies; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "P%04d", i + 1);
    const std::string name = std::string(kPlaceNames[names.below(std::size(kPlaceNames))]) +
                             (i % 3 == 0 ? " Omsorg AB" : i % 3 == 1 ? " Vård och Stöd AB" : " Care AB");
    w.principals.push_back({id, "company", name, org_number(556100000 + static_cast<uint64_t>(i) * 13), "", ""});
  }

  // Units, municipality by municipality, in numbers that scale with the population.
  Rng placement = rng.fork("units");
  for (size_t i = 0; i < geo.municipalities().size(); ++i) {
    const auto& m = geo.municipalities()[i];
    const double p = static_cast<double>(m.population);
    auto add = [&](const std::string& type, size_t principal, int capacity, double exposure) {
      const std::string place = kPlaceNames[placement.below(std::size(kPlaceNames))];
      Unit u;
      u.id = unit_id(type, m.code, w.units.size() + 1);
      u.type = type;
      u.principal = principal;
      u.kommunkod = m.code;
      u.region_code = m.region_code;
      u.capacity = capacity;
      u.exposure = exposure;
      u.name = place;
      w.units.push_back(std::move(u));
      return w.units.size() - 1;
    };
    // Social services (IFO): one per municipality, one more per 150,000 inhabitants.
    const int ifo = 1 + static_cast<int>(p / 150000);
    for (int k = 0; k < ifo; ++k) {
      size_t u = add("ifo", municipality_principal[i], 0, p / ifo / 10000.0);
      w.units[u].name = "Socialtjänsten " + m.name + (ifo > 1 ? " " + std::to_string(k + 1) : "");
    }
    for (const auto& plan : kPlans) {
      const double expected = plan.per_100k * p / 100000.0;
      int n = static_cast<int>(expected);
      if (placement.uniform() < expected - n) ++n;
      for (int k = 0; k < n; ++k) {
        const bool is_private = placement.chance(plan.private_share);
        const size_t principal = is_private ? first_company + placement.below(static_cast<uint64_t>(companies))
                                 : plan.regional
                                     ? region_principal[static_cast<size_t>(
                                           std::find_if(geo.regions().begin(), geo.regions().end(),
                                                        [&](const auto& r) { return r.code == m.region_code; }) -
                                           geo.regions().begin())]
                                     : municipality_principal[i];
        const int capacity = plan.capacity_hi ? placement.between(plan.capacity_lo, plan.capacity_hi) : 0;
        const double exposure = capacity ? capacity : p / std::max(1.0, expected) / 10000.0;
        size_t u = add(plan.type, principal, capacity, exposure);
        w.units[u].name = std::string(plan.name_stem) + " " + w.units[u].name;
      }
    }
  }
  // Emergency departments: about one per 150,000 inhabitants of a region, in its largest municipalities.
  for (size_t r = 0; r < geo.regions().size(); ++r) {
    std::vector<const reference::Municipality*> ms;
    for (const auto& m : geo.municipalities())
      if (m.region_code == geo.regions()[r].code) ms.push_back(&m);
    std::sort(ms.begin(), ms.end(), [](auto* a, auto* b) { return a->population > b->population; });
    const int n = std::max(1, static_cast<int>(geo.regions()[r].population / 150000));
    for (int k = 0; k < n && k < static_cast<int>(ms.size()); ++k) {
      Unit u;
      u.id = unit_id("emergency_department", ms[k]->code, w.units.size() + 1);
      u.type = "emergency_department";
      u.principal = region_principal[r];
      u.kommunkod = ms[k]->code;
      u.region_code = ms[k]->region_code;
      u.exposure = static_cast<double>(geo.regions()[r].population) / n / 10000.0;
      u.name = "Akutmottagningen " + ms[k]->name;
      w.units.push_back(std::move(u));
    }
  }
  // The state's 21 youth homes, spread over the largest municipalities.
  {
    std::vector<const reference::Municipality*> ms;
    for (const auto& m : geo.municipalities()) ms.push_back(&m);
    std::sort(ms.begin(), ms.end(), [](auto* a, auto* b) { return a->population > b->population; });
    for (int k = 0; k < 21; ++k) {
      const auto* m = ms[static_cast<size_t>(k) * 3 % ms.size()];
      Unit u;
      u.id = unit_id("sis_youth_home", m->code, w.units.size() + 1);
      u.type = "sis_youth_home";
      u.principal = sis;
      u.kommunkod = m->code;
      u.region_code = m->region_code;
      u.capacity = placement.between(12, 40);
      u.exposure = u.capacity;
      u.name = "Särskilda ungdomshemmet " + std::string(kPlaceNames[placement.below(std::size(kPlaceNames))]);
      w.units.push_back(std::move(u));
    }
  }

  // Hidden risk: gamma frailty with mean 1 (shape 2: a coefficient of variation of 0.71).
  Rng frailty = rng.fork("frailty");
  for (auto& u : w.units) u.frailty = gamma(frailty, 2.0, 0.5);

  // Planted problems, at known months, in small and large units alike.
  Rng plant = rng.fork("planted");
  auto plant_in = [&](size_t unit, PlantedProblem p) {
    if (w.units[unit].has_problem) return false;
    w.units[unit].has_problem = true;
    w.units[unit].problem = p;
    return true;
  };
  const int first_onset = std::max(1, options.months / 4), last_onset = std::max(first_onset, options.months - 6);
  auto random_problem = [&](PlantedProblem::Kind kind, const char* scope) {
    PlantedProblem p;
    p.kind = kind;
    p.shape = plant.chance(0.5) ? PlantedProblem::Shape::step : PlantedProblem::Shape::ramp;
    p.onset_month = plant.between(first_onset, last_onset);
    p.factor = kind == PlantedProblem::Kind::incidents ? 1.5 + 2.5 * plant.uniform() : 2.0 + 2.0 * plant.uniform();
    p.scope = scope;
    return p;
  };
  for (int placed = 0, tries = 0; placed < options.planted_units && tries < 100000; ++tries) {
    const size_t u = plant.below(w.units.size());
    if (w.units[u].type == "ifo" && plant.chance(0.5)) continue;  // spread over all kinds of units
    placed += plant_in(u, random_problem(PlantedProblem::Kind::incidents, "unit"));
  }
  for (int placed = 0, tries = 0; placed < options.planted_handling && tries < 100000; ++tries) {
    const size_t u = plant.below(w.units.size());
    if (w.units[u].type != "ifo" && w.units[u].type != "lss_group_home") continue;
    if (w.principals[w.units[u].principal].type != "municipality") continue;
    // Smaller municipalities: a planted pile-up of non-executed decisions should show in
    // the unit's signals without moving the national totals.
    if (geo.municipality(w.units[u].kommunkod)->population > 100000) continue;
    placed += plant_in(u, random_problem(PlantedProblem::Kind::handling, "unit"));
  }
  for (int placed = 0, tries = 0; placed < options.planted_principals && tries < 100000; ++tries) {
    const size_t principal = plant.below(w.principals.size());
    const auto problem = random_problem(PlantedProblem::Kind::incidents, "principal");
    int units = 0;
    bool clash = false;
    for (const auto& u : w.units)
      if (u.principal == principal) ++units, clash = clash || u.has_problem;
    if (units == 0 || units > 15 || clash) continue;  // a principal's problem across a handful of units
    for (size_t u = 0; u < w.units.size(); ++u)
      if (w.units[u].principal == principal) plant_in(u, problem);
    ++placed;
  }
  return w;
}

}  // namespace vaksam::synth
