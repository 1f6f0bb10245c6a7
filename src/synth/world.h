// The synthetic world: principals and units placed on the real geography, each
// unit with a hidden true risk, and the problems planted in some of them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "synth/rng.h"

namespace vaksam::synth {

struct Principal {
  std::string id;    // K0180, R01, SIS, P0001
  std::string type;  // municipality, region, state, company
  std::string name;
  std::string org_number;
  std::string kommunkod;    // municipalities
  std::string region_code;  // regions
};

// A problem planted in a unit at a known month, listed in the ground truth.
struct PlantedProblem {
  enum class Kind { incidents, handling };
  enum class Shape { step, ramp };  // ramp: reaches the factor over 12 months
  Kind kind = Kind::incidents;
  Shape shape = Shape::step;
  int onset_month = 0;  // months since the first month of the data
  double factor = 1.0;
  std::string scope;    // "unit" or "principal" (planted in every unit of the principal)
};

struct Unit {
  std::string id;
  std::string name;
  std::string type;  // a unit_types code
  size_t principal = 0;  // index into World::principals
  std::string kommunkod;
  std::string region_code;
  int capacity = 0;        // 0 when the type has none
  double exposure = 1.0;   // relative size for case volumes (capacity or population served)
  double frailty = 1.0;    // hidden baseline risk, gamma with mean 1 (overdispersion)
  bool has_problem = false;
  PlantedProblem problem;

  // The unit's risk multiplier in a month: frailty times the planted problem, if any.
  double risk(int month) const;
  // The planted multiplier alone (1 before onset).
  double planted_multiplier(int month) const;
};

struct WorldOptions {
  int months = 60;
  int planted_units = 40;       // incident problems in single units
  int planted_principals = 6;   // incident problems across a principal's units
  int planted_handling = 20;    // handling problems (risk assessment, children, non-execution)
};

struct World {
  std::vector<Principal> principals;
  std::vector<Unit> units;

  static World build(Rng rng, const WorldOptions& options);
};

// Unit types that take part in social services and in health care.
bool is_health_care(const std::string& unit_type);

}  // namespace vaksam::synth
