// A two-way table of counts, stored row by row (row 1 = women, column 1 = "yes" for 2x2).
#pragma once

#include <cstddef>
#include <vector>

namespace vaksam::stats {

struct Table {
  int nrow = 0;
  int ncol = 0;
  std::vector<double> cells;  // nrow * ncol values, row by row

  double at(int i, int j) const { return cells[static_cast<size_t>(i) * ncol + j]; }
};

}  // namespace vaksam::stats
