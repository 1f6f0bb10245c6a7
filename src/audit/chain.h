// The audit trail's hash chain: each entry carries an HMAC over its own fields
// and the previous entry's MAC, so altering, removing or reordering an entry
// breaks the chain at that point, and nobody without the key can mend it.
// Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "privacy/keys.h"

namespace vaksam::audit {

struct Entry {
  int64_t seq = 0;          // 1, 2, 3, ... without gaps
  std::string at;           // ISO 8601 UTC
  std::string actor;        // who
  std::string action;       // what, e.g. read_case_text, import, purge
  std::string object_type;  // e.g. case, batch, audit_trail
  std::string object_id;
  std::string origin;       // from where: cli@host, or the client's address
  std::string details;
  std::string prev_mac;     // hex; empty for the first entry
  std::string mac;          // hex
};

// The MAC of an entry given the previous entry's MAC (hex, lowercase).
std::string entry_mac(const Entry& entry, const std::string& prev_mac, const privacy::Key& key);

// The last entry the chain is known to have had, kept outside the database.
struct Anchor {
  int64_t seq = 0;
  std::string mac;
};

struct ChainCheck {
  bool ok = true;
  int64_t entries = 0;
  std::optional<int64_t> first_bad_seq;  // the first entry that does not verify
  std::string problem;                   // what is wrong there, in words
};

// Checks `entries` (in stored order) and, when given, that the chain reaches the anchor.
ChainCheck verify(std::span<const Entry> entries, const privacy::Key& key, const std::optional<Anchor>& anchor);

}  // namespace vaksam::audit
