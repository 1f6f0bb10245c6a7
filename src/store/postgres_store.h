// The PostgreSQL backend, for a multi-user deployment: the same Store, the same
// tables and the same semantics as SQLite, over libpq (see docs/postgresql.md).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "store/sqlite_store.h"  // OpenMode
#include "store/store.h"

namespace vaksam::store {

// Connects to the database named by `conninfo` (a libpq URI such as
// postgresql://user@host/dbname, or "host=... dbname=...") and applies pending
// migrations. `create` wants a database with no tables in its schema yet;
// `open_existing` wants one that `vaksam init` has set up.
std::unique_ptr<Store> open_postgres(const std::string& conninfo, OpenMode mode);

// True for a location that names a PostgreSQL database rather than an SQLite file:
// a postgresql:// or postgres:// URI.
bool is_postgres_location(std::string_view location);

// The location as it may be printed or logged: a password in it is replaced by ***.
std::string printable_location(const std::string& location);

}  // namespace vaksam::store
