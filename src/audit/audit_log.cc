#include "audit/audit_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "common/date.h"
#include "common/error.h"

namespace vaksam::audit {

namespace {

Entry to_entry(const store::AuditRecord& r) {
  return {r.seq, r.at, r.actor, r.action, r.object_type, r.object_id, r.origin, r.details, r.prev_mac, r.mac};
}

}  // namespace

std::string cli_origin() {
  char host[256] = "localhost";
  gethostname(host, sizeof host - 1);
  return std::string("cli@") + host;
}

AuditLog::AuditLog(store::Store& store, privacy::Key key, std::string anchor_path)
    : store_(store), key_(key), anchor_path_(std::move(anchor_path)) {}

void AuditLog::record(const Actor& actor, const std::string& action, const std::string& object_type,
                      const std::string& object_id, const std::string& details) {
  const auto last = store_.last_audit();
  Entry e{last ? last->seq + 1 : 1, utc_timestamp(), actor.name, action, object_type, object_id, actor.origin, details,
          last ? last->mac : "", ""};
  e.mac = entry_mac(e, e.prev_mac, key_);
  store_.append_audit({e.seq, e.at, e.actor, e.action, e.object_type, e.object_id, e.origin, e.details, e.prev_mac,
                       e.mac});
  pending_ = Anchor{e.seq, e.mac};
}

void AuditLog::publish() {
  if (!pending_) return;
  // Written beside and renamed over, so the anchor is never half a line. Not synced:
  // it is written after the commit it names is on disk, so if a crash loses it, it
  // lags the trail (which verify() accepts) and can never be ahead of it.
  const std::string tmp = anchor_path_ + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw Error({anchor_path_, 0, ""}, std::string("cannot write the audit anchor: ") + std::strerror(errno));
  const std::string line = std::to_string(pending_->seq) + " " + pending_->mac + "\n";
  const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ::close(fd);
  if (!ok || std::rename(tmp.c_str(), anchor_path_.c_str()) != 0)
    throw Error({anchor_path_, 0, ""}, "cannot write the audit anchor");
  pending_.reset();
}

void AuditLog::record_access(const Actor& actor, const std::string& action, const std::string& object_type,
                             const std::string& object_id, const std::string& details) {
  store::Transaction tx(store_);
  record(actor, action, object_type, object_id, details);
  tx.commit();
  publish();
}

std::optional<Anchor> AuditLog::read_anchor() const {
  std::ifstream in(anchor_path_);
  Anchor a;
  if (!(in >> a.seq >> a.mac)) return std::nullopt;
  return a;
}

ChainCheck AuditLog::verify() {
  std::vector<Entry> entries;
  store_.for_each_audit([&](const store::AuditRecord& r) { entries.push_back(to_entry(r)); });
  return audit::verify(entries, key_, read_anchor());
}

}  // namespace vaksam::audit
