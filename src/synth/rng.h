// A small, fully specified random generator (xoshiro256**, seeded by splitmix64)
// with its own distributions, so the same seed gives byte-identical data with any
// compiler or standard library (std:: distributions are implementation-defined).
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <string_view>

namespace vaksam::synth {

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& s : state_) s = splitmix64(seed);
  }

  // An independent stream for a named part of the data (e.g. "units", or a unit id),
  // so adding draws in one part does not shift the numbers of another.
  Rng fork(std::string_view label) const {
    uint64_t h = state_[0] ^ 0x9E3779B97F4A7C15ULL;
    for (unsigned char c : label) h = (h ^ c) * 0x100000001B3ULL;
    return Rng(h);
  }
  Rng fork(uint64_t index) const { return Rng(state_[1] ^ splitmix_mix(index + 0x632BE59BD9B4E019ULL)); }

  uint64_t next() {
    const uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform integer in [0, n); n > 0. Lemire's method without the rare rejection bias fix
  // is not used: this rejects, so every value is equally likely.
  uint64_t below(uint64_t n) {
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do x = next(); while (x >= limit);
    return x % n;
  }
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<uint64_t>(hi - lo + 1))); }
  bool chance(double p) { return uniform() < p; }
  template <typename T>
  const T& pick(std::span<const T> items) { return items[below(items.size())]; }
  template <typename T, size_t N>
  const T& pick(const T (&items)[N]) { return items[below(N)]; }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t splitmix_mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  static uint64_t splitmix64(uint64_t& x) { return splitmix_mix(x += 0x9E3779B97F4A7C15ULL); }

  uint64_t state_[4];
};

}  // namespace vaksam::synth
