// Brent's root finder exactly as R's uniroot() runs it (R_zeroin2), so that results computed
// with R's default tolerance can be reproduced step for step.
#pragma once

#include <cfloat>
#include <cmath>
#include <functional>

namespace vaksam::stats {

// uniroot()'s default tolerance, .Machine$double.eps^0.25 (about 1.2e-4, absolute).
inline const double kRUnirootTolerance = std::pow(DBL_EPSILON, 0.25);

struct RootResult {
  double root = 0;
  int iterations = 0;
  bool converged = false;
};

// Finds a zero of f in [lower, upper], where f(lower) and f(upper) are given and of opposite
// sign (or one is 0). Stops when the bracket is below 2*eps*|x| + tol/2, as R does.
RootResult uniroot(const std::function<double(double)>& f, double lower, double upper,
                   double f_lower, double f_upper, double tol = kRUnirootTolerance,
                   int max_iterations = 1000);

}  // namespace vaksam::stats
