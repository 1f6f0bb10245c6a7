#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/progress_bar.h"
#include "common/error.h"
#include "ingest/importer.h"
#include "cli/session.h"

namespace vaksam::cli {

namespace {

constexpr size_t kErrorsShown = 20;

ingest::Encoding parse_encoding(const std::string& e) {
  if (e == "utf-8") return ingest::Encoding::utf8;
  if (e == "windows-1252") return ingest::Encoding::windows1252;
  return ingest::Encoding::auto_detect;
}

// Dependency order: principals before units before cases, and so on.
std::vector<std::string> in_dependency_order(std::vector<std::string> files, ingest::Encoding encoding) {
  std::vector<std::pair<int, std::string>> ranked;
  for (auto& f : files) {
    auto kind = ingest::peek_entity(f, encoding);
    ranked.emplace_back(kind ? static_cast<int>(*kind) : 100, std::move(f));
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (auto& r : ranked) out.push_back(std::move(r.second));
  return out;
}

void print_report(const ingest::ImportReport& r) {
  const auto& c = r.counts;
  std::printf("%s: %s, %llu rows: %llu new, %llu changed, %llu unchanged, %llu rejected (%s, %s)\n",
              r.file.c_str(), r.entity.c_str(), static_cast<unsigned long long>(c.rows),
              static_cast<unsigned long long>(c.added), static_cast<unsigned long long>(c.changed),
              static_cast<unsigned long long>(c.unchanged), static_cast<unsigned long long>(c.rejected),
              r.format.c_str(), r.encoding.c_str());
  for (size_t i = 0; i < r.errors.size() && i < kErrorsShown; ++i) {
    const auto& e = r.errors[i];
    std::fprintf(stderr, "  %s\n", Error({r.file, e.line, e.field}, e.reason).what());
  }
  if (r.error_count > kErrorsShown)
    std::fprintf(stderr, "  ... and %llu more problems (use --reject-file to collect every rejected row)\n",
                 static_cast<unsigned long long>(r.error_count - kErrorsShown));
  switch (r.outcome) {
    case ingest::ImportOutcome::imported:
      std::printf("  imported as batch %lld\n", static_cast<long long>(r.batch_id));
      break;
    case ingest::ImportOutcome::no_changes:
      if (c.rejected) std::printf("  nothing imported: no valid row was new or changed\n");
      else std::printf("  no changes: every row is already in the store as it is\n");
      break;
    case ingest::ImportOutcome::refused:
      std::fprintf(stderr, "  refused: nothing from this file was imported; correct the rows above and "
                           "import it again, or use --reject-file to import the valid rows\n");
      break;
    case ingest::ImportOutcome::validated: std::printf("  dry run: valid, nothing written\n"); break;
  }
}

}  // namespace

int run_import(const Workspace& ws, const ImportArgs& args) {
  std::optional<model::EntityKind> entity;
  if (!args.entity.empty()) {
    const auto* spec = model::entity_by_name(args.entity);
    if (!spec) {
      std::fprintf(stderr, "vaksam: unknown --entity '%s'; use principals, units, cases, inspections, "
                           "deficiencies or indicators\n", args.entity.c_str());
      return kUsage;
    }
    entity = spec->kind;
  }
  if (!args.reject_file.empty() && args.files.size() > 1) {
    std::fprintf(stderr, "vaksam: --reject-file takes one input file at a time\n");
    return kUsage;
  }
  Session session = Session::open(ws);
  const privacy::Pseudonymizer pseudonymizer(session.keys.pseudonym);

  const auto encoding = parse_encoding(args.encoding);
  int exit_code = kOk;
  for (const auto& file : in_dependency_order(args.files, encoding)) {
    ingest::ImportOptions options;
    options.entity = entity;
    options.encoding = encoding;
    options.reject_file = args.reject_file;
    options.dry_run = args.dry_run;
    options.imported_by = session.actor.name;
    ProgressBar bar(std::filesystem::path(file).filename().string());
    options.progress = [&bar](uint64_t done, uint64_t total) { bar.update(done, total); };
    options.before_commit = [&](const ingest::ImportReport& r) {
      const auto& c = r.counts;
      session.audit->record(session.actor, "import", "batch", std::to_string(r.batch_id),
                            "entity=" + r.entity + " file=" + std::filesystem::path(r.file).filename().string() +
                                " new=" + std::to_string(c.added) + " changed=" + std::to_string(c.changed) +
                                " rejected=" + std::to_string(c.rejected));
    };
    try {
      const auto report = ingest::import_file(*session.store, pseudonymizer, file, options);
      session.audit->publish();
      bar.finish();
      print_report(report);
      if (report.outcome == ingest::ImportOutcome::refused) exit_code = kInputRefused;
      else if (report.counts.rejected > 0 && exit_code == kOk) exit_code = kPartialImport;
    } catch (const Error& e) {
      bar.finish();
      std::fprintf(stderr, "%s\n  refused: nothing from this file was imported\n", e.what());
      exit_code = kInputRefused;
    }
  }
  return exit_code;
}

}  // namespace vaksam::cli
