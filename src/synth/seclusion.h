// Seclusion (avskiljning) at the state's youth homes (SiS), by sex and year, with
// the number of young people placed as its denominator. The inspectorate found
// that seclusions of girls nearly doubled in two years while those of boys did
// not; this stream plants exactly that, so the statistics report can be checked
// against a known truth. Its own random stream: adding it shifts no other file.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "synth/rng.h"
#include "synth/world.h"

namespace vaksam::synth {

struct SeclusionOptions {
  int first_year = 0, years = 5;
  double scale = 1.0;
  std::string out_dir;
};

struct SeclusionSummary {
  int64_t events = 0, placement_rows = 0;
  std::map<int, int64_t> events_by_year;
};

// National assumptions at scale 1 (docs/synthetic-data.md): young people placed in
// a year, by sex, and seclusions per placed young person and year before the rise.
inline constexpr double kPlacedGirlsPerYear = 310, kPlacedBoysPerYear = 790;
inline constexpr double kSeclusionRateGirls = 2.6, kSeclusionRateBoys = 2.4;

// The planted multiplier of girls' seclusion rate in `year` (1 for boys): 1 until two
// years before the last, then 1.4 and 1.9 ("nearly doubled in two years").
double planted_seclusion_multiplier(bool girl, int year, int last_year);

// Writes seclusions.csv (cases of kind "seclusion" at sis_youth_home units),
// sis_placements.csv (indicator values SIS_PLACERADE_FLICKOR / _POJKAR, area 00,
// per year) and truth/seclusion.csv (per year and sex: placed, rate, multiplier, events).
SeclusionSummary write_seclusions(const World& world, const SeclusionOptions& options, Rng rng);

}  // namespace vaksam::synth
