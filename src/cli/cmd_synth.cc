#include <chrono>
#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/progress_bar.h"
#include "synth/generator.h"

namespace vaksam::cli {

int run_synth(const SynthArgs& args) {
  synth::SynthOptions options;
  options.seed = args.seed;
  options.years = args.years;
  options.end_year = args.end_year;
  options.scale = args.scale;
  options.out_dir = args.out;
  options.planted_units = args.planted_units;
  ProgressBar bar("synth");
  options.progress = [&bar](double share) { bar.update(static_cast<uint64_t>(share * 1000), 1000); };
  const auto start = std::chrono::steady_clock::now();
  const auto s = synth::generate(options);
  bar.finish();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("wrote %s: %lld principals, %lld units, %lld cases (%d-%d), %lld inspections, %lld deficiencies, "
              "%lld indicator values in %.1f s\n",
              args.out.c_str(), static_cast<long long>(s.principals), static_cast<long long>(s.units),
              static_cast<long long>(s.cases), s.first_year, s.last_year, static_cast<long long>(s.inspections),
              static_cast<long long>(s.deficiencies), static_cast<long long>(s.indicator_values), seconds);
  std::printf("ground truth (never imported) in %s/truth\n", args.out.c_str());
  return kOk;
}

}  // namespace vaksam::cli
