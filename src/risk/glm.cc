#include "risk/glm.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>

namespace vaksam::risk {

namespace {

constexpr double kQrTolerance = 1e-11;  // glm.fit passes min(1e-7, epsilon / 1000)

double link_inverse(double eta) { return std::max(std::exp(eta), DBL_EPSILON); }

// Poisson deviance, summed in long double like R's sum().
double poisson_deviance(std::span<const double> y, std::span<const double> mu,
                        std::span<const double> pw) {
  long double total = 0.0L;
  for (std::size_t i = 0; i < y.size(); ++i) {
    const double wi = pw.empty() ? 1.0 : pw[i];
    const double r =
        y[i] > 0.0 ? wi * (y[i] * std::log(y[i] / mu[i]) - (y[i] - mu[i])) : mu[i] * wi;
    total += 2.0 * r;
  }
  return static_cast<double>(total);
}

void linear_predictor(const Design& d, std::span<const double> beta, std::span<double> eta) {
  std::fill(eta.begin(), eta.end(), 0.0);
  for (std::size_t j = 0; j < d.cols; ++j) {
    const double b = beta[j];
    if (b == 0.0) continue;
    const double* col = &d.x[j * d.rows];
    for (std::size_t i = 0; i < d.rows; ++i) eta[i] += col[i] * b;
  }
}

double column_norm(const double* col, std::size_t from, std::size_t to) {
  double scale = 0.0;
  for (std::size_t i = from; i < to; ++i) scale = std::max(scale, std::fabs(col[i]));
  if (scale == 0.0) return 0.0;
  double s = 0.0;
  for (std::size_t i = from; i < to; ++i) {
    const double v = col[i] / scale;
    s += v * v;
  }
  return scale * std::sqrt(s);
}

// Householder QR of the n x p matrix `a` (column-major, in place) with the limited
// pivoting of R's dqrdc2: a column whose remaining norm drops below tol times its
// original norm is moved to the end. The reflections are applied to b as well.
// Returns the rank; perm[j] is the original column now at position j.
std::size_t householder_qr(std::vector<double>& a, std::size_t n, std::size_t p,
                           std::vector<double>& b, std::vector<std::size_t>& perm,
                           std::vector<double>& scratch_norms) {
  perm.resize(p);
  scratch_norms.resize(p);
  for (std::size_t j = 0; j < p; ++j) {
    perm[j] = j;
    const double norm = column_norm(&a[j * n], 0, n);
    scratch_norms[j] = norm == 0.0 ? 1.0 : norm;
  }
  std::size_t k = p;
  const std::size_t lup = std::min(n, p);
  for (std::size_t l = 0; l < lup && l < k; ++l) {
    // Move negligible columns to the end, as dqrdc2 does.
    while (l < k && column_norm(&a[l * n], l, n) < scratch_norms[l] * kQrTolerance) {
      std::rotate(a.begin() + static_cast<std::ptrdiff_t>(l * n),
                  a.begin() + static_cast<std::ptrdiff_t>((l + 1) * n),
                  a.begin() + static_cast<std::ptrdiff_t>(p * n));
      std::rotate(perm.begin() + static_cast<std::ptrdiff_t>(l),
                  perm.begin() + static_cast<std::ptrdiff_t>(l + 1), perm.end());
      std::rotate(scratch_norms.begin() + static_cast<std::ptrdiff_t>(l),
                  scratch_norms.begin() + static_cast<std::ptrdiff_t>(l + 1), scratch_norms.end());
      --k;
    }
    if (l >= k) break;
    if (l + 1 == n) continue;  // last row: nothing to reflect
    double* xl = &a[l * n];
    double nrmxl = column_norm(xl, l, n);
    if (nrmxl == 0.0) continue;
    if (xl[l] != 0.0) nrmxl = std::copysign(nrmxl, xl[l]);
    for (std::size_t i = l; i < n; ++i) xl[i] /= nrmxl;
    xl[l] += 1.0;
    auto reflect = [&](double* col) {
      double dot = 0.0;
      for (std::size_t i = l; i < n; ++i) dot += xl[i] * col[i];
      const double t = -dot / xl[l];
      for (std::size_t i = l; i < n; ++i) col[i] += t * xl[i];
    };
    for (std::size_t j = l + 1; j < p; ++j) reflect(&a[j * n]);
    reflect(b.data());
    xl[l] = -nrmxl;  // diagonal of R
  }
  return std::min(k, n);
}

// Solves R' v = x (R upper triangular rank x rank, column-major) in place.
void solve_r_transpose(const std::vector<double>& r, std::size_t rank, double* v) {
  for (std::size_t i = 0; i < rank; ++i) {
    double s = v[i];
    for (std::size_t m = 0; m < i; ++m) s -= r[i * rank + m] * v[m];
    v[i] = s / r[i * rank + i];
  }
}

}  // namespace

double GlmFit::unscaled_variance(std::span<const double> x0) const {
  double small[32];  // ranks here are small; avoid a heap allocation per call
  std::vector<double> large;
  double* v = small;
  if (rank > 32) {
    large.resize(rank);
    v = large.data();
  }
  for (std::size_t j = 0; j < rank; ++j) v[j] = x0[pivot[j]];
  solve_r_transpose(r, rank, v);
  double s = 0.0;
  for (std::size_t j = 0; j < rank; ++j) s += v[j] * v[j];
  return s;
}

double GlmFit::coef_unscaled_variance(std::size_t j) const {
  if (j >= coef.size() || aliased[j]) return std::numeric_limits<double>::quiet_NaN();
  // (R'R)^-1 at j's pivoted position q is |R^-T e_q|^2; e_q is zero before q.
  const std::size_t q =
      static_cast<std::size_t>(std::find(pivot.begin(), pivot.end(), j) - pivot.begin());
  double small[32];
  std::vector<double> large;
  double* v = small;
  if (rank > 32) {
    large.resize(rank);
    v = large.data();
  }
  std::fill(v, v + rank, 0.0);
  v[q] = 1.0;
  solve_r_transpose(r, rank, v);
  double s = 0.0;
  for (std::size_t i = 0; i < rank; ++i) s += v[i] * v[i];
  return s;
}

void fit_poisson_glm(const Design& design, std::span<const double> y,
                     std::span<const double> prior_weights, const GlmOptions& options,
                     GlmWorkspace& work, GlmFit& fit) {
  const std::size_t n = design.rows;
  const std::size_t p = design.cols;
  auto pw = [&](std::size_t i) { return prior_weights.empty() ? 1.0 : prior_weights[i]; };

  fit.converged = false;
  fit.iterations = 0;
  fit.coef.assign(p, 0.0);
  fit.aliased.assign(p, 0);
  fit.mu.resize(n);
  fit.eta.resize(n);
  fit.working_weights.assign(n, 0.0);
  work.z.resize(n);
  work.w.resize(n);
  work.start.assign(p, 0.0);
  work.coef_old.clear();  // empty = no previous valid step

  for (std::size_t i = 0; i < n; ++i) {
    fit.eta[i] = std::log(y[i] + 0.1);  // poisson()$initialize: mustart <- y + 0.1
    fit.mu[i] = link_inverse(fit.eta[i]);
  }
  double dev_old = poisson_deviance(y, fit.mu, prior_weights);
  double dev = dev_old;
  std::size_t rank = 0;

  for (int iter = 1; iter <= options.max_iterations; ++iter) {
    fit.iterations = iter;
    work.qr.resize(n * p);
    work.qty.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double mu_eta = link_inverse(fit.eta[i]);
      work.z[i] = fit.eta[i] + (y[i] - fit.mu[i]) / mu_eta;
      const double wi = pw(i);
      work.w[i] = wi > 0.0 ? std::sqrt(wi * mu_eta * mu_eta / fit.mu[i]) : 0.0;
      work.qty[i] = work.z[i] * work.w[i];
    }
    for (std::size_t j = 0; j < p; ++j) {
      for (std::size_t i = 0; i < n; ++i) work.qr[j * n + i] = design.x[j * n + i] * work.w[i];
    }
    rank = householder_qr(work.qr, n, p, work.qty, work.perm, work.norms);

    // Back-substitution R b = (Q'z)[0:rank]; aliased coefficients stay 0 like Cdqrls.
    std::fill(work.start.begin(), work.start.end(), 0.0);
    std::vector<double>& b = work.solution;
    b.assign(rank, 0.0);
    for (std::size_t jj = rank; jj-- > 0;) {
      double s = work.qty[jj];
      for (std::size_t m = jj + 1; m < rank; ++m) s -= work.qr[m * n + jj] * b[m];
      b[jj] = s / work.qr[jj * n + jj];
    }
    bool finite = true;
    for (std::size_t jj = 0; jj < rank; ++jj) {
      work.start[work.perm[jj]] = b[jj];
      finite = finite && std::isfinite(b[jj]);
    }
    // Keep the R factor and weights of this step: R's glm object pairs them with the final mu.
    fit.r.assign(rank * rank, 0.0);
    for (std::size_t j = 0; j < rank; ++j) {
      for (std::size_t i = 0; i <= j; ++i) fit.r[j * rank + i] = work.qr[j * n + i];
    }
    fit.pivot.assign(work.perm.begin(), work.perm.begin() + static_cast<std::ptrdiff_t>(rank));
    for (std::size_t i = 0; i < n; ++i) fit.working_weights[i] = work.w[i] * work.w[i];
    if (!finite) break;  // R: "non-finite coefficients", not converged

    linear_predictor(design, work.start, fit.eta);
    for (std::size_t i = 0; i < n; ++i) fit.mu[i] = link_inverse(fit.eta[i]);
    dev = poisson_deviance(y, fit.mu, prior_weights);

    // Step halving when the step diverged (R's inner loops 1 and 2).
    auto valid_mu = [&] {
      for (double m : fit.mu) {
        if (!std::isfinite(m) || m <= 0.0) return false;
      }
      return true;
    };
    if (!std::isfinite(dev) || !valid_mu()) {
      if (work.coef_old.empty()) return;  // R stops: no valid set of coefficients
      int halvings = 0;
      while (!std::isfinite(dev) || !valid_mu()) {
        if (++halvings > options.max_iterations) return;
        for (std::size_t j = 0; j < p; ++j) {
          work.start[j] = (work.start[j] + work.coef_old[j]) / 2.0;
        }
        linear_predictor(design, work.start, fit.eta);
        for (std::size_t i = 0; i < n; ++i) fit.mu[i] = link_inverse(fit.eta[i]);
        dev = poisson_deviance(y, fit.mu, prior_weights);
      }
    }
    if (std::fabs(dev - dev_old) / (std::fabs(dev) + 0.1) < options.epsilon) {
      fit.converged = true;
      break;
    }
    dev_old = dev;
    work.coef_old = work.start;
  }

