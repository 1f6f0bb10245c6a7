// The embedded SQLite backend: WAL, foreign keys on, prepared statements.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace vaksam::store {

enum class OpenMode {
  create,         // create a new database; an error if the file exists
  open_existing,  // an error if the file does not exist
  // One more connection to a database this process has already opened with open_existing:
  // the integrity check (a full read of the file) is not repeated.
  another_connection,
};

// Opens the database at `path` and applies pending migrations.
std::unique_ptr<Store> open_sqlite(const std::string& path, OpenMode mode);

}  // namespace vaksam::store
