#include "synth/seclusion.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "common/date.h"
#include "synth/csv_out.h"
#include "synth/distributions.h"

namespace vaksam::synth {

namespace {

// Short, neutral reports of the kind a youth home sends: the screening should not
// read them as violence (that is what the other case kinds are for).
constexpr const char* kReasons[] = {
    "oro på avdelningen som inte gick att hantera på annat sätt",
    "att den unge bedömdes behöva avskiljas för sin egen säkerhet",
    "en akut situation i samband med ett besök",
    "att den unge vägrade följa personalens anvisningar vid upprepade tillfällen",
    "att situationen på avdelningen bedömdes ohållbar",
};
constexpr const char* kFollowUps[] = {
    "Avskiljningen följdes upp med samtal samma dag.",
    "Läkare underrättades enligt rutin.",
    "Den unge erbjöds samtal med behandlare efteråt.",
    "Beslutet dokumenterades i journalen.",
};

std::string narrative(Rng& rng, int hours) {
  char buf[320];
  std::snprintf(buf, sizeof buf, "Avskiljning enligt 15 c § LVU. Den unge avskildes efter %s. Avskiljningen varade i %d %s. %s",
                kReasons[rng.below(std::size(kReasons))], hours, hours == 1 ? "timme" : "timmar",
                kFollowUps[rng.below(std::size(kFollowUps))]);
  return buf;
}

}  // namespace

double planted_seclusion_multiplier(bool girl, int year, int last_year) {
  if (!girl) return 1.0;
  if (year == last_year) return 1.9;
  if (year == last_year - 1) return 1.4;
  return 1.0;
}

SeclusionSummary write_seclusions(const World& world, const SeclusionOptions& o, Rng rng) {
  namespace fs = std::filesystem;
  auto path = [&](const char* name) { return (fs::path(o.out_dir) / name).string(); };
  std::vector<size_t> homes;
  double capacity = 0;
  for (size_t i = 0; i < world.units.size(); ++i)
    if (world.units[i].type == "sis_youth_home") homes.push_back(i), capacity += world.units[i].capacity;

  SeclusionSummary summary;
  CsvOut cases(path("seclusions.csv"),
               "case_id;case_kind;received_date;unit_id;principal_id;subject_pnr;subject_sex;subject_age_band;"
               "vulnerabilities;narrative");
  CsvOut placements(path("sis_placements.csv"), "indicator_id;area_code;period;value;denominator;source");
  CsvOut truth(path("truth/seclusion.csv"), "year;sex;placed;rate_per_placed;planted_multiplier;events");
  const int last_year = o.first_year + o.years - 1;
  for (int year = o.first_year; year <= last_year; ++year) {
    for (const bool girl : {true, false}) {
      const int placed = poisson(rng, (girl ? kPlacedGirlsPerYear : kPlacedBoysPerYear) * o.scale);
      const double multiplier = planted_seclusion_multiplier(girl, year, last_year);
      const double rate = (girl ? kSeclusionRateGirls : kSeclusionRateBoys) * multiplier;
      int64_t events = 0;
      for (int p = 0; p < placed && capacity > 0; ++p) {
        // Where the young person is placed (by capacity), and how prone to seclusion:
        // a gamma frailty (shape 4) makes the events cluster in some persons, as they do.
        double x = rng.uniform() * capacity;
        size_t home = homes.back();
        for (size_t h : homes)
          if ((x -= world.units[h].capacity) < 0) { home = h; break; }
        const char* band = rng.chance(0.85) ? "13-17" : "18-24";
        const int n = poisson(rng, rate * gamma(rng, 4.0, 0.25));
        for (int k = 0; k < n; ++k) {
          const int64_t first = Date{year, 1, 1}.days_since_epoch();
          const int64_t days = Date{year + 1, 1, 1}.days_since_epoch() - first;
          const Date received = Date::from_days_since_epoch(first + static_cast<int64_t>(rng.below(static_cast<uint64_t>(days))));
          char id[24];
          std::snprintf(id, sizeof id, "A%09lld", static_cast<long long>(++summary.events));
          cases.field(id).field("seclusion").field(received.iso()).field(world.units[home].id).field("");
          cases.field("").field(girl ? "female" : "male").field(band);
          cases.field(std::string_view(band) == "13-17" ? "child" : "");
          cases.field(narrative(rng, 1 + static_cast<int>(rng.below(8)))).end_row();
          ++events;
        }
      }
      summary.events_by_year[year] += events;
      placements.field(girl ? "SIS_PLACERADE_FLICKOR" : "SIS_PLACERADE_POJKAR").field("00");
      placements.field(std::to_string(year)).field(static_cast<long long>(placed)).field("");
      placements.field("synthetic: young people placed at SiS youth homes during the year").end_row();
      ++summary.placement_rows;
      truth.field(std::to_string(year)).field(girl ? "female" : "male").field(static_cast<long long>(placed));
      truth.field(rate, 3).field(multiplier, 2).field(static_cast<long long>(events)).end_row();
    }
  }
  return summary;
}

}  // namespace vaksam::synth
