#include "audit/chain.h"

#include <sodium.h>

namespace vaksam::audit {

std::string entry_mac(const Entry& e, const std::string& prev_mac, const privacy::Key& key) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key.data(), key.size());
  auto feed = [&](const std::string& field) {  // length-prefixed, so fields cannot run into each other
    const uint64_t n = field.size();
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(&n), sizeof n);
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(field.data()), field.size());
  };
  feed(std::to_string(e.seq));
  for (const std::string* f : {&e.at, &e.actor, &e.action, &e.object_type, &e.object_id, &e.origin, &e.details})
    feed(*f);
  feed(prev_mac);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

ChainCheck verify(std::span<const Entry> entries, const privacy::Key& key, const std::optional<Anchor>& anchor) {
  ChainCheck check;
  check.entries = static_cast<int64_t>(entries.size());
  auto fail = [&](int64_t seq, std::string why) {
    check.ok = false;
    check.first_bad_seq = seq;
    check.problem = std::move(why);
    return check;
  };
  std::string prev;
  int64_t expected_seq = 1;
  for (const Entry& e : entries) {
    if (entry_mac(e, e.prev_mac, key) != e.mac)
      return fail(e.seq, "entry " + std::to_string(e.seq) + " was altered: its contents do not match its MAC");
    if (e.seq != expected_seq || e.prev_mac != prev) {
      if (e.seq > expected_seq)
        return fail(e.seq, "entries " + std::to_string(expected_seq) + " to " + std::to_string(e.seq - 1) +
                               " were removed before entry " + std::to_string(e.seq));
      return fail(e.seq, "entry " + std::to_string(e.seq) + " is out of order: it does not follow entry " +
                             std::to_string(expected_seq - 1));
    }
    prev = e.mac;
    ++expected_seq;
  }
  if (anchor) {
    const int64_t last = expected_seq - 1;
    if (anchor->seq > last)
      return fail(last + 1, "the trail was truncated: it ends at entry " + std::to_string(last) +
                                " but entry " + std::to_string(anchor->seq) + " was written");
    if (anchor->seq > 0 && entries[static_cast<size_t>(anchor->seq - 1)].mac != anchor->mac)
      return fail(anchor->seq, "entry " + std::to_string(anchor->seq) + " differs from the one recorded outside the database");
  }
  return check;
}

}  // namespace vaksam::audit
