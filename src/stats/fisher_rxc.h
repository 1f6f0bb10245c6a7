// Fisher's exact test of an r x c table (p-value only), as R's fisher.test for tables other
// than 2x2, by a network algorithm in the manner of Mehta and Patel (1983).
#pragma once

#include <cstdint>

#include "stats/table.h"

namespace vaksam::stats {

// The probability, under independence and given both margins, of all tables no more likely
// than the observed one, with R's relative slack of 1e-7 for ties. Cells must be
// non-negative integers. Throws std::runtime_error when the network would need more than
// max_work steps (the default is a few seconds); R's FEXACT likewise refuses large tables.
double fisher_test_rxc(const Table& table, int64_t max_work = 100'000'000);

}  // namespace vaksam::stats
