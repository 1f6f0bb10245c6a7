// Imports over HTTP: a file upload goes through the same importer as `vaksam
// import` (all rows or none, pseudonymised on the way, audited in the import's own
// transaction), and the list of batches.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "common/error.h"
#include "ingest/importer.h"
#include "model/entity.h"
#include "privacy/pseudonymizer.h"
#include "server/api_error.h"
#include "server/route_helpers.h"
#include "server/routes.h"
#include "server/server_context.h"

namespace vaksam::server {

namespace {

namespace fs = std::filesystem;

// The upload's name, reduced to safe characters: it is only a label (the batch's
// file name) and the extension that tells CSV from JSON Lines.
std::string safe_file_name(const std::string& name) {
  std::string base = fs::path(name).filename().string(), out;
  for (char c : base)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-') out += c;
  while (!out.empty() && out[0] == '.') out.erase(0, 1);
  if (out.size() > 100) out = out.substr(out.size() - 100);
  return out;
}

// A private folder for one upload, removed when done.
class UploadDir {
 public:
  UploadDir() {
    std::string tmpl = (fs::temp_directory_path() / "vaksam-upload-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a folder for an upload");
    path_ = tmpl;
  }
  ~UploadDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

nlohmann::json report_json(const ingest::ImportReport& r, const std::string& file_name) {
  const char* outcome = r.outcome == ingest::ImportOutcome::imported     ? "imported"
                        : r.outcome == ingest::ImportOutcome::no_changes ? "no_changes"
                        : r.outcome == ingest::ImportOutcome::validated  ? "validated"
                                                                         : "refused";
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& e : r.errors)
    errors.push_back({{"line", e.line}, {"field", e.field}, {"reason", e.reason}});
  return {{"file", file_name},
          {"entity", r.entity},
          {"format", r.format},
          {"encoding", r.encoding},
          {"outcome", outcome},
          {"batch_id", r.batch_id ? nlohmann::json(r.batch_id) : nlohmann::json(nullptr)},
          {"rows", r.counts.rows},
          {"new", r.counts.added},
          {"changed", r.counts.changed},
          {"unchanged", r.counts.unchanged},
          {"rejected", r.counts.rejected},
          {"error_count", r.error_count},
          {"errors", errors}};
}

Reply upload(Call& call) {
  const Upload* file = nullptr;
  std::string entity;
  for (const auto& u : call.request.uploads) {
    if (u.field == "file" && !file) file = &u;
    else if (u.field == "entity") entity = u.content;
    else throw ApiError("invalid_field", "unknown form field");
  }
  if (!file) throw ApiError("invalid_field", "file");
  const std::string name = safe_file_name(file->filename);
  const std::string ext = fs::path(name).extension().string();
  if (name.empty() || (ext != ".csv" && ext != ".jsonl")) throw ApiError("invalid_field", "file (.csv or .jsonl)");
  ingest::ImportOptions options;
  if (!entity.empty()) {
    const auto* spec = model::entity_by_name(entity);
    if (!spec) throw ApiError("invalid_field", "entity");
    options.entity = spec->kind;
  }
  UploadDir dir;
  const fs::path path = dir.path() / name;
  {
    std::ofstream out(path, std::ios::binary);
    out.write(file->content.data(), static_cast<std::streamsize>(file->content.size()));
    if (!out) throw std::runtime_error("cannot write an upload to the temporary folder");
  }
  options.imported_by = call.who().user;
  const privacy::Pseudonymizer pseudonymizer(call.server.keys().pseudonym);
  const auto actor = call.actor();
  options.before_commit = [&](const ingest::ImportReport& r) {
    const auto& c = r.counts;
    call.db.audit->record(actor, "import", "batch", std::to_string(r.batch_id),
                          "entity=" + r.entity + " file=" + name + " new=" + std::to_string(c.added) +
                              " changed=" + std::to_string(c.changed) + " rejected=" + std::to_string(c.rejected) +
                              " route=" + call.route_label());
  };
  ingest::ImportReport report;
  try {
    // The importer runs its own transaction; the audit entry commits inside it.
    call.server.write_raw(call.db, [&] { report = ingest::import_file(*call.db.store, pseudonymizer, path.string(), options); });
    call.server.refresh_soon();
  } catch (const Error& e) {
    // The whole file was refused (encoding, header, ...): the store is as before.
    nlohmann::json body = ApiError("import_refused").to_json();
    body["report"] = {{"file", name}, {"outcome", "refused"}, {"errors", {{{"line", 0}, {"field", ""}, {"reason", e.what()}}}}};
    return Reply{422, body, {}};
  }
  if (report.outcome == ingest::ImportOutcome::refused) {
    nlohmann::json body = ApiError("import_refused").to_json();
    body["report"] = report_json(report, name);
    return Reply{422, body, {}};
  }
  return Reply{report.outcome == ingest::ImportOutcome::imported ? 201 : 200, report_json(report, name), {}};
}

Reply batches(Call& call) {
  auto all = call.db.store->batches();
  const std::string entity = call.query.text("entity");
  if (!entity.empty())
    all.erase(std::remove_if(all.begin(), all.end(), [&](const auto& b) { return b.info.entity != entity; }), all.end());
  const std::string sort = call.query.text("sort");
  if (sort == "newest") std::reverse(all.begin(), all.end());
  const auto limit = static_cast<size_t>(call.query.integer("limit", 50));
  const auto offset = static_cast<size_t>(call.query.integer("offset"));
  nlohmann::json rows = nlohmann::json::array();
  for (size_t i = offset; i < all.size() && i < offset + limit; ++i) {
    const auto& b = all[i];
    rows.push_back({{"batch_id", b.batch_id},        {"entity", b.info.entity},       {"file", b.info.file_name},
                    {"file_digest", b.info.file_digest}, {"format", b.info.format},   {"encoding", b.info.encoding},
                    {"imported_by", b.info.imported_by}, {"started_at", b.started_at}, {"finished_at", b.finished_at},
                    {"rows", b.counts.rows},          {"new", b.counts.added},        {"changed", b.counts.changed},
                    {"unchanged", b.counts.unchanged}, {"rejected", b.counts.rejected}});
  }
  return Reply{200, {{"paging", paging_json(static_cast<int64_t>(all.size()), limit, offset)}, {"batches", rows}}, {}};
}

}  // namespace

void add_import_routes(RouteRegistry& registry) {
  Route post;
  post.method = "POST";
  post.path = "/api/imports";
  post.summary = "Import one file (multipart field 'file', .csv or .jsonl; optional field 'entity'): all rows or none; "
                 "returns the importer's report (201 imported, 200 no changes, 422 refused with the report)";
  post.tag = "imports";
  post.access = Access::write;
  post.writes = true;
  post.multipart = true;
  post.max_body = kUploadLimit;
  post.success_status = 201;
  post.response_schema = object_with({{"outcome", {{"type", "string"}}}, {"batch_id", {{"type", "integer"}}},
                                      {"errors", array_of({{"type", "object"}})}});
  post.handler = upload;
  registry.add(std::move(post));

  Route list;
  list.method = "GET";
  list.path = "/api/imports";
  list.summary = "The import batches, oldest or newest first";
  list.tag = "imports";
  list.access = Access::write;
  Param entity{"entity", ParamIn::query, ParamType::string, "only batches of this entity"};
  for (const auto& spec : model::all_entities()) entity.allowed.push_back(std::string(spec.name));
  list.params = {entity};
  for (auto& p : paging_params({"oldest", "newest"}, "newest")) list.params.push_back(p);
  list.response_schema = object_with({{"paging", {{"type", "object"}}}, {"batches", array_of({{"type", "object"}})}});
  list.handler = batches;
  registry.add(std::move(list));
}

}  // namespace vaksam::server
