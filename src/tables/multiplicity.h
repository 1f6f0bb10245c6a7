// Adjusted p-values for a family of tests, so that a table of many comparisons
// does not read as many discoveries: Holm (1979), controlling the family-wise
// error rate, and Benjamini-Hochberg (1995), controlling the false discovery
// rate. As R's p.adjust(p, "holm") and p.adjust(p, "BH").
#pragma once

#include <vector>

namespace vaksam::tables {

// NaN entries are left out of the family and stay NaN.
std::vector<double> holm(const std::vector<double>& p);
std::vector<double> benjamini_hochberg(const std::vector<double>& p);

}  // namespace vaksam::tables
