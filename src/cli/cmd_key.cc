#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/session.h"

namespace vaksam::cli {

// A new data key generation: every stored text is opened and sealed again with it,
// and the older keys are deleted, all in one transaction.
int run_key_rotate(const Workspace& ws) {
  Session session = Session::open(ws);
  auto& store = *session.store;
  const auto wrapped = store.wrapped_data_keys();
  const uint32_t next = wrapped.rbegin()->first + 1;
  store::Transaction tx(store, store::WriteKind::bulk);
  store.add_wrapped_data_key(next, privacy::wrap_key(privacy::random_key(), session.keys.wrapping, next));
  session.load_data_keys();  // old generations still open, the new one seals
  const uint64_t n = store.reseal_texts();
  store.remove_data_keys_before(next);
  session.audit->record(session.actor, "rotate_data_key", "data_key", std::to_string(next),
                        std::to_string(n) + " texts sealed again");
  tx.commit();
  session.audit->publish();
  std::printf("data key rotated to generation %u: %llu texts sealed again; older data keys deleted\n", next,
              static_cast<unsigned long long>(n));
  return kOk;
}

}  // namespace vaksam::cli
