#include "screen/evaluation.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace vaksam::screen {
namespace {

struct Item {
  std::string id, source_kind, text;
  bool violence = false, negated = false, historical = false, hypothetical = false, deficiency = false;
  uint32_t categories = 0;
  std::vector<std::string> evidence;
};

std::string group_of(const Item& it) {
  if (it.violence) return "positive";
  if (it.negated) return "negated";
  if (it.hypothetical) return "hypothetical";
  return "negative";
}

bool overlaps_any(const std::vector<Evidence>& ev, size_t b, size_t e) {
  for (const auto& x : ev)
    if (x.counted && x.begin < e && b < x.end) return true;
  return false;
}

void score(SystemScores& s, const Item& it, const ScreenResult& r) {
  s.violence.add(it.violence, r.violence);
  for (int c = 0; c < kCategoryCount; ++c)
    s.categories[c].add(it.categories & (1u << c), r.violence && (r.categories & (1u << c)));
  s.handling_deficiency.add(it.deficiency, r.handling_deficiency);
  bool right = it.violence == r.violence;
  if (!it.violence && it.negated) s.negated_group.n++, s.negated_group.correct += right;
  if (!it.violence && it.hypothetical) s.hypothetical_group.n++, s.hypothetical_group.correct += right;
  if (it.violence && it.historical) s.historical_items.n++, s.historical_items.correct += right;
  if (it.violence) s.historical_flag.add(it.historical, r.violence && r.historical);
  auto& g = s.by_group[group_of(it)];
  g.n++, g.correct += right;
  auto& k = s.by_source_kind[it.source_kind];
  k.n++, k.correct += right;
  for (const auto& e : it.evidence) {
    size_t pos = it.text.find(e);
    if (pos == std::string::npos) continue;
    s.evidence_total++;
    s.evidence_recalled += overlaps_any(r.evidence, pos, pos + e.size());
  }
  double y = it.violence ? 1 : 0;
  s.brier += (r.score - y) * (r.score - y);
}

void finish(SystemScores& s, int n) {
  double sum = 0;
  for (const auto& c : s.categories) sum += c.f1();
  s.macro_category_f1 = sum / kCategoryCount;
  if (n) s.brier /= n;
}

std::string pct(double x) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", x);
  return buf;
}

}  // namespace

void BinaryScore::add(bool expected, bool predicted) {
  if (expected && predicted) ++tp;
  else if (!expected && predicted) ++fp;
  else if (expected) ++fn;
  else ++tn;
}
double BinaryScore::precision() const { return tp + fp ? static_cast<double>(tp) / (tp + fp) : 0; }
double BinaryScore::recall() const { return tp + fn ? static_cast<double>(tp) / (tp + fn) : 0; }
double BinaryScore::f1() const {
  double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}
double BinaryScore::accuracy() const {
  int n = tp + fp + fn + tn;
  return n ? static_cast<double>(tp + tn) / n : 0;
}

EvalReport evaluate_jsonl(const std::string& jsonl, const Screener& screener) {
  EvalReport rep;
  rep.lexicon_version = screener.lexicon().version();
  std::istringstream in(jsonl);
  std::string line;
  std::vector<std::pair<double, bool>> scored;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Item it;
    try {
      auto j = nlohmann::json::parse(line);
      it.id = j.value("id", "");
      it.source_kind = j.value("source_kind", "");
      it.text = j.at("text").get<std::string>();
      it.violence = j.at("violence").get<bool>();
      it.negated = j.value("negated", false);
      it.historical = j.value("historical", false);
      it.hypothetical = j.value("hypothetical", false);
      it.deficiency = j.value("handling_deficiency", false);
      for (const auto& c : j.value("categories", nlohmann::json::array()))
        if (auto bit = category_from_name(c.get<std::string>())) it.categories |= *bit;
      for (const auto& e : j.value("evidence", nlohmann::json::array())) it.evidence.push_back(e.get<std::string>());
    } catch (const std::exception&) {
      ++rep.skipped_lines;
      continue;
    }
    ScreenResult engine = screener.screen(it.text);
    ScreenResult base = screener.screen_keywords(it.text);
    score(rep.engine, it, engine);
    score(rep.baseline, it, base);
    scored.emplace_back(engine.score, it.violence);
    if (engine.violence != it.violence) rep.errors.push_back({it.id, it.violence, engine.score, it.text});
    ++rep.items;
  }
  finish(rep.engine, rep.items);
  finish(rep.baseline, rep.items);
  for (int d = 0; d < 10; ++d) {
    double lo = d / 10.0, hi = (d + 1) / 10.0, sum = 0;
    int n = 0, pos = 0;
    for (auto [s, y] : scored)
      if (s >= lo && (s < hi || (d == 9 && s <= 1))) sum += s, ++n, pos += y;
    if (n) rep.calibration.emplace_back(sum / n, static_cast<double>(pos) / n);
  }
  return rep;
}

