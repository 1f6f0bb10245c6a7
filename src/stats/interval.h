// A two-sided confidence interval, the shape every interval in this module is returned in.
#pragma once

namespace vaksam::stats {

struct Interval {
  double lower = 0;
  double upper = 0;
};

}  // namespace vaksam::stats
