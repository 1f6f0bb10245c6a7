// Small numerical routines that behave exactly like their R counterparts, so that the
// risk engine reproduces the peer implementations (FunnelPlotR, surveillance) bit for bit
// where it matters (rounding, quantiles, ranks) and to the last few ulps elsewhere.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace vaksam::risk {

// R's round(x, digits) (R >= 4.0): of the two neighbouring candidates with `digits`
// decimals, the one nearer to x in double arithmetic; an exact tie goes to the even digit.
// round_r(0.805, 2) == 0.80 and round_r(64.425, 2) == 64.42, unlike printf("%.2f").
double round_r(double x, int digits);

// R's mean(): a long double sum divided by n, then one correction pass.
double mean_r(std::span<const double> x);

// R's sd(): square root of the two-pass variance with divisor n - 1 (NaN for n < 2).
double sd_r(std::span<const double> x);

// R's sum(): accumulated in long double.
double sum_r(std::span<const double> x);

// R's quantile(x, p, type = 7) on values already sorted ascending (no NaN).
double quantile7_sorted(std::span<const double> sorted, double p);

// R's rank(x, ties.method = "average") into `ranks` (same size as x); -Inf and Inf are
// ordinary values. NaN is not supported (callers reject it first).
void rank_average(std::span<const double> x, std::span<double> ranks);

// R's seq(from, to, length.out = n) for n >= 2: from + i*((to-from)/(n-1)), last = to.
std::vector<double> seq_length_out(double from, double to, int n);

}  // namespace vaksam::risk
