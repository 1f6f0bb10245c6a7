#include "risk/farrington.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "common/error.h"
#include "risk/distributions.h"
#include "risk/glm.h"

namespace vaksam::risk {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double link_inverse(double eta) { return std::max(std::exp(eta), DBL_EPSILON); }

// R's max(x, 1): NaN stays NaN.
double at_least_one(double x) { return std::isnan(x) ? x : std::max(x, 1.0); }

struct Workspace {
  std::vector<int> block;  // per 1-based time: 0 = not used, else block 1..p
  std::vector<double> y, wtime, omega, hat;
  std::vector<int> level;   // block of each GLM row
  std::vector<int> levels;  // distinct blocks present, ascending
  std::vector<double> x0;
  Design design;
  GlmWorkspace glm;
  GlmFit fit;
};

struct Model {
  bool ok = false;
  bool has_trend = false;
  double phi = kNaN;
  // The dispersion that summary() and predict() see later. After reweighting, the package
  // overwrites the model's working weights with omega, so this is
  // sum(omega * ((y - mu) / mu)^2) / df rather than the Pearson dispersion behind phi.
  double inference_dispersion = kNaN;
};

// The reference windows and seasonal blocks for 1-based time K (the package's blocks()
// and algo.farrington.data.glm()), as GLM rows.
void collect_rows(std::span<const double> observed, std::size_t big_k, const FarringtonOptions& o,
                  Workspace& ws) {
  const long k = static_cast<long>(big_k);
  const long w = o.w, p = o.no_periods, freq = o.freq;
  ws.block.assign(observed.size() + 1, 0);
  auto set = [&](long from, long to, int value) {
    for (long t = from; t <= to; ++t) ws.block[static_cast<std::size_t>(t)] = value;
  };
  set(k - w, k, static_cast<int>(p));
  for (long i = 1; i <= o.b; ++i) {
    const long ref = k - i * freq;
    set(ref - w, ref + w, static_cast<int>(p));
    if (p == 1) continue;
    const long period = (k - (i - 1) * freq) - 2 * w - 1 - ref;
    if (period < p - 1) throw Error("Farrington: too many periods for the gap between windows");
    const long length = period / (p - 1);
    const long rest = period % (p - 1);
    long pos = ref + w + 1;
    for (long j = 1; j <= p - 1; ++j) {
      const long len = length + (j <= rest ? 1 : 0);
      set(pos, pos + len - 1, static_cast<int>(j));
      pos += len;
    }
  }
  const long skip = o.past_weeks_not_included < 0 ? w : o.past_weeks_not_included;
  set(std::max(1L, k - skip), k, 0);

  ws.y.clear();
  ws.wtime.clear();
  ws.level.clear();
  for (std::size_t t = 1; t <= observed.size(); ++t) {
    if (ws.block[t] == 0 || std::isnan(observed[t - 1])) continue;
    ws.y.push_back(observed[t - 1]);
    ws.wtime.push_back(static_cast<double>(t));
    ws.level.push_back(ws.block[t]);
  }
  ws.levels = ws.level;
  std::sort(ws.levels.begin(), ws.levels.end());
  ws.levels.erase(std::unique(ws.levels.begin(), ws.levels.end()), ws.levels.end());
}

// response ~ 1 [+ wtime] [+ seasgroups], treatment contrasts against the lowest block.
void build_design(Workspace& ws, bool trend, bool factors) {
  const std::size_t n = ws.y.size();
  const std::size_t dummies = factors && ws.levels.size() > 1 ? ws.levels.size() - 1 : 0;
  ws.design.reset(n, 1 + (trend ? 1 : 0) + dummies);
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t j = 0;
    ws.design.at(i, j++) = 1.0;
    if (trend) ws.design.at(i, j++) = ws.wtime[i];
    for (std::size_t d = 1; d <= dummies; ++d) {
      ws.design.at(i, j++) = ws.level[i] == ws.levels[d] ? 1.0 : 0.0;
    }
  }
}

// The prediction row at 1-based time k in the block of the current window.
void prediction_row(Workspace& ws, bool trend, bool factors, double k, int current_block) {
  ws.x0.assign(ws.design.cols, 0.0);
  std::size_t j = 0;
  ws.x0[j++] = 1.0;
  if (trend) ws.x0[j++] = k;
  if (factors && ws.levels.size() > 1) {
    for (std::size_t d = 1; d < ws.levels.size(); ++d, ++j) {
      if (ws.levels[d] == current_block) ws.x0[j] = 1.0;
    }
  }
}

