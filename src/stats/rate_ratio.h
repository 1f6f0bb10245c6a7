// Rate ratio of group 1 to group 2 (women / men) with a log-normal (Wald) interval, and the
// mid-p exact and conditional score tests that epitools (rateratio.wald, rate2by2.test) gives.
#pragma once

#include <cstdint>

#include "stats/interval.h"

namespace vaksam::stats {

struct RateRatioWald {
  double rate1 = 0;     // x1 / T1
  double rate2 = 0;     // x2 / T2
  double estimate = 0;  // rate1 / rate2 (0, Inf or NaN when a count is 0, as R's arithmetic)
  // The rest exists only when both counts are positive; otherwise `defined` is false and the
  // fields are NaN (the Wald interval of log RR does not exist with a zero count).
  bool defined = false;
  double log_estimate = 0;
  double se_log = 0;    // sqrt(1/x1 + 1/x2)
  Interval ci;          // exp(log RR -/+ z * se_log)
  double z = 0;         // log RR / se_log
  double p_value = 0;   // 2 * pnorm(-|z|)
};

RateRatioWald rate_ratio_wald(int64_t x1, double t1, int64_t x2, double t2,
                              double conf_level = 0.95);

// epitools' "midp.exact" p-value: with X ~ Bin(x1 + x2, T1/(T1 + T2)),
// pl = P(X < x1) + P(X = x1)/2 and p = 2 * min(pl, 1 - pl). Like epitools it computes 1 - pl,
// so it is exactly 0 when pl rounds to 1.
double rate_ratio_midp_p(int64_t x1, double t1, int64_t x2, double t2);

// The conditional score test (epitools calls its column "wald"): z = (x1 - n*T1/T) /
// sqrt(n*(T1/T)*(T2/T)), T = T1 + T2, p = 1 - pchisq(z^2, 1) computed as epitools does.
// NaN when x1 + x2 = 0.
double rate_ratio_score_p(int64_t x1, double t1, int64_t x2, double t2);

}  // namespace vaksam::stats
