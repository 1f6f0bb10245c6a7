#include "store/postgres_connection.h"

#include <libpq-fe.h>

#include <charconv>
#include <regex>

#include "common/error.h"

namespace vaksam::store::pg {

namespace {

// Type OIDs of the columns vaksam's schema uses (pg_type.h, stable across versions).
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701,
              kNumeric = 1700;

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  throw Error("database error: a BYTEA value is not in hex form");
}

// BYTEA in text form, with bytea_output = hex (set at connect): "\x" and two digits a byte.
std::string decode_bytea(std::string_view text) {
  if (text.size() < 2 || text[0] != '\\' || text[1] != 'x')
    throw Error("database error: a BYTEA value is not in hex form");
  std::string out;
  out.resize((text.size() - 2) / 2);
  for (size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<char>(hex_digit(text[2 + 2 * i]) << 4 | hex_digit(text[3 + 2 * i]));
  return out;
}

// The primary message only: DETAIL may quote a failing row, and rows hold personal data.
std::string message_of(const PGresult* r, const PGconn* conn) {
  const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string m = primary ? primary : PQerrorMessage(conn);
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

void ignore_notice(void*, const char*) {}  // "... does not exist, skipping" and the like

}  // namespace

Params& Params::text(std::string v) {
  values_.push_back(std::move(v));
  is_null_.push_back(0);
  is_binary_.push_back(0);
  return *this;
}

Params& Params::bytes(std::string v) {
  text(std::move(v));
  is_binary_.back() = 1;
  return *this;
}

Params& Params::real(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);  // shortest form that reads back exactly
  return text(std::string(buf, end));
}

Params& Params::null() {
  text("");
  is_null_.back() = 1;
  return *this;
}

Params& Params::value(const model::Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return text(*s);
  if (const auto* i = std::get_if<int64_t>(&v)) return integer(*i);
  if (const auto* d = std::get_if<double>(&v)) return real(*d);
  return null();
}

void Params::clear() {
  values_.clear();
  is_null_.clear();
  is_binary_.clear();
}

Result::~Result() { PQclear(r_); }
int Result::rows() const { return PQntuples(r_); }
int Result::columns() const { return PQnfields(r_); }
bool Result::null(int row, int col) const { return PQgetisnull(r_, row, col); }

std::string Result::text(int row, int col) const {
  std::string_view v(PQgetvalue(r_, row, col), PQgetlength(r_, row, col));
  if (PQftype(r_, col) == kBytea && !null(row, col)) return decode_bytea(v);
  return std::string(v);
}

int64_t Result::integer(int row, int col) const {
  if (PQftype(r_, col) == kBool) return boolean(row, col);
  std::string_view v(PQgetvalue(r_, row, col), PQgetlength(r_, row, col));
  int64_t out = 0;
  std::from_chars(v.data(), v.data() + v.size(), out);
  return out;
}

double Result::real(int row, int col) const {
  std::string_view v(PQgetvalue(r_, row, col), PQgetlength(r_, row, col));
  double out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc()) out = std::stod(std::string(v));  // NaN, Infinity
  return out;
}

bool Result::boolean(int row, int col) const { return PQgetvalue(r_, row, col)[0] == 't'; }

model::Value Result::value(int row, int col) const {
  if (null(row, col)) return std::monostate{};
  switch (PQftype(r_, col)) {
    case kBool:
    case kInt2:
    case kInt4:
    case kInt8: return integer(row, col);
    case kFloat4:
    case kFloat8:
    case kNumeric: return real(row, col);
    default: return text(row, col);
  }
}

int64_t Result::affected() const {
  const char* n = PQcmdTuples(r_);
  return n && *n ? std::stoll(n) : 0;
}

Connection::Connection(const std::string& conninfo) {
  conn_ = PQconnectdb(conninfo.c_str());
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    std::string message = conn_ ? PQerrorMessage(conn_) : "out of memory";
    while (!message.empty() && message.back() == '\n') message.pop_back();
    PQfinish(conn_);
    conn_ = nullptr;
    throw Error(redact_password(conninfo) + ": cannot connect to PostgreSQL: " + message);
  }
  PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
  // What the readers above rely on, whatever the server's or role's defaults.
  exec("SET client_encoding = 'UTF8'; SET bytea_output = 'hex'; SET extra_float_digits = 1; "
       "SET client_min_messages = warning");
}

Connection::~Connection() { PQfinish(conn_); }

