// What a table's rates are per: person-years of a population (population.h),
// person-years of a group counted in indicator values (e.g. young people placed
// at SiS youth homes, by sex and year), or nothing (counts only).
#pragma once

#include <map>
#include <optional>
#include <string>

#include "facts/dataset.h"
#include "tables/axis.h"
#include "tables/population.h"

namespace vaksam::tables {

enum class DenominatorKind { none, population, indicator };

struct DenominatorSpec {
  DenominatorKind kind = DenominatorKind::population;
  // indicator: the indicator id per sex code ("female", "male"), read at area
  // "00" (Sweden) with period = the year; the value is persons in that year.
  std::map<std::string, std::string> indicator_by_sex;
  std::string label_sv = "befolkningen", label_en = "the population";
  double per = 100000;  // rates per this many person-years
};

// The young people placed at SiS youth homes, by sex (sis_placements.csv of the synthetic data).
DenominatorSpec sis_placements_denominator();

// What one cell's denominator depends on. Empty strings mean "all".
struct CellScope {
  std::string sex, age_band, area = "00";
  MonthRange months;
  bool undefined = false;  // a coordinate (e.g. unknown sex) has no population
};

// Person-years in `scope`: the persons of each year weighted by the share of the
// year's months in scope. nullopt when some year or group has no figure.
// *approximate is set when the population came from national shares.
std::optional<double> person_years(const DenominatorSpec& spec, const Population& population,
                                   const facts::Dataset& d, const CellScope& scope, bool* approximate);

// Why rates cannot be given for a table split by `axis` with this denominator
// ("" when they can): e.g. no population with a disability is known.
std::string rate_obstacle(const DenominatorSpec& spec, const Axis& axis);

}  // namespace vaksam::tables
