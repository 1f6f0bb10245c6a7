// Numbered schema migrations for SQLite. A migration is never edited once it
// has shipped; a change of schema is a new entry at the end.
#pragma once

#include <span>
#include <string_view>

namespace vaksam::store {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

std::span<const Migration> sqlite_migrations();

}  // namespace vaksam::store
