#include "server/redacted_evidence.h"

namespace vaksam::server {

namespace {

// Where byte `p` of the original lands; inside a redaction, at the placeholder's
// start (for a span's begin) or end (for its end).
size_t map_point(const std::vector<privacy::Redaction>& redactions, size_t p, bool is_end) {
  long long delta = 0;
  for (const auto& r : redactions) {
    const long long placeholder = static_cast<long long>(privacy::placeholder(r.type).size());
    if (r.end <= p) {
      delta += placeholder - static_cast<long long>(r.end - r.begin);
      continue;
    }
    if (r.begin < p)  // p falls inside this redaction
      return static_cast<size_t>(static_cast<long long>(r.begin) + delta + (is_end ? placeholder : 0));
    break;
  }
  return static_cast<size_t>(static_cast<long long>(p) + delta);
}

}  // namespace

ByteSpan map_to_redacted(const std::vector<privacy::Redaction>& redactions, ByteSpan original) {
  return {map_point(redactions, original.begin, false), map_point(redactions, original.end, true)};
}

}  // namespace vaksam::server
