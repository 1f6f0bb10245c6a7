#include "tables/population.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include "reference/code_list.h"
#include "reference/geography.h"

namespace vaksam::tables {

namespace {

// Approximate shares of Sweden's population by age band and sex, rounded to
// 0.1 percentage point from SCB's published population by age and sex (early
// 2020s). They are NOT part of the reference data and are good to about ±0.3
// points per band: enough to see orders of magnitude and sex differences in
// rates, not for official figures. Import a population table for those.
struct Band {
  const char* code;
  double share;   // % of the whole population
  double female;  // % women/girls within the band
};
constexpr Band kBands[] = {
    {"0-5", 6.3, 48.6},   {"6-12", 8.0, 48.6},  {"13-17", 5.9, 48.5}, {"18-24", 7.9, 47.8},
    {"25-44", 26.5, 48.7}, {"45-64", 25.1, 49.2}, {"65-79", 15.2, 51.3}, {"80+", 5.4, 58.0},
};

double total_share() {
  double t = 0;
  for (const auto& b : kBands) t += b.share;
  return t;
}

std::optional<double> reference_total(const std::string& area) {
  const auto& geo = reference::Geography::builtin();
  if (area == "00" || area.empty()) {
    double t = 0;
    for (const auto& r : geo.regions()) t += static_cast<double>(r.population);
    return t;
  }
  if (const auto* m = geo.municipality(area)) return static_cast<double>(m->population);
  if (const auto* r = geo.region(area)) return static_cast<double>(r->population);
  return std::nullopt;
}

std::vector<std::string> split(std::string_view line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t end = line.find(';', start);
    out.emplace_back(line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  for (auto& s : out) {
    while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.pop_back();
    while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  }
  return out;
}

}  // namespace

double national_share(std::string_view sex, std::string_view age_band) {
  double s = 0;
  for (const auto& b : kBands) {
    if (!age_band.empty() && age_band != b.code) continue;
    const double f = sex.empty() ? 1.0 : sex == "female" ? b.female / 100.0 : sex == "male" ? 1.0 - b.female / 100.0 : 0.0;
    s += b.share * f;
  }
  return s / total_share();
}

Population Population::from_reference() { return Population{}; }

Population Population::from_csv(std::string_view csv, std::string source_name) {
  Population p;
  p.source_ = std::move(source_name);
  const auto& geo = reference::Geography::builtin();
  size_t line_no = 0, start = 0;
  bool header = true;
  while (start < csv.size()) {
    size_t end = csv.find('\n', start);
    if (end == std::string_view::npos) end = csv.size();
    const std::string_view line = csv.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (line.find_first_not_of(" \r") == std::string_view::npos) continue;
    const auto f = split(line);
    auto fail = [&](const std::string& why) {
      throw std::invalid_argument(p.source_ + ":" + std::to_string(line_no) + ": " + why);
    };
    if (header) {
      if (f.size() != 5 || f[0] != "area_code" || f[1] != "year" || f[2] != "sex" || f[3] != "age_band" ||
          f[4] != "population")
        fail("the header must be area_code;year;sex;age_band;population");
      header = false;
      continue;
    }
    if (f.size() != 5) fail("expected 5 fields");
    if (f[0] != "00" && !geo.municipality(f[0]) && !geo.region(f[0]))
      fail("unknown area code '" + f[0] + "' (00, a region or a kommunkod)");
    char* e = nullptr;
    const long year = std::strtol(f[1].c_str(), &e, 10);
    if (f[1].empty() || *e || year < 1900 || year > 2200) fail("year must be a year, e.g. 2024");
    if (f[2] != "female" && f[2] != "male") fail("sex must be female or male");
    if (!reference::CodeList::builtin("age_bands").resolve(f[3])) fail("unknown age band '" + f[3] + "'");
    std::string number = f[4];
    std::replace(number.begin(), number.end(), ',', '.');
    const double n = std::strtod(number.c_str(), &e);
    if (number.empty() || *e || !std::isfinite(n) || n < 0) fail("population must be a number >= 0");
    const std::string band = *reference::CodeList::builtin("age_bands").resolve(f[3]);
    p.imported_[{f[0], static_cast<int>(year), f[2], band}] += n;
    auto& years = p.imported_years_[f[0]];
    if (std::find(years.begin(), years.end(), year) == years.end()) years.push_back(static_cast<int>(year));
  }
  if (header) throw std::invalid_argument(p.source_ + ": empty population file");
  return p;
}

std::optional<double> Population::persons(const std::string& area, int year, std::string_view sex,
                                          std::string_view age_band, bool* approximate) const {
  const std::string a = area.empty() ? "00" : area;
  auto it = imported_years_.find(a);
  if (it != imported_years_.end()) {
    // The nearest year the table has for this area.
    int best = it->second.front();
    for (int y : it->second)
      if (std::abs(y - year) < std::abs(best - year)) best = y;
    double sum = 0;
    for (const char* s : {"female", "male"}) {
      if (!sex.empty() && sex != s) continue;
      for (const auto& b : kBands) {
        if (!age_band.empty() && age_band != b.code) continue;
        auto v = imported_.find({a, best, s, b.code});
        if (v != imported_.end()) sum += v->second;
      }
    }
    return sum;
  }
  const auto total = reference_total(a);
  if (!total) return std::nullopt;
  if (approximate) *approximate = true;
  return *total * national_share(sex, age_band);
}

std::string Population::note(bool approximate_used) const {
  const auto& geo = reference::Geography::builtin();
  const int year = geo.regions().empty() ? 0 : geo.regions().front().population_year;
  std::string out;
  if (!source_.empty()) out = "Population from " + source_ + " (nearest year where a year is missing). ";
  if (approximate_used || source_.empty())
    out += "Population by sex and age: SCB's total population " + std::to_string(year) +
           " per area split by approximate national shares of sex and age band, the same for every year "
           "(no population by sex and age in the reference data; import one with --population for exact rates).";
  return out;
}

}  // namespace vaksam::tables
