// Numbered schema migrations for PostgreSQL. They mirror the SQLite ones number for
// number (the same tables, columns and rules), in PostgreSQL's types. A migration is
// never edited once it has shipped; a change of schema is a new entry at the end, in
// both backends.
#pragma once

#include <span>

#include "store/sqlite_migrations.h"  // struct Migration, shared by both backends

namespace vaksam::store {

std::span<const Migration> postgres_migrations();

}  // namespace vaksam::store