EvalReport evaluate_file(const std::string& path, const Screener& screener) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot read " + path);
  std::stringstream ss;
  ss << f.rdbuf();
  EvalReport rep = evaluate_jsonl(ss.str(), screener);
  rep.path = path;
  return rep;
}

std::string format_report(const EvalReport& r) {
  std::ostringstream o;
  o << "Screening evaluation: " << (r.path.empty() ? "(in memory)" : r.path) << "\n";
  o << "items " << r.items << ", skipped lines " << r.skipped_lines << ", lexicon " << r.lexicon_version << "\n\n";
  auto row = [&](const std::string& name, double a, double b) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "  %-34s %8s %10s\n", name.c_str(), pct(a).c_str(), pct(b).c_str());
    o << buf;
  };
  o << "  " << std::string(34, ' ') << "   engine   baseline\n";
  const SystemScores& e = r.engine;
  const SystemScores& b = r.baseline;
  row("violence precision", e.violence.precision(), b.violence.precision());
  row("violence recall", e.violence.recall(), b.violence.recall());
  row("violence F1", e.violence.f1(), b.violence.f1());
  row("macro F1 over categories", e.macro_category_f1, b.macro_category_f1);
  row("negated group accuracy", e.negated_group.accuracy(), b.negated_group.accuracy());
  row("hypothetical group accuracy", e.hypothetical_group.accuracy(), b.hypothetical_group.accuracy());
  row("historical items accuracy", e.historical_items.accuracy(), b.historical_items.accuracy());
  row("historical flag F1 (positives)", e.historical_flag.f1(), b.historical_flag.f1());
  row("handling deficiency precision", e.handling_deficiency.precision(), b.handling_deficiency.precision());
  row("handling deficiency recall", e.handling_deficiency.recall(), b.handling_deficiency.recall());
  row("handling deficiency F1", e.handling_deficiency.f1(), b.handling_deficiency.f1());
  row("evidence-span recall", e.evidence_recall(), b.evidence_recall());
  row("Brier score (lower is better)", e.brier, b.brier);
  o << "\nPer category (precision / recall / F1)           engine                baseline\n";
  for (int c = 0; c < kCategoryCount; ++c) {
    char buf[160];
    const auto& x = e.categories[c];
    const auto& y = b.categories[c];
    std::snprintf(buf, sizeof buf, "  %-18s n=%-3d  %s %s %s     %s %s %s\n", std::string(category_name(c)).c_str(),
                  x.tp + x.fn, pct(x.precision()).c_str(), pct(x.recall()).c_str(), pct(x.f1()).c_str(),
                  pct(y.precision()).c_str(), pct(y.recall()).c_str(), pct(y.f1()).c_str());
    o << buf;
  }
  o << "\nViolence accuracy per group                      engine   baseline\n";
  for (const auto& [name, g] : e.by_group) row(name + " (n=" + std::to_string(g.n) + ")", g.accuracy(), b.by_group.at(name).accuracy());
  o << "\nViolence accuracy per source kind\n";
  for (const auto& [name, g] : e.by_source_kind)
    row(name + " (n=" + std::to_string(g.n) + ")", g.accuracy(), b.by_source_kind.at(name).accuracy());
  o << "\nCalibration of the engine score (mean score -> observed rate of violence)\n";
  for (auto [s, y] : r.calibration) o << "  " << pct(s) << " -> " << pct(y) << "\n";
  o << "\nEngine errors on the violence flag: " << r.errors.size() << "\n";
  for (const auto& err : r.errors)
    o << "  " << err.id << (err.expected ? " missed" : " false alarm") << " (score " << pct(err.score) << ")\n";
  return o.str();
}

}  // namespace vaksam::screen
