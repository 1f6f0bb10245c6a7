// Focused tests of the pieces behind the conformance tests: R-compatible numerics, the
// GLM, the distributions, and behaviours the vectors exercise only indirectly.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "common/error.h"
#include "risk/cusum.h"
#include "risk/distributions.h"
#include "risk/ears.h"
#include "risk/funnel.h"
#include "risk/funnel_limits.h"
#include "risk/glm.h"
#include "risk/glr.h"
#include "risk/r_numerics.h"

namespace vaksam::risk {
namespace {

TEST(RNumerics, RoundPicksTheNearerCandidateLikeR) {
  // From the README: R differs from floor(x*100+0.5)/100 and printf for these.
  EXPECT_EQ(round_r(0.805, 2), 0.80);
  EXPECT_EQ(round_r(64.425, 2), 64.42);
  EXPECT_EQ(round_r(11.915, 2), 11.91);
  EXPECT_EQ(round_r(65.045, 2), 65.04);
  EXPECT_EQ(round_r(0.125, 2), 0.12);  // an exact tie goes to the even digit
  EXPECT_EQ(round_r(0.375, 2), 0.38);
  EXPECT_EQ(round_r(-0.805, 2), -0.80);
  EXPECT_EQ(round_r(2.5, 0), 2.0);
}

TEST(RNumerics, QuantileType7AndAverageRanks) {
  const std::vector<double> x = {1, 2, 3, 4};
  EXPECT_DOUBLE_EQ(quantile7_sorted(x, 0.1), 1.3);
  EXPECT_DOUBLE_EQ(quantile7_sorted(x, 0.9), 3.7);
  EXPECT_DOUBLE_EQ(quantile7_sorted(x, 0.0), 1.0);
  const std::vector<double> v = {-INFINITY, 2, -INFINITY, 5, 2};
  std::vector<double> ranks(v.size());
  rank_average(v, ranks);
  EXPECT_EQ(ranks, (std::vector<double>{1.5, 3.5, 1.5, 5, 3.5}));
}

TEST(RNumerics, MeanAndSd) {
  const std::vector<double> x = {2, 4, 4, 4, 5, 5, 7, 9};
  EXPECT_DOUBLE_EQ(mean_r(x), 5.0);
  EXPECT_DOUBLE_EQ(sd_r(x), std::sqrt(32.0 / 7.0));
  EXPECT_TRUE(std::isnan(sd_r(std::vector<double>{1.0})));
}

TEST(Distributions, DiscreteQuantilesKeepExactSteps) {
  // P(X <= 2) = 0.5 exactly for NB(3, 0.5); R's qnbinom(0.5, 3, 0.5) is 2, not 3.
  EXPECT_EQ(qnbinom(0.5, 3, 0.5), 2);
  EXPECT_EQ(qpois(0.95, 1.0), 3);
  EXPECT_EQ(qpois(0.5, 1.0), 1);
  EXPECT_EQ(qpois(0.95, 0.0), 0);
  EXPECT_DOUBLE_EQ(ppois_upper(-1, 3.0), 1.0);
  EXPECT_NEAR(ppois_upper(0, 2.0), 1.0 - std::exp(-2.0), 1e-15);
  EXPECT_NEAR(qnorm(0.975), 1.959963984540054, 1e-15);
  EXPECT_NEAR(qchisq_upper(0.975, 2.0), -2.0 * std::log(0.975), 1e-15);
}

TEST(Glm, InterceptOnlyFitIsTheMean) {
  const std::vector<double> y = {0, 3, 1, 4, 2, 8, 5, 1};
  Design d;
  d.reset(y.size(), 1);
  for (std::size_t i = 0; i < y.size(); ++i) d.at(i, 0) = 1.0;
  GlmWorkspace work;
  GlmFit fit;
  fit_poisson_glm(d, y, {}, GlmOptions{}, work, fit);
  ASSERT_TRUE(fit.converged);
  const double mean = 24.0 / 8.0;
  EXPECT_NEAR(std::exp(fit.coef[0]), mean, 1e-9);
  double pearson = 0;
  for (double v : y) pearson += (v - mean) * (v - mean) / mean;
  // R pairs the last step's working weights with the final mu, hence not exact.
  EXPECT_NEAR(fit.dispersion, pearson / 7.0, 1e-5);
  std::vector<double> hat(y.size());
  glm_hat_values(fit, d, hat);
  for (double h : hat) EXPECT_NEAR(h, 1.0 / 8.0, 1e-7);
}

TEST(Glm, ScoreEquationsHoldAndCollinearColumnsAreDropped) {
  std::mt19937 rng(7);
  std::poisson_distribution<int> draw(6.0);
  const std::size_t n = 40;
  Design d;
  d.reset(n, 3);
  std::vector<double> y(n);
  for (std::size_t i = 0; i < n; ++i) {
    d.at(i, 0) = 1.0;
    d.at(i, 1) = static_cast<double>(i);
    d.at(i, 2) = 2.0 * static_cast<double>(i);  // collinear with column 1
    y[i] = draw(rng);
  }
  GlmWorkspace work;
  GlmFit fit;
  fit_poisson_glm(d, y, {}, GlmOptions{}, work, fit);
  ASSERT_TRUE(fit.converged);
  EXPECT_EQ(fit.rank, 2u);
  EXPECT_TRUE(fit.aliased[2]);
  for (std::size_t j = 0; j < 2; ++j) {  // X'(y - mu) = 0 at the maximum
    double score = 0;
    for (std::size_t i = 0; i < n; ++i) score += d.at(i, j) * (y[i] - fit.mu[i]);
    EXPECT_NEAR(score, 0.0, 1e-3 * (j == 0 ? 1.0 : static_cast<double>(n)));
  }
}

TEST(Funnel, RejectsInvalidInput) {
  const std::vector<FunnelInput> none;
  EXPECT_THROW(funnel_compare(none, FunnelOptions{}), Error);
  const std::vector<FunnelInput> zero = {{1, 0}};
  EXPECT_THROW(funnel_compare(zero, FunnelOptions{}), Error);
  const std::vector<FunnelInput> tiny = {{1, 0.004}, {2, 3}};  // rounds to 0.00 for SHMI
  EXPECT_THROW(funnel_compare(tiny, FunnelOptions{}), Error);
  FunnelOptions pr;
  pr.type = FunnelType::kProportion;
  const std::vector<FunnelInput> above = {{5, 4}, {1, 3}};
  EXPECT_THROW(funnel_compare(above, pr), Error);
}

TEST(FunnelLimits, CqcLimitsAreSquaredBackUnlessCompatible) {
  LimitSpec spec;
  spec.method = RatioMethod::kCqc;
  spec.tau2 = 0.01;
  const double e = 1.0;
  const double sd = std::sqrt(1.0 / (4.0 * e) + 0.01);
  const FunnelLimits fixed = limits_at(e, spec);
  EXPECT_DOUBLE_EQ(fixed.od_ucl95, std::pow(1.0 + kZ95 * sd, 2));
  EXPECT_DOUBLE_EQ(fixed.od_lcl998, 0.0);  // 1 - z*sd < 0: clamped before squaring
  spec.compatibility = true;
  const FunnelLimits package = limits_at(e, spec);
  EXPECT_DOUBLE_EQ(package.od_ucl95, 1.0 + kZ95 * sd);
  EXPECT_LT(package.od_lcl998, 0.0);             // the package's negative lower limit
  EXPECT_DOUBLE_EQ(package.lcl95, fixed.lcl95);  // exact Poisson limits do not change
}

TEST(FunnelLimits, CorrectedProportionLimitsDoNotDependOnNeighbours) {
  LimitSpec spec;
  spec.type = FunnelType::kProportion;
  spec.target = 0.12;
  const std::vector<double> a = {1, 2, 3, 5, 7, 10};
  const std::vector<double> b = {7, 10};
  std::vector<FunnelLimits> la(a.size()), lb(b.size());
  limits_on_grid(a, spec, la);
  limits_on_grid(b, spec, lb);
  EXPECT_EQ(la[4].lcl95, lb[0].lcl95);
  EXPECT_EQ(la[4].lcl95, 0.0);  // the angle is below 0 at n = 7
  spec.compatibility = true;    // the package keeps sin^2 of the negative angle here
  limits_on_grid(a, spec, la);
  EXPECT_GT(la[4].lcl95, 0.0);
  EXPECT_EQ(la[3].lcl95, 0.0);  // set to 0 by the monotonicity pass
}

TEST(FunnelLimits, LookupGridHoldsTheDenominators) {
  const std::vector<double> d = {1, 2, 50};
  const std::vector<double> grid = funnel_lookup_grid(d, FunnelType::kProportion);
  EXPECT_EQ(grid.front(), 1.0);
  EXPECT_EQ(grid.back(), 50.0);
  EXPECT_EQ(grid.size(), 1002u);  // 1000 from 3 to 50, plus 1 and 2
  EXPECT_TRUE(std::is_sorted(grid.begin(), grid.end()));
}

TEST(Funnel, SummaryOfAnOverdispersedSet) {
  std::vector<FunnelInput> units;
  for (int i = 1; i <= 40; ++i) {
    const double e = 5.0 * i;
    const double o = std::round(e * (i % 5 == 0 ? 1.6 : i % 3 == 0 ? 0.7 : 1.05));
    units.push_back({o, e});
  }
  FunnelOptions options;
  options.ratio_method = RatioMethod::kCqc;
  const FunnelResult r = funnel_compare(units, options);
  EXPECT_GT(r.phi, 1.0);
  EXPECT_GT(r.tau2, 0.0);
  EXPECT_TRUE(r.overdispersed);
  EXPECT_EQ(r.n_used_for_phi, units.size());  // Winsorisation keeps every unit
  for (const auto& u : r.units) {
    EXPECT_EQ(u.outlier, u.od_out998);
    EXPECT_EQ(u.od_out998, std::fabs(u.z_od) > kZ998);  // consistent in the default mode
  }
}

TEST(Ears, C3AlarmsFollowASpikeRatherThanCoincideWithIt) {
  std::vector<double> x = {5, 6, 5, 4, 6, 5, 5, 6, 4, 5, 6, 5, 5, 4, 6, 5, 30, 5, 5, 5};
  EarsOptions o;
  o.method = EarsMethod::kC3;
  const std::size_t begin = ears_default_begin(o);
  const auto points = ears(x, begin, o);
  const std::size_t spike = 16;
  EXPECT_FALSE(points[spike - begin].alarm);
  EXPECT_TRUE(points[spike + 1 - begin].alarm);
  EXPECT_TRUE(points[spike + 2 - begin].alarm);
  EXPECT_THROW(ears(x, begin - 1, o), Error);
}

TEST(Cusum, DoesNotResetAfterAnAlarm) {
  std::vector<double> x(30, 4.0);
  for (std::size_t t = 20; t < 25; ++t) x[t] = 12.0;
  CusumOptions o;
  const CusumResult r = cusum(x, 10, o);
  EXPECT_DOUBLE_EQ(r.m, 4.0);
  std::size_t first = 0;
  while (!r.points[first].alarm) ++first;
  EXPECT_EQ(first + 10, 20u);
  EXPECT_TRUE(r.points[first + 1].alarm);
  EXPECT_GT(r.points[first + 1].statistic, r.points[first].statistic);
}

// The bisection in the cases search must give the package's one-by-one search result.
TEST(Glr, CasesSearchMatchesLinearSearch) {
  std::mt19937 rng(11);
  for (int series = 0; series < 20; ++series) {
    std::poisson_distribution<int> draw(3.0 + series);
    std::vector<double> x(40), mu0(40, 3.0 + series);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = draw(rng) + (i > 25 ? series : 0);
    GlrOptions o;
    o.ret = GlrReturn::kCases;
    std::vector<GlrPoint> out(x.size());
    glr_poisson(x, mu0, o, out);
    std::size_t start = 0;
    for (std::size_t n = 0; n < x.size(); ++n) {
      double c = 0;
      for (;; c += 1) {  // the package's loop, with the statistic spelled out
        double sx = c, sm = mu0[n], best = -1e99;
        for (std::size_t k = n + 1; k-- > start;) {
          if (k != n) sx += x[k];
          if (k != n) sm += mu0[k];
          const double kappa = std::fmax(0.0, std::log(sx / sm));
          best = std::max(best, kappa * sx + (1.0 - std::exp(kappa)) * sm);
        }
        if (best >= o.c_arl) break;
      }
      EXPECT_EQ(out[n].upperbound, c) << "series " << series << " n " << n;
      if (out[n].alarm) start = n + 1;
    }
  }
}

}  // namespace
}  // namespace vaksam::risk
