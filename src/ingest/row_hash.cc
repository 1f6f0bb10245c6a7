#include "ingest/row_hash.h"

#include <sodium.h>

#include <cstring>

namespace vaksam::ingest {

std::string row_hash(std::span<const model::Value> values) {
  crypto_generichash_state state;
  constexpr size_t kBytes = 16;
  crypto_generichash_init(&state, nullptr, 0, kBytes);
  auto feed = [&](const void* p, size_t n) {
    crypto_generichash_update(&state, static_cast<const unsigned char*>(p), n);
  };
  for (const auto& v : values) {
    const unsigned char tag = static_cast<unsigned char>(v.index());
    feed(&tag, 1);
    if (const auto* s = std::get_if<std::string>(&v)) {
      const uint64_t n = s->size();
      feed(&n, sizeof n);
      feed(s->data(), s->size());
    } else if (const auto* i = std::get_if<int64_t>(&v)) {
      feed(i, sizeof *i);
    } else if (const auto* d = std::get_if<double>(&v)) {
      feed(d, sizeof *d);
    }
  }
  std::string out(kBytes, '\0');
  crypto_generichash_final(&state, reinterpret_cast<unsigned char*>(out.data()), kBytes);
  return out;
}

}  // namespace vaksam::ingest
