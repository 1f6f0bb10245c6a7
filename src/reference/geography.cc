#include "reference/geography.h"

#include <charconv>

#include "common/error.h"
#include "reference/embedded.h"

namespace vaksam::reference {

namespace {

// The reference files are plain comma-separated UTF-8 without quoting.
std::vector<std::vector<std::string_view>> split_rows(std::string_view csv, size_t columns,
                                                      std::string_view file) {
  std::vector<std::vector<std::string_view>> rows;
  size_t line_no = 0;
  while (!csv.empty()) {
    size_t end = csv.find('\n');
    std::string_view line = csv.substr(0, end);
    csv = end == std::string_view::npos ? std::string_view{} : csv.substr(end + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line_no == 1) continue;  // skip the header
    std::vector<std::string_view> fields;
    size_t start = 0;
    for (size_t comma; (comma = line.find(',', start)) != std::string_view::npos; start = comma + 1)
      fields.push_back(line.substr(start, comma - start));
    fields.push_back(line.substr(start));
    if (fields.size() != columns)
      throw Error({std::string(file), line_no, ""}, "reference data has the wrong number of columns");
    rows.push_back(std::move(fields));
  }
  return rows;
}

int64_t to_int(std::string_view s, std::string_view file) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size())
    throw Error({std::string(file), 0, ""}, "reference data has a malformed number");
  return v;
}

}  // namespace

Geography::Geography(std::string_view municipalities_csv, std::string_view regions_csv) {
  // kommunkod,name,lan_code,lan_name,population,population_year
  for (const auto& f : split_rows(municipalities_csv, 6, "municipalities.csv")) {
    municipality_index_.emplace(std::string(f[0]), municipalities_.size());
    municipalities_.push_back({std::string(f[0]), std::string(f[1]), std::string(f[2]),
                               to_int(f[4], "municipalities.csv"),
                               static_cast<int>(to_int(f[5], "municipalities.csv"))});
  }
  // code,name,population,population_year
  for (const auto& f : split_rows(regions_csv, 4, "regions.csv")) {
    region_index_.emplace(std::string(f[0]), regions_.size());
    regions_.push_back({std::string(f[0]), std::string(f[1]), to_int(f[2], "regions.csv"),
                        static_cast<int>(to_int(f[3], "regions.csv"))});
  }
}

const Geography& Geography::builtin() {
  static const Geography geography(embedded::file("municipalities.csv"),
                                   embedded::file("regions.csv"));
  return geography;
}

const Municipality* Geography::municipality(std::string_view code) const {
  auto it = municipality_index_.find(std::string(code));
  return it == municipality_index_.end() ? nullptr : &municipalities_[it->second];
}

const Region* Geography::region(std::string_view code) const {
  auto it = region_index_.find(std::string(code));
  return it == region_index_.end() ? nullptr : &regions_[it->second];
}

}  // namespace vaksam::reference
