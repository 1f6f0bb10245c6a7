#include "server/access.h"

namespace vaksam::server {

bool allows(Access access, const privacy::Permissions& p) {
  switch (access) {
    case Access::open:
    case Access::signed_in: return true;
    case Access::case_records: return p.case_records;
    case Access::case_write: return p.case_records && p.write;
    case Access::write: return p.write;
    case Access::risk: return p.risk_and_followup;
    case Access::audit_trail: return p.audit_trail;
    case Access::administer: return p.administer;
  }
  return false;
}

std::string_view access_name(Access access) {
  switch (access) {
    case Access::open: return "open";
    case Access::signed_in: return "signed_in";
    case Access::case_records: return "case_records";
    case Access::case_write: return "case_write";
    case Access::write: return "write";
    case Access::risk: return "risk";
    case Access::audit_trail: return "audit_trail";
    case Access::administer: return "administer";
  }
  return "administer";
}

}  // namespace vaksam::server
