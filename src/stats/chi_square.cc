#include "stats/chi_square.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "stats/distributions.h"

namespace vaksam::stats {

ChiSquareTest chisq_test(const Table& x, bool correct) {
  const int nr = x.nrow, nc = x.ncol;
  if (nr < 2 || nc < 2 || x.cells.size() != static_cast<size_t>(nr) * nc) {
    throw std::invalid_argument("chisq_test: need a table of at least 2 x 2");
  }
  std::vector<double> sr(nr, 0), sc(nc, 0);
  long double total = 0;
  for (int i = 0; i < nr; ++i) {
    for (int j = 0; j < nc; ++j) {
      const double o = x.at(i, j);
      if (!(o >= 0) || std::isinf(o)) throw std::invalid_argument("chisq_test: bad cell");
      sr[i] += o;
      sc[j] += o;
      total += o;
    }
  }
  const auto n = static_cast<double>(total);
  if (!(n > 0)) throw std::invalid_argument("chisq_test: the table is empty");

  ChiSquareTest r;
  const size_t cells = x.cells.size();
  r.expected.resize(cells);
  r.residuals.resize(cells);
  r.stdres.resize(cells);
  const double n3 = n * n * n;
  double min_abs_dev = INFINITY;
  for (int i = 0; i < nr; ++i) {
    for (int j = 0; j < nc; ++j) {
      const size_t k = static_cast<size_t>(i) * nc + j;
      const double e = sr[i] * sc[j] / n;
      const double v = sc[j] * sr[i] * (n - sr[i]) * (n - sc[j]) / n3;
      const double dev = x.cells[k] - e;
      r.expected[k] = e;
      r.residuals[k] = dev / std::sqrt(e);
      r.stdres[k] = dev / std::sqrt(v);
      min_abs_dev = std::min(min_abs_dev, std::abs(dev));
      if (e < 5) r.warn_approx = true;
    }
  }
  r.yates = correct && nr == 2 && nc == 2 ? std::min(0.5, min_abs_dev) : 0;
  long double sum = 0;  // R's sum() accumulates in long double
  for (int j = 0; j < nc; ++j) {  // column-major, R's storage order
    for (int i = 0; i < nr; ++i) {
      const size_t k = static_cast<size_t>(i) * nc + j;
      const double dev = std::abs(x.cells[k] - r.expected[k]) - r.yates;
      sum += dev * dev / r.expected[k];
    }
  }
  r.statistic = static_cast<double>(sum);
  r.df = static_cast<double>((nr - 1) * (nc - 1));
  r.p_value = pchisq(r.statistic, r.df, /*lower_tail=*/false);
  return r;
}

}  // namespace vaksam::stats
