#include "stats/least_squares.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace vaksam::stats {

LeastSquaresFit weighted_least_squares(const std::vector<std::vector<double>>& columns,
                                       const std::vector<double>& z,
                                       const std::vector<double>& w) {
  const size_t p = columns.size();
  const size_t n = z.size();
  if (p == 0 || n < p || w.size() != n) throw std::invalid_argument("least squares: bad shape");
  // a = diag(w) X, column by column; b = diag(w) z.
  std::vector<std::vector<double>> a(p, std::vector<double>(n));
  std::vector<double> b(n);
  for (size_t j = 0; j < p; ++j) {
    if (columns[j].size() != n) throw std::invalid_argument("least squares: ragged columns");
    for (size_t i = 0; i < n; ++i) a[j][i] = w[i] * columns[j][i];
  }
  for (size_t i = 0; i < n; ++i) b[i] = w[i] * z[i];

  std::vector<double> column_norm(p);
  for (size_t j = 0; j < p; ++j) {
    double s = 0;
    for (double v : a[j]) s += v * v;
    column_norm[j] = std::sqrt(s);
  }
  // Householder: for column k, reflect a[k][k..n) onto a multiple of e_k.
  for (size_t k = 0; k < p; ++k) {
    double norm = 0;
    for (size_t i = k; i < n; ++i) norm += a[k][i] * a[k][i];
    norm = std::sqrt(norm);
    // R's dqrdc2 treats a column whose remaining norm is tiny relative to its own as dependent.
    if (!(norm > 1e-7 * column_norm[k])) {
      throw std::invalid_argument("least squares: the design matrix is rank deficient");
    }
    const double alpha = a[k][k] > 0 ? -norm : norm;
    std::vector<double> v(n - k);
    for (size_t i = k; i < n; ++i) v[i - k] = a[k][i];
    v[0] -= alpha;
    double vv = 0;
    for (double e : v) vv += e * e;
    const auto reflect = [&](std::vector<double>& col) {
      double dot = 0;
      for (size_t i = k; i < n; ++i) dot += v[i - k] * col[i];
      const double f = 2 * dot / vv;
      for (size_t i = k; i < n; ++i) col[i] -= f * v[i - k];
    };
    if (vv > 0) {
      for (size_t j = k + 1; j < p; ++j) reflect(a[j]);
      reflect(b);
    }
    a[k][k] = alpha;  // R(k, k); R(k, j) for j > k is a[j][k]
  }
  LeastSquaresFit fit;
  fit.coefficients.assign(p, 0);
  for (size_t k = p; k-- > 0;) {  // back substitution R beta = Q'b
    double s = b[k];
    for (size_t j = k + 1; j < p; ++j) s -= a[j][k] * fit.coefficients[j];
    fit.coefficients[k] = s / a[k][k];
  }
  // (X'WX)^-1 = R^-1 R^-T; first invert the upper-triangular R.
  std::vector<double> rinv(p * p, 0);  // row by row
  for (size_t j = 0; j < p; ++j) {
    rinv[j * p + j] = 1 / a[j][j];
    for (size_t i = j; i-- > 0;) {
      double s = 0;
      for (size_t m = i + 1; m <= j; ++m) s += a[m][i] * rinv[m * p + j];
      rinv[i * p + j] = -s / a[i][i];
    }
  }
  fit.cov_unscaled.assign(p * p, 0);
  for (size_t i = 0; i < p; ++i) {
    for (size_t j = 0; j < p; ++j) {
      double s = 0;
      for (size_t m = std::max(i, j); m < p; ++m) s += rinv[i * p + m] * rinv[j * p + m];
      fit.cov_unscaled[i * p + j] = s;
    }
  }
  return fit;
}

}  // namespace vaksam::stats
