// Fisher's exact test of a 2x2 table with the conditional maximum-likelihood odds ratio and
// its exact conditional interval, as R's fisher.test.
#pragma once

#include <cstdint>

#include "stats/interval.h"
#include "stats/root_finding.h"

namespace vaksam::stats {

// Root tolerance giving the odds ratio and limits to about 1e-13 on the scale solved (psi or
// 1/psi in (0, 1]). Pass kRUnirootTolerance instead to get exactly R's printed values.
constexpr double kFisherPreciseTolerance = 1e-13;

struct FisherTest2x2 {
  double odds_ratio = 0;         // conditional MLE: 0 if a*d = 0 (or a margin is 0), Inf if b*c = 0
  Interval ci;                   // inverts two one-sided tests at (1 - conf_level)/2 each
  double p_value = 0;            // two-sided: tables no more likely than the observed (+1e-7)
  double p_less = 0;             // P(A <= a)
  double p_greater = 0;          // P(A >= a)
  double sample_odds_ratio = 0;  // a*d / (b*c), Inf or NaN with zero cells
};

// Table [[a, b], [c, d]]: rows are the groups (a = women "yes"), columns the outcome.
FisherTest2x2 fisher_test_2x2(int64_t a, int64_t b, int64_t c, int64_t d,
                              double conf_level = 0.95,
                              double root_tolerance = kFisherPreciseTolerance);

}  // namespace vaksam::stats
