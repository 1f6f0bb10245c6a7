// The population a rate is per, by area, year, sex and age band.
//
// The reference data hold each municipality's and region's total population
// (SCB, one year) but not its split by sex and age. Two sources, in order:
//   1. an imported table (CSV `area_code;year;sex;age_band;population`, e.g. from
//      SCB's statistical database), exact where it has the area and year;
//   2. the reference totals split by approximate national shares of sex and age
//      band (rounded; see population.cc), the same for every year. Every table
//      that uses them says so in its notes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace vaksam::tables {

class Population {
 public:
  // The reference totals split by national shares (source 2 alone).
  static Population from_reference();
  // An imported table, with the reference split as fallback for areas it lacks.
  // Throws std::invalid_argument naming the line for a malformed row, an
  // unknown area, sex or age band, or a negative population.
  static Population from_csv(std::string_view csv, std::string source_name);

  // Persons in `area` ("00" Sweden, "01" a region, "0180" a municipality) in `year`
  // of `sex` and `age_band` (codes; "" = all). nullopt when the area is unknown.
  // Sets *approximate when the answer came from the national shares.
  std::optional<double> persons(const std::string& area, int year, std::string_view sex, std::string_view age_band,
                                bool* approximate = nullptr) const;

  // What the notes of a table say about the source.
  std::string note(bool approximate_used) const;

 private:
  using Key = std::tuple<std::string, int, std::string, std::string>;  // area, year, sex, age band
  std::map<Key, double> imported_;
  std::map<std::string, std::vector<int>> imported_years_;  // area -> years present
  std::string source_;
};

// The approximate national share of the population in (sex, age band); either
// may be "" for all. 0 for an unknown code.
double national_share(std::string_view sex, std::string_view age_band);

}  // namespace vaksam::tables
