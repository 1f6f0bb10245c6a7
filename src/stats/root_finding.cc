#include "stats/root_finding.h"

#include <stdexcept>

namespace vaksam::stats {

// A transcription of R_zeroin2 (R's src/library/stats/src/zeroin.c, after Brent 1973).
RootResult uniroot(const std::function<double(double)>& f, double lower, double upper,
                   double f_lower, double f_upper, double tol, int max_iterations) {
  if (f_lower * f_upper > 0) {
    throw std::invalid_argument("uniroot: f() values at end points not of opposite sign");
  }
  // R replaces infinite values by +/-DBL_MAX so that the sign survives.
  const auto finite = [](double v) {
    if (std::isinf(v)) return v < 0 ? -DBL_MAX : DBL_MAX;
    return v;
  };
  double a = lower, b = upper, fa = finite(f_lower), fb = finite(f_upper);
  double c = a, fc = fa;
  if (fa == 0) return {a, 0, true};
  if (fb == 0) return {b, 0, true};
  int steps = 0;
  for (int left = max_iterations + 1; left > 0; --left) {
    const double prev_step = b - a;
    if (std::abs(fc) < std::abs(fb)) {  // make b the best approximation
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const double tol_act = 2 * DBL_EPSILON * std::abs(b) + tol / 2;
    double new_step = (c - b) / 2;
    if (std::abs(new_step) <= tol_act || fb == 0) {
      return {b, steps, true};
    }
    // Interpolate if the previous step was large enough and in the right direction.
    if (std::abs(prev_step) >= tol_act && std::abs(fa) > std::abs(fb)) {
      double p, q;
      const double cb = c - b;
      if (a == c) {  // two distinct points: linear interpolation
        const double t1 = fb / fa;
        p = cb * t1;
        q = 1.0 - t1;
      } else {  // inverse quadratic interpolation
        q = fa / fc;
        const double t1 = fb / fc;
        const double t2 = fb / fa;
        p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0));
        q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0);
      }
      if (p > 0) {
        q = -q;
      } else {
        p = -p;
      }
      if (p < (0.75 * cb * q - std::abs(tol_act * q) / 2) && p < std::abs(prev_step * q / 2)) {
        new_step = p / q;
      }
    }
    if (std::abs(new_step) < tol_act) new_step = new_step > 0 ? tol_act : -tol_act;
    a = b;
    fa = fb;
    b += new_step;
    fb = finite(f(b));
    ++steps;
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {  // keep c on the other side of the root
      c = a;
      fc = fa;
    }
  }
  return {b, max_iterations, false};
}

}  // namespace vaksam::stats
