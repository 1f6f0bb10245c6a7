// Aberration detection against surveillance 1.20.3 (shared/conformance/surveillance):
// every series and configuration, every row and column of results.csv.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "risk/cusum.h"
#include "risk/ears.h"
#include "risk/farrington.h"
#include "risk/glr.h"
#include "unit/risk/conformance_csv.h"

namespace vaksam::risk {
namespace {

using testing::conformance_path;
using testing::CsvTable;
using testing::ErrorLog;
using testing::read_csv;
using testing::relative_error;

constexpr double kClosedForm = 1e-9;  // README: closed-form values
constexpr double kFromGlm = 1e-6;     // README: values from glm, which stops at 1e-8
constexpr double kFloor = 1e-12;

struct Case {
  std::string series;
  std::string config;
};

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  return info.param.series + "_" + info.param.config;
}

struct Series {
  std::vector<double> observed;
  int freq = 0, b = 0, w = 0;
};

// What one method produced at one time point, in the file's columns.
struct Row {
  double upperbound = NAN;
  bool alarm = false;
  double expected = NAN, score = NAN, pvalue = NAN, phi = NAN, trend_fitted = NAN;
  double trend_coef = NAN, mu0 = NAN, statistic = NAN;
  double decision = NAN;  // the quantity the alarm compares with its threshold
  double threshold = NAN;
};

std::vector<Row> run(const Series& s, const std::string& config, std::size_t begin) {
  std::vector<Row> rows;
  const std::span<const double> x = s.observed;
  if (config.rfind("FF_", 0) == 0) {
    FarringtonOptions o =
        config == "FF_farrington1996"
            ? farrington1996_options(s.freq, s.b, s.w)
            : noufaily2012_options(s.freq, s.b, s.w,
                                   config == "FF_muan" ? FarringtonThreshold::kMuan
                                                       : FarringtonThreshold::kNbPlugin);
    o.alpha = 0.05;
    for (const FarringtonPoint& p : farrington_flexible(x, begin, o)) {
      Row r;
      r.upperbound = p.upperbound;
      r.alarm = p.alarm;
      r.expected = p.expected;
      r.score = p.score;
      r.pvalue = p.pvalue;
      r.phi = p.phi;
      r.trend_fitted = p.trend ? 1.0 : 0.0;
      r.trend_coef = p.trend_coef;
      r.mu0 = p.mu0;
      r.decision = p.score;
      r.threshold = 1.0;
      rows.push_back(r);
    }
  } else if (config.rfind("EARS_", 0) == 0) {
    EarsOptions o;
    o.method = config == "EARS_C1"   ? EarsMethod::kC1
               : config == "EARS_C2" ? EarsMethod::kC2
                                     : EarsMethod::kC3;
    if (o.method != EarsMethod::kC3) o.alpha = 0.001;  // C3 keeps the package default
    const auto points = ears(x, begin, o);
    for (std::size_t i = 0; i < points.size(); ++i) {
      Row r;
      r.upperbound = points[i].upperbound;
      r.alarm = points[i].alarm;
      r.decision = x[begin + i];
      r.threshold = points[i].upperbound;
      rows.push_back(r);
    }
  } else if (config.rfind("CUSUM_", 0) == 0) {
    CusumOptions o;
    o.transform = config == "CUSUM_rossi" ? CusumTransform::kRossi : CusumTransform::kStandard;
    const CusumResult result = cusum(x, begin, o);
    for (const CusumPoint& p : result.points) {
      Row r;
      r.upperbound = p.upperbound;
      r.alarm = p.alarm;
      r.mu0 = result.m;
      r.statistic = p.statistic;
      r.decision = p.statistic;
      r.threshold = o.h;
      rows.push_back(r);
    }
  } else {
    GlrOptions o;
    o.ret = config == "GLRPOIS_cases" ? GlrReturn::kCases : GlrReturn::kValue;
    for (const GlrPoint& p : glr_poisson(x, begin, s.freq, o)) {
      Row r;
      r.upperbound = p.upperbound;
      r.alarm = p.alarm;
      r.mu0 = p.mu0;
      r.statistic = o.ret == GlrReturn::kValue ? p.statistic : NAN;
      r.decision = p.statistic;
      r.threshold = o.c_arl;
      rows.push_back(r);
    }
  }
  return rows;
}

class SurveillanceConformance : public ::testing::TestWithParam<Case> {};

TEST_P(SurveillanceConformance, ReproducesSurveillancePackage) {
  const Case& c = GetParam();
  const std::string base = "surveillance/surv_" + c.series + "_";
  const auto input = read_csv(conformance_path(base + "input.csv"));
  const auto results = read_csv(conformance_path(base + "results.csv"));
  if (!input || !results) GTEST_SKIP() << "conformance vectors for " << c.series << " not found";

  Series s;
  for (std::size_t r = 0; r < input->rows.size(); ++r) {
    s.observed.push_back(input->number(r, input->column("observed")));
  }
  const bool weekly = c.series == "salmonella_agona";
  s.freq = weekly ? 52 : 12;
  s.b = weekly ? 3 : 5;
  s.w = weekly ? 3 : 2;

  const CsvTable& f = *results;
  std::vector<std::size_t> lines;
  for (std::size_t r = 0; r < f.rows.size(); ++r) {
    if (f.text(r, f.column("config")) == c.config) lines.push_back(r);
  }
  ASSERT_FALSE(lines.empty());
  const auto first_t = static_cast<std::size_t>(f.number(lines.front(), f.column("t")));
  ASSERT_EQ(first_t + lines.size() - 1, s.observed.size()) << "range must run to the end";
  const std::size_t begin = first_t - 1;
  // The default ranges of the package, which the vectors use.
  if (c.config.rfind("FF_", 0) == 0) {
    EXPECT_EQ(begin, farrington_default_begin(farrington1996_options(s.freq, s.b, s.w)));
  }

  const std::vector<Row> rows = run(s, c.config, begin);
  ASSERT_EQ(rows.size(), lines.size());
  const double tolerance =
      c.config.rfind("FF_", 0) == 0 || c.config.rfind("GLR", 0) == 0 ? kFromGlm : kClosedForm;
  ErrorLog log;
  int borderline = 0;
  int alarms = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::size_t line = lines[i];
    const Row& got = rows[i];
    const std::string at = c.config + " t=" + f.text(line, f.column("t")) + " ";
    EXPECT_EQ(f.number(line, f.column("observed")), s.observed[begin + i]) << at;
    auto check = [&](const char* col, double value) {
      const double want = f.number(line, f.column(col));
      const double e = relative_error(value, want, kFloor);
      log.add(e, at + col);
      EXPECT_LE(e, tolerance) << at << col << ": got " << value << ", R gave " << want;
    };
    check("upperbound", got.upperbound);
    check("expected", got.expected);
    check("score", got.score);
    check("pvalue", got.pvalue);
    check("phi", got.phi);
    check("trend_coef", got.trend_coef);
    check("mu0", got.mu0);
    check("statistic", got.statistic);
    if (c.config.rfind("FF_", 0) == 0) check("trend_fitted", got.trend_fitted);
    const bool want_alarm = f.number(line, f.column("alarm")) == 1.0;
    alarms += want_alarm ? 1 : 0;
    if (got.alarm != want_alarm) {
      // Allowed only when the decisive value sits on its threshold within the tolerance.
      if (relative_error(got.decision, got.threshold, kFloor) <= tolerance) {
        ++borderline;
      } else {
        ADD_FAILURE() << at << "alarm " << got.alarm << ", R gave " << want_alarm;
      }
    }
  }
  EXPECT_LE(borderline, 1) << "too many alarms decided by rounding at a threshold";
  std::cout << "[conformance] surveillance " << c.series << " " << c.config << ": " << log.compared
            << " values, max relative error " << log.worst << " (" << log.where << "), alarms "
            << alarms << ", borderline " << borderline << "\n";
}

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (const char* series : {"salmonella_agona", "rotaBB_total", "synth_monthly_A"}) {
    for (const char* config :
         {"FF_farrington1996", "FF_noufaily2012", "FF_muan", "EARS_C1", "EARS_C2", "EARS_C3",
          "CUSUM_standard", "CUSUM_rossi", "GLRPOIS_cases", "GLRPOIS_value"}) {
      cases.push_back({series, config});
    }
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(AllSeries, SurveillanceConformance, ::testing::ValuesIn(all_cases()),
                         case_name);

}  // namespace
}  // namespace vaksam::risk