// algo.farrington.fitGLM.flexible: fit (without trend if that fails), then refit with
// weights from standardised Anscombe residuals.
Model fit_flexible(Workspace& ws, bool trend, const FarringtonOptions& o) {
  const bool factors = o.no_periods != 1;
  Model m;
  build_design(ws, trend, factors);
  fit_poisson_glm(ws.design, ws.y, {}, GlmOptions{}, ws.glm, ws.fit);
  m.has_trend = trend;
  if (!ws.fit.converged) {
    if (!trend) return m;
    build_design(ws, false, factors);
    fit_poisson_glm(ws.design, ws.y, {}, GlmOptions{}, ws.glm, ws.fit);
    m.has_trend = false;
    if (!ws.fit.converged) return m;
  }
  m.ok = true;
  m.phi = at_least_one(ws.fit.dispersion);
  m.inference_dispersion = ws.fit.dispersion;
  if (!o.reweight) return m;

  const std::size_t n = ws.y.size();
  ws.hat.resize(n);
  glm_hat_values(ws.fit, ws.design, ws.hat);
  ws.omega.resize(n);
  long double denominator = 0.0L;
  for (std::size_t i = 0; i < n; ++i) {
    const double mu = ws.fit.mu[i];
    const double raw =
        3.0 / 2.0 * (std::pow(ws.y[i], 2.0 / 3.0) * std::pow(mu, -1.0 / 6.0) - std::pow(mu, 0.5));
    const double s = raw / std::sqrt(m.phi * (1.0 - ws.hat[i]));
    ws.omega[i] = s;
    denominator += s > o.weights_threshold ? std::pow(s, -2.0) : 1.0;
  }
  const double gamma = static_cast<double>(n) / static_cast<double>(denominator);
  for (std::size_t i = 0; i < n; ++i) {
    const double s = ws.omega[i];
    ws.omega[i] = s > o.weights_threshold ? gamma * std::pow(s, -2.0) : gamma;
  }
  // R refits without checking convergence here.
  fit_poisson_glm(ws.design, ws.y, ws.omega, GlmOptions{}, ws.glm, ws.fit);
  m.phi = at_least_one(ws.fit.dispersion);
  long double pearson = 0.0L;
  for (std::size_t i = 0; i < n; ++i) {
    if (!(ws.omega[i] > 0.0)) continue;
    const double res = (ws.y[i] - ws.fit.mu[i]) / link_inverse(ws.fit.eta[i]);
    pearson += ws.omega[i] * res * res;
  }
  m.inference_dispersion = static_cast<double>(pearson) / ws.fit.df_residual;
  return m;
}

struct Threshold {
  double upper = kNaN, prob = kNaN, score = kNaN, mu0 = kNaN;
};

// algo.farrington.threshold.farrington: normal on the power scale; pred on the response
// scale. tau combines phi (floored at 1) and the prediction variance.
Threshold delta_threshold(double pred, double pred_se, double phi, double y,
                          const FarringtonOptions& o) {
  const double tau = phi + (pred_se * pred_se) / pred;
  double se = 0, exponent = 1;
  switch (o.power) {
    case PowerTransform::kNone:
      se = std::sqrt(pred * tau);
      exponent = 1.0;
      break;
    case PowerTransform::kHalf:
      se = std::sqrt(1.0 / 4.0 * tau);
      exponent = 1.0 / 2.0;
      break;
    case PowerTransform::kTwoThirds:
      se = std::sqrt(4.0 / 9.0 * std::pow(pred, 1.0 / 3.0) * tau);
      exponent = 2.0 / 3.0;
      break;
  }
  const double z = qnorm(1.0 - o.alpha);
  const double centre = std::pow(pred, exponent);
  const double a = std::pow(centre + z * se, 1.0 / exponent);
  const double b = std::pow(centre - z * se, 1.0 / exponent);
  Threshold t;
  t.upper = std::isnan(b) ? a : std::max(a, b);
  t.prob = pnorm_upper(std::pow(y, exponent), centre, se);
  t.score = (y - pred) / (t.upper - pred);
  return t;
}

// algo.farrington.threshold.noufaily: negative binomial (Poisson if phi == 1) quantile.
// pred is on the link scale, and so is the centre of the score, as in the package.
Threshold noufaily_threshold(double eta, double eta_se, double phi, double y,
                             const FarringtonOptions& o) {
  Threshold t;
  t.mu0 = o.threshold == FarringtonThreshold::kNbPlugin
              ? std::exp(eta)
              : std::exp(eta + eta_se * qnorm(1.0 - o.alpha));
  if (std::isinf(t.mu0)) return t;
  if (phi > 1.0) {
    const double size = t.mu0 / (phi - 1.0);
    t.upper = qnbinom(1.0 - o.alpha, size, 1.0 / phi);
  } else {
    t.upper = qpois(1.0 - o.alpha, t.mu0);
  }
  t.prob = phi != 1.0 ? pnbinom_upper(y - 1.0, t.mu0 / (phi - 1.0), 1.0 / phi)
                      : ppois_upper(y - 1.0, t.mu0);
  t.score = (y - eta) / (t.upper - eta);
  return t;
}

}  // namespace

