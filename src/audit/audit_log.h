// Records and verifies the audit trail: who did what to which object, from
// where and when, for every access to personal data and every change.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/chain.h"
#include "store/store.h"

namespace vaksam::audit {

struct Actor {
  std::string name;    // the user
  std::string origin;  // where from: cli@host, or the client's address
};

class AuditLog {
 public:
  // `anchor_path`: a small file outside the database with the last entry's seq and MAC,
  // so that a trail cut short at its end is noticed too.
  AuditLog(store::Store& store, privacy::Key key, std::string anchor_path);

  // Appends an entry inside the caller's open transaction, so the record commits or
  // rolls back with the change it describes. Call publish() after the commit.
  void record(const Actor& actor, const std::string& action, const std::string& object_type,
              const std::string& object_id, const std::string& details = "");
  // Writes the anchor for what has been committed.
  void publish();

  // record() in a transaction of its own, then publish(): for reads of personal data.
  void record_access(const Actor& actor, const std::string& action, const std::string& object_type,
                     const std::string& object_id, const std::string& details = "");

  ChainCheck verify();
  std::optional<Anchor> read_anchor() const;

 private:
  store::Store& store_;
  privacy::Key key_;
  std::string anchor_path_;
  std::optional<Anchor> pending_;
};

// "user@host" style origin for the command line.
std::string cli_origin();

}  // namespace vaksam::audit
