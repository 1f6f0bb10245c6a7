#include "store/open_store.h"

namespace vaksam::store {

std::unique_ptr<Store> open_store(const std::string& location, OpenMode mode) {
  return is_postgres_location(location) ? open_postgres(location, mode) : open_sqlite(location, mode);
}

}  // namespace vaksam::store
