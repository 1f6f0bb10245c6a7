// Reading the shared conformance vectors (../shared/conformance next to the repository) and
// comparing numbers with a relative tolerance while keeping the worst error for the report.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace vaksam::risk::testing {

inline std::string conformance_path(const std::string& relative) {
  return std::string(VAKSAM_SOURCE_DIR) + "/../shared/conformance/" + relative;
}

// Header row, comma separated, no quoting (the files promise no field holds a comma).
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  int column(std::string_view name) const {
    const auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  }
  const std::string& text(std::size_t row, int col) const { return rows[row][col]; }
  bool is_na(std::size_t row, int col) const { return rows[row][col] == "NA"; }
  // NA and NaN give NaN; Inf and -Inf are parsed by strtod.
  double number(std::size_t row, int col) const {
    const std::string& s = rows[row][col];
    if (s == "NA") return std::numeric_limits<double>::quiet_NaN();
    return std::strtod(s.c_str(), nullptr);
  }
};

inline std::optional<CsvTable> read_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  auto split = [](const std::string& line) {
    std::vector<std::string> out;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, ',')) out.push_back(field);
    if (!line.empty() && line.back() == ',') out.emplace_back();
    return out;
  };
  CsvTable table;
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  table.header = split(line);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    table.rows.push_back(split(line));
  }
  return table;
}

// Relative error with a floor on the scale, so values that are 0 in R (a centre of 0, an
// exact-zero limit) are compared absolutely. Missing values must match missing values,
// infinities must match exactly.
struct Tolerance {
  double relative = 1e-9;
  double floor = 1e-12;
};

inline double relative_error(double got, double want, double floor) {
  if (std::isnan(want) || std::isnan(got)) {
    return std::isnan(want) && std::isnan(got) ? 0.0 : std::numeric_limits<double>::infinity();
  }
  if (std::isinf(want) || std::isinf(got)) {
    return got == want ? 0.0 : std::numeric_limits<double>::infinity();
  }
  return std::fabs(got - want) / std::max(std::fabs(want), floor);
}

// The worst relative error seen, and where.
struct ErrorLog {
  double worst = 0;
  std::string where;
  std::size_t compared = 0;

  void add(double error, const std::string& at) {
    ++compared;
    if (error > worst) {
      worst = error;
      where = at;
    }
  }
};

}  // namespace vaksam::risk::testing
