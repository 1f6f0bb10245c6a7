// Test support: reads the R reference files in shared/conformance/stats and compares values
// within a tolerance, remembering the largest relative error seen per file.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace vaksam::stats::testing {

inline std::string conformance_path(const std::string& file) {
  return std::string(VAKSAM_SOURCE_DIR) + "/../shared/conformance/stats/" + file;
}

// "NaN", "Inf", "-Inf" or a number printed with %.17g.
inline double parse_number(const std::string& s) {
  if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (s == "Inf") return std::numeric_limits<double>::infinity();
  if (s == "-Inf") return -std::numeric_limits<double>::infinity();
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size()) {
    ADD_FAILURE() << "not a number: '" << s << "'";
    return std::numeric_limits<double>::quiet_NaN();
  }
  return v;
}

inline std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(s);
  while (std::getline(in, field, sep)) out.push_back(field);
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

struct Row {
  const std::map<std::string, size_t>* index = nullptr;
  std::vector<std::string> fields;

  const std::string& text(const std::string& column) const {
    const auto it = index->find(column);
    if (it == index->end()) {
      ADD_FAILURE() << "no column " << column;
      static const std::string empty;
      return empty;
    }
    return fields[it->second];
  }
  double num(const std::string& column) const { return parse_number(text(column)); }
  int64_t count(const std::string& column) const {
    const double v = num(column);
    EXPECT_EQ(v, std::floor(v)) << column << " is not an integer";
    return static_cast<int64_t>(v);
  }
  std::vector<double> list(const std::string& column) const {
    std::vector<double> out;
    for (const std::string& s : split(text(column), ';')) out.push_back(parse_number(s));
    return out;
  }
  std::string id() const { return fields.empty() ? "" : fields[0]; }
};

struct CsvFile {
  bool found = false;
  std::vector<std::string> header;
  std::map<std::string, size_t> index;
  std::vector<Row> rows;
};

inline CsvFile read_csv(const std::string& file) {
  CsvFile csv;
  std::ifstream in(conformance_path(file));
  if (!in) return csv;
  csv.found = true;
  std::string line;
  if (!std::getline(in, line)) return csv;
  csv.header = split(line, ',');
  for (size_t i = 0; i < csv.header.size(); ++i) csv.index[csv.header[i]] = i;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    Row row;
    row.fields = split(line, ',');
    EXPECT_EQ(row.fields.size(), csv.header.size()) << file << ": " << line;
    csv.rows.push_back(std::move(row));
  }
  for (Row& row : csv.rows) row.index = &csv.index;
  return csv;
}

// Loads a reference file or skips the test, with a message saying where it was looked for.
#define VAKSAM_LOAD_CONFORMANCE(var, file)                                                  \
  const ::vaksam::stats::testing::CsvFile var = ::vaksam::stats::testing::read_csv(file);   \
  if (!var.found) {                                                                         \
    GTEST_SKIP() << "reference file not found: "                                            \
                 << ::vaksam::stats::testing::conformance_path(file);                       \
  }

// How one column is compared.
struct Tolerance {
  double rel = 1e-12;
  double abs = 0;            // accepted absolute difference (for values 0 in exact arithmetic)
  double tiny_equal = 0;     // values both below this (in magnitude) count as equal
};

inline Tolerance closed_form() { return {1e-12, 1e-12, 0}; }      // README: closed forms
inline Tolerance through_distribution() { return {1e-9, 0, 1e-300}; }  // quantiles, p-values

// Tracks the largest relative error per column of one file and prints it at the end.
class Checker {
 public:
  explicit Checker(std::string file) : file_(std::move(file)) {}
  ~Checker() { report(); }

  void close(const std::string& id, const std::string& column, double actual, double expected,
             Tolerance tol) {
    ++checked_;
    if (std::isnan(expected)) {
      EXPECT_TRUE(std::isnan(actual)) << file_ << " " << id << " " << column << ": got "
                                      << actual << ", R gives NaN";
      return;
    }
    if (std::isinf(expected)) {
      EXPECT_EQ(actual, expected) << file_ << " " << id << " " << column;
      return;
    }
    if (std::abs(expected) < tol.tiny_equal && std::abs(actual) < tol.tiny_equal) return;
    const double diff = std::abs(actual - expected);
    const double rel = expected == 0 ? diff : diff / std::abs(expected);
    // Values that are 0 in exact arithmetic are judged (and reported) by absolute difference.
    if (std::abs(expected) > tol.abs) {
      double& worst = max_rel_[column];
      worst = std::max(worst, rel);
    } else {
      double& worst = max_abs_[column];
      worst = std::max(worst, diff);
    }
    EXPECT_TRUE(diff <= tol.abs || rel <= tol.rel)
        << std::setprecision(17) << file_ << " " << id << " " << column << ": got " << actual
        << ", R gives " << expected << " (relative error " << rel << ", tolerance " << tol.rel
        << ")";
  }

  void list(const std::string& id, const std::string& column, const std::vector<double>& actual,
            const std::vector<double>& expected, Tolerance tol) {
    ASSERT_EQ(actual.size(), expected.size()) << file_ << " " << id << " " << column;
    for (size_t i = 0; i < actual.size(); ++i) {
      close(id, column, actual[i], expected[i], tol);
    }
  }

  void exact(const std::string& id, const std::string& column, double actual, double expected) {
    ++checked_;
    EXPECT_EQ(actual, expected) << file_ << " " << id << " " << column;
  }

  void count_row() { ++rows_; }

 private:
  void report() const {
    double worst = 0;
    std::string worst_column;
    std::ostringstream detail;
    for (const auto& [column, rel] : max_rel_) {
      if (rel >= worst) {
        worst = rel;
        worst_column = column;
      }
      detail << " " << column << "=" << std::setprecision(2) << rel;
    }
    std::cout << "[conformance] " << file_ << ": " << rows_ << " rows, " << checked_
              << " values, max relative error " << std::setprecision(3) << worst << " ("
              << worst_column << ")\n[conformance]   per column:" << detail.str() << "\n";
    if (!max_abs_.empty()) {
      std::cout << "[conformance]   absolute, for values ~0:";
      for (const auto& [column, d] : max_abs_) std::cout << " " << column << "=" << d;
      std::cout << "\n";
    }
  }

  std::string file_;
  int rows_ = 0;
  int checked_ = 0;
  std::map<std::string, double> max_rel_;
  std::map<std::string, double> max_abs_;
};

}  // namespace vaksam::stats::testing
