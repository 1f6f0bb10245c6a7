#include "stats/fisher_2x2.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>
#include <vector>

#include "stats/distributions.h"

namespace vaksam::stats {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The distribution of the top-left cell given all margins, with odds ratio ncp (Fisher's
// noncentral hypergeometric), evaluated as fisher.test's dnhyper/mnhyper/pnhyper do.
class ConditionalTable {
 public:
  ConditionalTable(int64_t a, int64_t b, int64_t c, int64_t d)
      : x_(a), m_(a + c), n_(b + d), k_(a + b) {
    lo_ = std::max<int64_t>(0, k_ - n_);
    hi_ = std::min(k_, m_);
    for (int64_t s = lo_; s <= hi_; ++s) log_dc_.push_back(log_dhyper(s, m_, n_, k_));
  }

  int64_t x() const { return x_; }
  int64_t lo() const { return lo_; }
  int64_t hi() const { return hi_; }

  std::vector<double> density(double ncp) const {
    const double log_ncp = std::log(ncp);
    std::vector<double> d(log_dc_.size());
    double top = -kInf;
    for (size_t i = 0; i < d.size(); ++i) {
      d[i] = log_dc_[i] + log_ncp * static_cast<double>(lo_ + static_cast<int64_t>(i));
      top = std::max(top, d[i]);
    }
    long double sum = 0;
    for (double& v : d) {
      v = std::exp(v - top);
      sum += v;
    }
    for (double& v : d) v = static_cast<double>(v / sum);
    return d;
  }

  double mean(double ncp) const {
    if (ncp == 0) return static_cast<double>(lo_);
    if (std::isinf(ncp)) return static_cast<double>(hi_);
    const std::vector<double> d = density(ncp);
    long double sum = 0;
    for (size_t i = 0; i < d.size(); ++i) {
      sum += static_cast<double>(lo_ + static_cast<int64_t>(i)) * d[i];
    }
    return static_cast<double>(sum);
  }

  // P(X <= q) or, if upper, P(X >= q).
  double tail(int64_t q, double ncp, bool upper) const {
    if (ncp == 1) {
      return upper ? phyper(q - 1, m_, n_, k_, /*lower_tail=*/false) : phyper(q, m_, n_, k_);
    }
    if (ncp == 0) return upper ? (q <= lo_ ? 1 : 0) : (q >= lo_ ? 1 : 0);
    if (std::isinf(ncp)) return upper ? (q <= hi_ ? 1 : 0) : (q >= hi_ ? 1 : 0);
    const std::vector<double> d = density(ncp);
    long double sum = 0;
    for (size_t i = 0; i < d.size(); ++i) {
      const int64_t s = lo_ + static_cast<int64_t>(i);
      if (upper ? s >= q : s <= q) sum += d[i];
    }
    return static_cast<double>(sum);
  }

 private:
  int64_t x_, m_, n_, k_;
  int64_t lo_ = 0, hi_ = 0;
  std::vector<double> log_dc_;  // log dhyper over the support lo..hi
};

// Solves g(psi) = 0 as fisher.test does: on psi in [0, 1] if the root is below 1, otherwise on
// t = 1/psi in [eps, 1], so that the tolerance is absolute on whichever scale is bounded.
double solve_on_unit_scale(const std::function<double(double)>& g, bool root_below_one,
                           double tol) {
  if (root_below_one) return uniroot(g, 0, 1, g(0), g(1), tol).root;
  const auto h = [&g](double t) { return g(1 / t); };
  return 1 / uniroot(h, DBL_EPSILON, 1, h(DBL_EPSILON), h(1), tol).root;
}

}  // namespace

FisherTest2x2 fisher_test_2x2(int64_t a, int64_t b, int64_t c, int64_t d, double conf_level,
                              double root_tolerance) {
  if (a < 0 || b < 0 || c < 0 || d < 0) {
    throw std::invalid_argument("fisher_test_2x2: negative cell");
  }
  const ConditionalTable t(a, b, c, d);
  const int64_t x = t.x();
  FisherTest2x2 r;
  r.sample_odds_ratio = static_cast<double>(a) * static_cast<double>(d) /
                        (static_cast<double>(b) * static_cast<double>(c));
  r.p_less = t.tail(x, 1, /*upper=*/false);
  r.p_greater = t.tail(x, 1, /*upper=*/true);
  {
    const double rel_err = 1 + 1e-7;  // R's fuzz for tables equally likely up to rounding
    const std::vector<double> dens = t.density(1);
    const double observed = dens[static_cast<size_t>(x - t.lo())];
    long double sum = 0;
    for (double v : dens) {
      if (v <= observed * rel_err) sum += v;
    }
    r.p_value = static_cast<double>(sum);
  }

  // Conditional MLE: the odds ratio at which E(A) equals the observed a.
  const auto xd = static_cast<double>(x);
  if (x == t.lo()) {
    r.odds_ratio = 0;
  } else if (x == t.hi()) {
    r.odds_ratio = kInf;
  } else {
    const double mu = t.mean(1);
    const auto g = [&t, xd](double psi) { return t.mean(psi) - xd; };
    r.odds_ratio = mu == xd ? 1 : solve_on_unit_scale(g, mu > xd, root_tolerance);
  }

  const double alpha = (1 - conf_level) / 2;
  // Lower limit: P(A >= a; psi) = alpha.
  if (x == t.lo()) {
    r.ci.lower = 0;
  } else {
    const double p = t.tail(x, 1, /*upper=*/true);
    const auto g = [&t, x, alpha](double psi) { return t.tail(x, psi, true) - alpha; };
    r.ci.lower = p == alpha ? 1 : solve_on_unit_scale(g, p > alpha, root_tolerance);
  }
  // Upper limit: P(A <= a; psi) = alpha.
  if (x == t.hi()) {
    r.ci.upper = kInf;
  } else {
    const double p = t.tail(x, 1, /*upper=*/false);
    const auto g = [&t, x, alpha](double psi) { return t.tail(x, psi, false) - alpha; };
    r.ci.upper = p == alpha ? 1 : solve_on_unit_scale(g, p < alpha, root_tolerance);
  }
  return r;
}

}  // namespace vaksam::stats
