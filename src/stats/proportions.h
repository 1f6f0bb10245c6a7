// Score (Wilson) intervals and R's prop.test for one proportion and for a difference of two,
// plus Newcombe's hybrid score interval for the difference.
#pragma once

#include <cstdint>

#include "stats/interval.h"

namespace vaksam::stats {

// Wilson score interval for x/n (prop.test(x, n, correct = FALSE)$conf.int).
Interval wilson_interval(int64_t x, int64_t n, double conf_level = 0.95);

// The continuity-corrected Wilson interval with the full correction 1/2 (Newcombe 1998a,
// method 4): unlike prop.test's interval, the correction is never reduced.
Interval wilson_cc_interval(int64_t x, int64_t n, double conf_level = 0.95);

struct PropTest {
  double estimate = 0;   // x / n
  double statistic = 0;  // Pearson chi-square (1 df), with continuity correction if asked
  double df = 1;
  double p_value = 0;
  double yates = 0;      // the correction used: min(0.5, |x - n*p0|), or 0
  Interval ci;           // score interval, corrected by `yates`
  bool warn_approx = false;  // R warns: an expected count n*p0 or n*(1-p0) below 5
};

// R's prop.test(x, n, p0, correct): score test of H0: p = p0 and its interval. As in R the
// correction shrinks to |x - n*p0| when that is below 1/2 (so the statistic is never
// over-corrected, and the interval is Wilson's when x = n*p0).
PropTest prop_test_one_sample(int64_t x, int64_t n, double p0 = 0.5, bool correct = true,
                              double conf_level = 0.95);

struct PropTest2 {
  double estimate1 = 0;  // x1 / n1
  double estimate2 = 0;  // x2 / n2
  double difference = 0; // estimate1 - estimate2
  double statistic = 0;  // Pearson chi-square of the 2x2 table (NaN if all or none succeed)
  double df = 1;
  double p_value = 0;
  double yates = 0;      // min(0.5, |diff| / (1/n1 + 1/n2)), or 0
  Interval ci;           // Wald interval for the difference, widened by yates*(1/n1+1/n2),
                         // clipped to [-1, 1]
  bool warn_approx = false;  // an expected count below 5
};

// R's prop.test(c(x1, x2), c(n1, n2), correct): test of equal proportions.
PropTest2 prop_test_two_sample(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                               bool correct = true, double conf_level = 0.95);

// Newcombe's (1998, Stat Med 17:873) hybrid interval for p1 - p2 from an interval for each
// proportion: diff - sqrt((p1-l1)^2 + (u2-p2)^2), diff + sqrt((u1-p1)^2 + (p2-l2)^2).
Interval newcombe_interval(double p1, Interval ci1, double p2, Interval ci2);

// Newcombe's method 10 (Wilson intervals) or, if continuity_correction, method 11.
Interval newcombe_difference(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                             bool continuity_correction = false, double conf_level = 0.95);

}  // namespace vaksam::stats
