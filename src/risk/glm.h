// Poisson / quasi-Poisson regression with log link by iteratively reweighted least squares,
// written to follow R's glm.fit step by step (start mu = y + 0.1, Householder QR with
// limited pivoting, stop when |dev - dev_old| / (|dev| + 0.1) < 1e-8, at most 25 steps)
// so that coefficients, dispersion, hat values and standard errors match R's glm() to
// well below the 1e-6 the conformance vectors need.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace vaksam::risk {

// A dense design matrix, column-major: x[j * rows + i] is row i, column j.
struct Design {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<double> x;

  void reset(std::size_t r, std::size_t c) {
    rows = r;
    cols = c;
    x.assign(r * c, 0.0);
  }
  double& at(std::size_t i, std::size_t j) { return x[j * rows + i]; }
  double at(std::size_t i, std::size_t j) const { return x[j * rows + i]; }
};

struct GlmOptions {
  double epsilon = 1e-8;
  int max_iterations = 25;
};

struct GlmFit {
  bool converged = false;
  int iterations = 0;
  std::size_t rank = 0;
  std::vector<double> coef;   // per design column; 0 for aliased columns
  std::vector<char> aliased;  // 1 if the column was dropped as collinear
  std::vector<double> mu;     // fitted means
  std::vector<double> eta;    // linear predictor
  // R's fit$weights: the working weights of the last iteration (prior weight * mu of the
  // step before), which R pairs with the last QR rather than with the final mu.
  std::vector<double> working_weights;
  std::vector<double> r;           // rank x rank upper triangle of that QR, column-major
  std::vector<std::size_t> pivot;  // design column of each of the first `rank` R columns
  double deviance = 0.0;
  double df_residual = 0.0;
  double dispersion = 0.0;  // Pearson statistic / df_residual (R's summary.glm)

  // Unscaled variance of x0' beta: x0' (R'R)^-1 x0, with x0 a full design row.
  double unscaled_variance(std::span<const double> x0) const;
  // Unscaled variance of coefficient j (diagonal of R's cov.unscaled); NaN if aliased.
  double coef_unscaled_variance(std::size_t j) const;
};

// Scratch space reused across fits so that a caller running thousands of fits allocates
// only once.
struct GlmWorkspace {
  std::vector<double> qr, z, w, coef_old, start, qty, norms, solution;
  std::vector<std::size_t> perm;
};

// Fits y ~ X with family quasipoisson(log) (coefficients and fitted values are those of
// poisson(log)). prior_weights may be empty (all 1).
void fit_poisson_glm(const Design& design, std::span<const double> y,
                     std::span<const double> prior_weights, const GlmOptions& options,
                     GlmWorkspace& work, GlmFit& fit);

// Diagonal of the hat matrix of the final weighted least-squares step (R's hatvalues()).
void glm_hat_values(const GlmFit& fit, const Design& design, std::span<double> hat);

}  // namespace vaksam::risk
