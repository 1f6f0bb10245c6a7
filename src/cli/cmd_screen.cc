#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/progress_bar.h"
#include "common/error.h"
#include "pipeline/screen_cases.h"
#include "screen/evaluation.h"
#include "cli/session.h"

namespace vaksam::cli {

namespace {

std::string join(const std::vector<std::string>& parts, const char* separator = ", ") {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

// The text with each evidence span marked and numbered: bold red for a counted signal,
// dim for one that context suppressed; brackets when the output is not a terminal.
std::string marked_text(const std::string& text, const screen::ScreenResult& r, bool color) {
  std::vector<size_t> order(r.evidence.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return r.evidence[a].begin < r.evidence[b].begin; });
  std::string out;
  size_t at = 0;
  for (size_t i : order) {
    const auto& e = r.evidence[i];
    if (e.begin < at || e.end > text.size()) continue;  // overlapping spans: the first one is marked
    out.append(text, at, e.begin - at);
    const std::string label = "[" + std::to_string(i + 1) + "]";
    if (color) out += e.counted ? "\x1b[1;31m" : "\x1b[2;9m";
    else out += e.counted ? "⟦" : "⟨";
    out.append(text, e.begin, e.end - e.begin);
    if (color) out += "\x1b[0m" + std::string(e.counted ? "\x1b[31m" : "\x1b[2m") + label + "\x1b[0m";
    else out += (e.counted ? "⟧" : "⟩") + label;
    at = e.end;
  }
  out.append(text, at, std::string::npos);
  return out;
}

}  // namespace

int run_screen(const Workspace& ws, bool rescreen, unsigned threads) {
  Session session = Session::open(ws);
  auto& store = session.store;
  const screen::Screener screener;
  ProgressBar bar("screen");
  pipeline::ScreenCasesOptions options;
  options.rescreen = rescreen;
  options.threads = threads;
  const auto total = store->status().counts;
  uint64_t cases = 0;
  for (const auto& c : total)
    if (c.entity == "cases" && c.kind.empty()) cases = static_cast<uint64_t>(c.count);
  options.progress = [&](uint64_t done) { bar.update(done, cases); };
  const auto r = pipeline::screen_cases(*store, screener, options);
  bar.finish();
  if (r.screened)
    session.audit->record_access(session.actor, "screen", "cases", std::to_string(r.screened) + " cases",
                                 "lexicon=" + screener.lexicon().version() + (rescreen ? " rescreen" : ""));
  std::printf("screened %llu cases with lexicon %s in %.1f s (%.1f MB/s): %llu concern violence "
              "(%llu of high severity), %llu describe handling deficiencies\n",
              static_cast<unsigned long long>(r.screened), screener.lexicon().version().c_str(), r.seconds,
              r.seconds > 0 ? r.text_bytes / 1e6 / r.seconds : 0.0, static_cast<unsigned long long>(r.violence),
              static_cast<unsigned long long>(r.high_severity),
              static_cast<unsigned long long>(r.handling_deficiency));
  if (r.invalid_utf8_cases)
    std::printf("note: %llu texts held invalid UTF-8, replaced by U+FFFD before screening\n",
                static_cast<unsigned long long>(r.invalid_utf8_cases));
  if (r.screened == 0) std::printf("nothing to screen: every case has a current screening (use --rescreen)\n");
  return kOk;
}

int run_explain(const Workspace& ws, const std::string& case_id, bool json) {
  Session session = Session::open(ws);
  auto& store = session.store;
  const auto& cases = model::entity(model::EntityKind::case_record);
  auto narrative = store->field_of(cases, case_id, "narrative");
  if (!narrative) {
    std::fprintf(stderr, "vaksam: no case %s in %s\n", case_id.c_str(), ws.db_name.c_str());
    return kInputRefused;
  }
  // Reading a case's full text is an access to personal data: recorded before it is shown.
  session.audit->record_access(session.actor, "read_case_text", "case", case_id);
  const std::string text = model::to_text(*narrative);
  const screen::Screener screener;
  const auto result = screener.screen(text);
  const auto stored = store->screening(case_id);
  if (json) {
    std::printf("%s\n", result.to_json().c_str());
    return kOk;
  }
  const bool color = ::isatty(STDOUT_FILENO);
  std::printf("Case %s\n\n%s\n\n", case_id.c_str(), marked_text(text, result, color).c_str());
  std::printf("Violence: %s (score %.2f, severity %s)%s%s%s\n", result.violence ? "yes" : "no", result.score,
              std::string(screen::severity_name(result.severity)).c_str(), result.alleged ? ", alleged" : "",
              result.historical ? ", historical" : "", result.negated ? ", a mention is negated" : "");
  if (result.categories) std::printf("Categories: %s\n", join(result.category_names()).c_str());
  if (result.markers) std::printf("Lethal-risk markers: %s\n", join(screen::risk_marker_names(result.markers)).c_str());
  if (result.exposed) std::printf("Exposed: %s\n", join(screen::exposed_role_names(result.exposed)).c_str());
  if (result.handling_deficiency) std::printf("Describes a handling deficiency\n");
  std::printf("\nEvidence:\n");
  for (size_t i = 0; i < result.evidence.size(); ++i) {
    const auto& e = result.evidence[i];
    std::printf("  [%zu] \"%s\" bytes %u-%u, entry %s%s%s, %s", i + 1, e.text.c_str(), e.begin, e.end,
                e.entry_id.c_str(), e.compound_part.empty() ? "" : ", in a compound: ",
                e.compound_part.c_str(), e.counted ? "counted" : "suppressed");
    if (!e.rules.empty()) std::printf(" (context: %s)", join(e.rules).c_str());
    const auto names = screen::category_names(e.categories);
    if (!names.empty()) std::printf("; %s", join(names).c_str());
    std::printf("\n");
  }
  for (const auto& d : result.deficiencies)
    std::printf("  handling deficiency: \"%s\" (rule %s)\n", d.text.c_str(), d.rule_id.c_str());
  if (result.evidence.empty()) std::printf("  none: no lexicon entry matched\n");
  std::printf("\nLexicon %s.", result.lexicon_version.c_str());
  if (!stored) std::printf(" Not yet stored: run vaksam screen.\n");
  else if (stored->lexicon_version != result.lexicon_version)
    std::printf(" The stored screening used lexicon %s: run vaksam screen --rescreen.\n",
                stored->lexicon_version.c_str());
  else std::printf(" Stored %s.\n", stored->screened_at.c_str());
  return kOk;
}

int run_screen_eval(const std::string& file) {
  const screen::Screener screener;
  const auto report = screen::evaluate_file(file, screener);
  std::printf("%s", screen::format_report(report).c_str());
  return kOk;
}

int run_feedback(const Workspace& ws, const FeedbackArgs& args) {
  Session session = Session::open(ws);
  auto& store = session.store;
  if (args.target != "violence" && !screen::category_from_name(args.target)) {
    std::fprintf(stderr, "vaksam: unknown target '%s': use violence or a category (%s)\n", args.target.c_str(),
                 join(screen::category_names(~0u)).c_str());
    return kUsage;
  }
  auto screened = store->screening(args.case_id);
  if (!screened) {
    std::fprintf(stderr, "vaksam: case %s has no screening yet: run vaksam screen first\n", args.case_id.c_str());
    return kInputRefused;
  }
  store::Transaction tx(*store);
  const std::string decided_by = args.user.empty() ? session.actor.name : args.user;
  store->add_feedback({args.case_id, args.target, args.confirm ? "confirmed" : "rejected", screened->lexicon_version,
                       decided_by, "", args.note});
  session.audit->record(session.actor, "screening_feedback", "case", args.case_id,
                        args.target + " " + (args.confirm ? "confirmed" : "rejected") + " by " + decided_by);
  tx.commit();
  session.audit->publish();
  std::printf("recorded: %s %s for case %s\n", args.target.c_str(), args.confirm ? "confirmed" : "rejected",
              args.case_id.c_str());
  return kOk;
}

int run_feedback_report(const Workspace& ws) {
  auto store = store::open_store(ws.db_path, store::OpenMode::open_existing);
  struct Tally {
    int confirmed = 0, rejected = 0;
  };
  std::map<std::string, Tally> by_target;
  for (const auto& f : store->feedback()) (f.verdict == "confirmed" ? by_target[f.target].confirmed : by_target[f.target].rejected)++;
  if (by_target.empty()) {
    std::printf("no analyst feedback yet (vaksam feedback CASE --target violence --confirm)\n");
    return kOk;
  }
  std::printf("%-22s %9s %9s %10s\n", "flag", "confirmed", "rejected", "precision");
  for (const auto& [target, t] : by_target)
    std::printf("%-22s %9d %9d %10.3f\n", target.c_str(), t.confirmed, t.rejected,
                static_cast<double>(t.confirmed) / (t.confirmed + t.rejected));
  return kOk;
}

}  // namespace vaksam::cli
