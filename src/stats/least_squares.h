// Weighted linear least squares by Householder QR, the inner step of IRLS (as R's Cdqrls).
#pragma once

#include <vector>

namespace vaksam::stats {

struct LeastSquaresFit {
  std::vector<double> coefficients;  // p values
  std::vector<double> cov_unscaled;  // (X' W X)^-1, p x p, row by row
};

// Minimises sum_i (w_i * (z_i - x_i' b))^2, where `columns` holds the p columns of X (each of
// length n) and w are square roots of the weights. QR of diag(w) X avoids squaring the
// condition number as the normal equations would. Throws std::invalid_argument if X is
// (numerically) rank deficient.
LeastSquaresFit weighted_least_squares(const std::vector<std::vector<double>>& columns,
                                       const std::vector<double>& z,
                                       const std::vector<double>& w);

}  // namespace vaksam::stats
