// Sweden's 290 municipalities and 21 regions (län), from the reference data
// compiled into the binary. Codes are text: kommunkod has 4 digits, län 2.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vaksam::reference {

struct Municipality {
  std::string code;         // kommunkod, e.g. "0180"
  std::string name;         // e.g. "Stockholm"
  std::string region_code;  // län code, e.g. "01"
  int64_t population = 0;
  int population_year = 0;
};

struct Region {
  std::string code;  // e.g. "01"
  std::string name;  // e.g. "Stockholms län"
  int64_t population = 0;
  int population_year = 0;
};

class Geography {
 public:
  // Parses the two CSV files (formats in data/reference/README.md).
  Geography(std::string_view municipalities_csv, std::string_view regions_csv);

  // The reference data shipped in the binary; parsed once.
  static const Geography& builtin();

  const std::vector<Municipality>& municipalities() const { return municipalities_; }
  const std::vector<Region>& regions() const { return regions_; }

  // nullptr when the code does not exist.
  const Municipality* municipality(std::string_view code) const;
  const Region* region(std::string_view code) const;

 private:
  std::vector<Municipality> municipalities_;
  std::vector<Region> regions_;
  std::unordered_map<std::string, size_t> municipality_index_;
  std::unordered_map<std::string, size_t> region_index_;
};

}  // namespace vaksam::reference
