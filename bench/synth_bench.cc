// Synthetic data generation speed: cases/s and peak memory, at the national
// volume for 5 years (scale 1) and at 10 million cases. Prints its figures.
//   synth_bench [workdir=/tmp] [big_cases=10000000]
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "synth/generator.h"

namespace {

double peak_rss_mb() {
  rusage r{};
  getrusage(RUSAGE_SELF, &r);
  return r.ru_maxrss / 1024.0;
}

double dir_mb(const std::string& dir) {
  double bytes = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) bytes += static_cast<double>(e.file_size());
  return bytes / 1e6;
}

void run(const std::string& label, double scale, const std::string& dir) {
  vaksam::synth::SynthOptions o;
  o.seed = 1;
  o.years = 5;
  o.end_year = 2025;
  o.scale = scale;
  o.out_dir = dir;
  const auto start = std::chrono::steady_clock::now();
  const auto s = vaksam::synth::generate(o);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%-10s scale %7.2f: %10lld cases in %6.2f s = %8.0f cases/s, %7.0f MB written, peak RSS %5.0f MB\n",
              label.c_str(), scale, static_cast<long long>(s.cases), seconds, s.cases / seconds, dir_mb(dir),
              peak_rss_mb());
  std::filesystem::remove_all(dir);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string base = argc > 1 ? argv[1] : "/tmp";
  const double big = argc > 2 ? std::atof(argv[2]) : 1e7;
  const std::string dir = base + "/vaksam-synth-bench-" + std::to_string(getpid());
  run("national", 1.0, dir);
  // Scale 1 gives about 146,000 cases over 5 years.
  run("10M", big / 146000.0, dir);
  return 0;
}