FarringtonOptions farrington1996_options(int freq, int b, int w) {
  FarringtonOptions o;
  o.freq = freq;
  o.b = b;
  o.w = w;
  o.reweight = true;
  o.weights_threshold = 1.0;
  o.trend = true;
  o.p_threshold_trend = 0.05;
  o.power = PowerTransform::kTwoThirds;
  o.no_periods = 1;
  o.past_weeks_not_included = w;
  o.threshold = FarringtonThreshold::kDelta;
  return o;
}

FarringtonOptions noufaily2012_options(int freq, int b, int w, FarringtonThreshold threshold) {
  FarringtonOptions o = farrington1996_options(freq, b, w);
  o.weights_threshold = 2.58;
  o.p_threshold_trend = 1.0;
  o.power = PowerTransform::kNone;
  o.no_periods = freq == 52 ? 10 : 4;
  o.past_weeks_not_included = freq == 52 ? 26 : 6;
  o.threshold = threshold;
  return o;
}

std::size_t farrington_default_begin(const FarringtonOptions& o) {
  return static_cast<std::size_t>(o.freq * o.b + o.w);
}

void farrington_flexible(std::span<const double> observed, std::size_t begin,
                         const FarringtonOptions& o, std::span<FarringtonPoint> out) {
  if (o.freq <= 0 || o.b <= 0 || o.w < 0 || o.no_periods < 1 || o.limit54_period < 1) {
    throw Error("Farrington: invalid options");
  }
  if (begin < static_cast<std::size_t>(o.freq * o.b + o.w) ||
      begin + 1 < static_cast<std::size_t>(o.limit54_period) || begin > observed.size() ||
      out.size() != observed.size() - begin) {
    throw Error("Farrington: the range leaves fewer than b years of history");
  }
  const bool factors = o.no_periods != 1;
  Workspace ws;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::size_t big_k = begin + i + 1;  // the package's 1-based k
    const double k = static_cast<double>(big_k);
    const double y = observed[big_k - 1];
    FarringtonPoint& point = out[i];
    point = FarringtonPoint{};

    collect_rows(observed, big_k, o, ws);
    Model model = fit_flexible(ws, o.trend, o);
    if (!model.ok) continue;

    // Keep the trend only if significant, from >= 3 years, and not extrapolating.
    bool do_trend = false;
    if (model.has_trend) {
      prediction_row(ws, true, factors, k, o.no_periods);
      double eta = 0;
      for (std::size_t j = 0; j < ws.x0.size(); ++j) eta += ws.x0[j] * ws.fit.coef[j];
      const double se = std::sqrt(ws.fit.coef_unscaled_variance(1) * model.inference_dispersion);
      const double p_value = pt_two_sided(ws.fit.coef[1] / se, ws.fit.df_residual);
      const double max_y = *std::max_element(ws.y.begin(), ws.y.end());
      do_trend = o.b >= 3 && p_value < o.p_threshold_trend && link_inverse(eta) <= max_y;
      if (do_trend) {
        point.trend_coef = ws.fit.coef[1];
      } else {
        model = fit_flexible(ws, false, o);
        if (!model.ok) continue;
      }
    }
    point.fitted = true;
    point.trend = do_trend;
    point.phi = model.phi;

    prediction_row(ws, model.has_trend, factors, k, o.no_periods);
    double eta = 0;
    for (std::size_t j = 0; j < ws.x0.size(); ++j) eta += ws.x0[j] * ws.fit.coef[j];
    const double eta_se = std::sqrt(ws.fit.unscaled_variance(ws.x0) * model.inference_dispersion);

    Threshold t;
    double expected;
    if (o.threshold == FarringtonThreshold::kDelta) {
      const double pred = link_inverse(eta);
      t = delta_threshold(pred, eta_se * link_inverse(eta), model.phi, y, o);
      expected = pred;
    } else {
      t = noufaily_threshold(eta, eta_se, model.phi, y, o);
      expected = std::exp(eta);
      point.mu0 = t.mu0;
    }
    point.score = t.score;
    point.pvalue = t.prob;

    // limit54: no threshold (and no alarm) unless enough cases recently.
    double recent = 0;
    for (std::size_t t0 = big_k - static_cast<std::size_t>(o.limit54_period) + 1; t0 <= big_k;
         ++t0) {
      recent += observed[t0 - 1];
    }
    const bool enough = recent >= o.limit54_cases;
    if (enough) {
      point.upperbound = t.upper;
      if (!std::isnan(t.upper)) point.expected = expected;
      point.alarm = t.score > 1.0 && y != 0.0;
    }
  }
}

std::vector<FarringtonPoint> farrington_flexible(std::span<const double> observed,
                                                 std::size_t begin,
                                                 const FarringtonOptions& options) {
  std::vector<FarringtonPoint> out(begin <= observed.size() ? observed.size() - begin : 0);
  farrington_flexible(observed, begin, options, out);
  return out;
}

}  // namespace vaksam::risk
