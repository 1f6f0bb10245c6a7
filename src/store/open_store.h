// Opens the store a location names: a postgresql:// or postgres:// URI is a
// PostgreSQL database, anything else an SQLite file. Callers that take a location
// from the user (the CLI's --db, the server) open through this, not a backend.
#pragma once

#include <memory>
#include <string>

#include "store/postgres_store.h"
#include "store/sqlite_store.h"

namespace vaksam::store {

std::unique_ptr<Store> open_store(const std::string& location, OpenMode mode);

}  // namespace vaksam::store
