// `vaksam synth`: writes a national synthetic dataset in the intake formats
// (docs/formats.md) and, beside it, the ground truth the import never reads.
// Deterministic: the same options give byte-identical files. Streamed: memory
// does not grow with the number of cases. The model is in docs/synthetic-data.md.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "synth/world.h"

namespace vaksam::synth {

struct SynthOptions {
  uint64_t seed = 1;
  int years = 5;
  int end_year = 0;    // the last year of data; 0 = the last full year before today
  double scale = 1.0;  // 1 = national volumes; 0.01 = a small test set
  std::string out_dir;
  int planted_units = 40, planted_principals = 6, planted_handling = 20;
  std::function<void(double share_done)> progress;
};

struct SynthSummary {
  int64_t principals = 0, units = 0, cases = 0, inspections = 0, deficiencies = 0, indicator_values = 0;
  int64_t seclusions = 0;  // cases of kind "seclusion", in seclusions.csv (not counted in `cases`)
  std::map<std::string, std::map<int, int64_t>> cases_by_kind_and_year;
  int first_year = 0, last_year = 0;
};

SynthSummary generate(const SynthOptions& options);

// Real national yearly volumes at scale 1 (data/reference/national_lan_facts.csv),
// and the assumptions for kinds the facts do not cover (docs/synthetic-data.md).
struct KindVolume {
  const char* kind;
  double per_year;
};
const std::map<std::string, double>& national_volumes();

}  // namespace vaksam::synth
