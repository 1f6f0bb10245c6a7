// A thin C++ face on one libpq connection: parameters, results with typed reads,
// prepared statements cached by their SQL, and a streamed COPY. Errors become
// vaksam::Error; no other part of vaksam sees libpq.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/value.h"

struct pg_conn;
struct pg_result;

namespace vaksam::store::pg {

// The parameters of one statement. Text values are sent in text form (PostgreSQL
// casts them to the column's type); bytes are sent in binary form, for BYTEA.
class Params {
 public:
  Params& text(std::string v);
  Params& bytes(std::string v);
  Params& integer(int64_t v) { return text(std::to_string(v)); }
  Params& real(double v);
  Params& boolean(bool v) { return text(v ? "t" : "f"); }
  Params& null();
  Params& value(const model::Value& v);  // NULL for monostate
  size_t size() const { return values_.size(); }
  void clear();

 private:
  friend class Connection;
  std::vector<std::string> values_;
  std::vector<char> is_null_, is_binary_;
};

// One result set. Values are read in text form and converted by the column's type.
class Result {
 public:
  explicit Result(pg_result* r) : r_(r) {}
  ~Result();
  Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  Result& operator=(Result&&) = delete;
  Result(const Result&) = delete;

  int rows() const;
  int columns() const;
  bool null(int row, int col) const;
  std::string text(int row, int col) const;  // BYTEA columns are decoded to their bytes
  int64_t integer(int row, int col) const;
  double real(int row, int col) const;
  bool boolean(int row, int col) const;
  model::Value value(int row, int col) const;  // by the column's type; NULL is monostate
  int64_t affected() const;                    // rows changed by INSERT/UPDATE/DELETE

 private:
  pg_result* r_;
};

class Connection {
 public:
  // Connects with a libpq connection string or URI; the error never repeats a password.
  explicit Connection(const std::string& conninfo);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // One or more SQL statements without parameters (migrations, BEGIN, SET).
  void exec(std::string_view sql);
  // Prepared once per distinct SQL text on this connection, then reused.
  Result run(const std::string& sql, const Params& params = {});
  // As run(), but inside a transaction under a savepoint, so that a refused statement
  // (a name taken, a check failed) leaves the transaction usable, as in SQLite. Costs two
  // round trips more: for single writes a caller may catch, not for the import's rows.
  Result run_guarded(const std::string& sql, const Params& params = {});
  // Not prepared: for statements built at run time and used once.
  Result run_once(const std::string& sql, const Params& params = {});

  // A COPY ... FROM STDIN streamed row by row; rows are in COPY's text format.
  void copy_begin(const std::string& sql);
  void copy_row(std::string_view line);
  void copy_end();    // throws if the server refused a row
  void copy_abort();  // for a rollback: the server discards what was sent
  bool in_copy() const { return in_copy_; }

  enum class TxState { idle, in_transaction, failed, unknown };
  TxState transaction_state() const;

 private:
  Result check(pg_result* r, std::string_view what);
  pg_conn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
  bool in_copy_ = false;
};

// COPY text format: a value with \, tab, newline and carriage return escaped.
void append_copy_text(std::string& line, std::string_view v);
// A BYTEA value in COPY text format: \\x followed by hex digits.
void append_copy_bytes(std::string& line, std::string_view v);

// The connection string as it may be shown: any password replaced by ***.
std::string redact_password(const std::string& conninfo);

}  // namespace vaksam::store::pg
