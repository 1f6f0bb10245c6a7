#include "ingest/row_hash.h"

#include <xxhash.h>

namespace vaksam::ingest {

// Change detection needs no secrecy, only a negligible chance that two different
// records collide: XXH3-128 gives that at memory speed.
std::string row_hash(std::span<const model::Value> values) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  for (const auto& v : values) {
    const unsigned char tag = static_cast<unsigned char>(v.index());
    XXH3_128bits_update(state, &tag, 1);
    if (const auto* s = std::get_if<std::string>(&v)) {
      const uint64_t n = s->size();
      XXH3_128bits_update(state, &n, sizeof n);
      XXH3_128bits_update(state, s->data(), s->size());
    } else if (const auto* i = std::get_if<int64_t>(&v)) {
      XXH3_128bits_update(state, i, sizeof *i);
    } else if (const auto* d = std::get_if<double>(&v)) {
      XXH3_128bits_update(state, d, sizeof *d);
    }
  }
  XXH128_canonical_t digest;
  XXH128_canonicalFromHash(&digest, XXH3_128bits_digest(state));
  XXH3_freeState(state);
  return std::string(reinterpret_cast<const char*>(digest.digest), sizeof digest.digest);
}

}  // namespace vaksam::ingest