  fit.rank = rank;
  fit.coef = work.start;
  for (std::size_t j = 0; j < p; ++j) fit.aliased[j] = 1;
  for (std::size_t j = 0; j < rank; ++j) fit.aliased[fit.pivot[j]] = 0;
  for (std::size_t j = 0; j < p; ++j) {
    if (fit.aliased[j]) fit.coef[j] = 0.0;
  }
  fit.deviance = dev;
  std::size_t n_ok = 0;
  long double pearson = 0.0L;
  for (std::size_t i = 0; i < n; ++i) {
    if (pw(i) != 0.0) ++n_ok;
    if (fit.working_weights[i] > 0.0) {
      const double res = (y[i] - fit.mu[i]) / link_inverse(fit.eta[i]);  // working residual
      pearson += fit.working_weights[i] * res * res;
    }
  }
  fit.df_residual = static_cast<double>(n_ok) - static_cast<double>(rank);
  fit.dispersion = fit.df_residual > 0.0 ? static_cast<double>(pearson) / fit.df_residual
                                         : std::numeric_limits<double>::quiet_NaN();
}

void glm_hat_values(const GlmFit& fit, const Design& design, std::span<double> hat) {
  double small[32];
  std::vector<double> large;
  std::span<double> row(small, std::min<std::size_t>(design.cols, 32));
  if (design.cols > 32) {
    large.resize(design.cols);
    row = large;
  }
  for (std::size_t i = 0; i < design.rows; ++i) {
    for (std::size_t j = 0; j < design.cols; ++j) row[j] = design.at(i, j);
    double h = fit.working_weights[i] * fit.unscaled_variance(row);
    if (h > 1.0 - 10.0 * DBL_EPSILON) h = 1.0;  // lm.influence forces these to 1
    hat[i] = h;
  }
}

}  // namespace vaksam::risk