Result Connection::check(PGresult* r, std::string_view what) {
  const auto status = PQresultStatus(r);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN) return Result(r);
  std::string message = message_of(r, conn_);
  PQclear(r);
  throw Error("database error" + std::string(what.empty() ? "" : " ") + std::string(what) + ": " + message);
}

void Connection::exec(std::string_view sql) { check(PQexec(conn_, std::string(sql).c_str()), ""); }

namespace {

struct Raw {
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  explicit Raw(const std::vector<std::string>& v, const std::vector<char>& nulls, const std::vector<char>& binary) {
    for (size_t i = 0; i < v.size(); ++i) {
      values.push_back(nulls[i] ? nullptr : v[i].data());
      lengths.push_back(static_cast<int>(v[i].size()));
      formats.push_back(binary[i]);
    }
  }
};

}  // namespace

Result Connection::run(const std::string& sql, const Params& p) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = "s";
    name += std::to_string(prepared_.size() + 1);
    check(PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr), "preparing a statement");
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  Raw raw(p.values_, p.is_null_, p.is_binary_);
  return check(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(p.size()), raw.values.data(),
                              raw.lengths.data(), raw.formats.data(), 0),
               "");
}

Result Connection::run_guarded(const std::string& sql, const Params& p) {
  if (transaction_state() != TxState::in_transaction) return run(sql, p);
  exec("SAVEPOINT vaksam_statement");
  try {
    Result r = run(sql, p);
    exec("RELEASE SAVEPOINT vaksam_statement");
    return r;
  } catch (const Error&) {
    exec("ROLLBACK TO SAVEPOINT vaksam_statement; RELEASE SAVEPOINT vaksam_statement");
    throw;
  }
}

Result Connection::run_once(const std::string& sql, const Params& p) {
  Raw raw(p.values_, p.is_null_, p.is_binary_);
  return check(PQexecParams(conn_, sql.c_str(), static_cast<int>(p.size()), nullptr, raw.values.data(),
                            raw.lengths.data(), raw.formats.data(), 0),
               "");
}

void Connection::copy_begin(const std::string& sql) {
  check(PQexec(conn_, sql.c_str()), "starting a COPY");
  in_copy_ = true;
}

void Connection::copy_row(std::string_view line) {
  if (PQputCopyData(conn_, line.data(), static_cast<int>(line.size())) != 1)
    throw Error("database error sending rows: " + message_of(nullptr, conn_));
}

void Connection::copy_end() {
  in_copy_ = false;
  if (PQputCopyEnd(conn_, nullptr) != 1) throw Error("database error ending a COPY: " + message_of(nullptr, conn_));
  // The COPY's own result, then the end of the command.
  std::string error;
  while (PGresult* r = PQgetResult(conn_)) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK && error.empty()) error = message_of(r, conn_);
    PQclear(r);
  }
  if (!error.empty()) throw Error("database error: " + error);
}

void Connection::copy_abort() {
  if (!in_copy_) return;
  in_copy_ = false;
  PQputCopyEnd(conn_, "rolled back");
  while (PGresult* r = PQgetResult(conn_)) PQclear(r);
}

Connection::TxState Connection::transaction_state() const {
  switch (PQtransactionStatus(conn_)) {
    case PQTRANS_IDLE: return TxState::idle;
    case PQTRANS_INTRANS: return TxState::in_transaction;
    case PQTRANS_INERROR: return TxState::failed;
    default: return TxState::unknown;
  }
}

void append_copy_text(std::string& line, std::string_view v) {
  for (char c : v) {
    switch (c) {
      case '\\': line += "\\\\"; break;
      case '\t': line += "\\t"; break;
      case '\n': line += "\\n"; break;
      case '\r': line += "\\r"; break;
      default: line += c;
    }
  }
}

void append_copy_bytes(std::string& line, std::string_view v) {
  static constexpr char kHex[] = "0123456789abcdef";
  line += "\\\\x";
  for (unsigned char c : v) {
    line += kHex[c >> 4];
    line += kHex[c & 15];
  }
}

std::string redact_password(const std::string& conninfo) {
  // URI: scheme://user:password@host ; key/value: password=secret or password='se cret'
  static const std::regex uri(R"(^(postgres(?:ql)?://[^:/@?#]*):[^@/?#]*@)");
  static const std::regex keyword(R"((^|\s|[?&])password\s*=\s*('(?:[^'\\]|\\.)*'|[^\s&]*))");
  std::string out = std::regex_replace(conninfo, uri, "$1:***@");
  return std::regex_replace(out, keyword, "$1password=***");
}

}  // namespace vaksam::store::pg
