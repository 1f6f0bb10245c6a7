#include "risk/backtest.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>
#include <unordered_map>

#include "common/date.h"
#include "common/error.h"
#include "reference/geography.h"

namespace vaksam::risk {

namespace {

using facts::Day;
using facts::kNone;

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, sep)) out.push_back(cell);
  if (!line.empty() && line.back() == sep) out.emplace_back();
  return out;
}

int month_of(const std::string& yyyy_mm, const std::string& where) {
  if (yyyy_mm.size() != 7 || yyyy_mm[4] != '-') throw Error(where + ": '" + yyyy_mm + "' is not a month (YYYY-MM)");
  return std::stoi(yyyy_mm.substr(0, 4)) * 12 + std::stoi(yyyy_mm.substr(5, 2)) - 1;
}

double number_of(std::string s) {
  std::replace(s.begin(), s.end(), ',', '.');
  return std::stod(s);
}

// Rows of a truth file as column -> value maps.
std::vector<std::map<std::string, std::string>> read_rows(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(path + ": cannot read (is this the truth/ folder written by `vaksam synth`?)");
  std::string line;
  std::getline(in, line);
  auto header = split(line, ';');
  std::vector<std::map<std::string, std::string>> rows;
  size_t n = 1;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    auto cells = split(line, ';');
    if (cells.size() != header.size())
      throw Error(path + ":" + std::to_string(n) + ": " + std::to_string(cells.size()) + " fields, expected " +
                  std::to_string(header.size()));
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < header.size(); ++i) row[header[i]] = cells[i];
    row["#line"] = std::to_string(n);
    rows.push_back(std::move(row));
  }
  return rows;
}

// Mann-Whitney AUC with mid-ranks for ties; NaN without both classes.
double auc(const std::vector<std::pair<double, bool>>& scored) {
  std::vector<size_t> order(scored.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scored[a].first < scored[b].first; });
  double pos = 0, neg = 0, rank_sum = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scored[order[j]].first == scored[order[i]].first) ++j;
    double mid = (i + 1 + j) / 2.0;
    for (size_t t = i; t < j; ++t)
      if (scored[order[t]].second) rank_sum += mid;
    i = j;
  }
  for (const auto& s : scored) (s.second ? pos : neg) += 1;
  if (pos == 0 || neg == 0) return std::nan("");
  return (rank_sum - pos * (pos + 1) / 2) / (pos * neg);
}

double median(std::vector<double> v) {
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct SplitMix {
  uint64_t state;
  double uniform() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
  }
};

const char* kMethods[] = {"composite", "raw_counts", "banding", "random"};
constexpr int kMethodCount = 4;

std::string population_class(int64_t population) {
  if (population < 15000) return "under 15 000";
  if (population < 50000) return "15 000–50 000";
  if (population < 200000) return "50 000–200 000";
  return "200 000 and over";
}

}  // namespace

Truth read_truth(const std::string& dir) {
  Truth t;
  const std::string planted = dir + "/planted.csv", inspections = dir + "/inspections.csv";
  for (const auto& row : read_rows(planted)) {
    std::string where = planted + ":" + row.at("#line");
    PlantedProblem p;
    p.unit_id = row.at("unit_id");
    p.kind = row.at("kind");
    p.onset_month = month_of(row.at("onset_month"), where);
    if (!row.at("remedied_month").empty()) p.remedied_month = month_of(row.at("remedied_month"), where);
    p.factor = number_of(row.at("factor"));
    t.planted.push_back(std::move(p));
  }
  for (const auto& row : read_rows(inspections))
    t.inspections.push_back({row.at("inspection_id"), row.at("unit_id"), row.at("selection"), row.at("found") == "1"});
  return t;
}

BacktestReport backtest(const RiskEngine& engine, const Truth& truth, const BacktestOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto& d = engine.data();
  BacktestReport rep;
  if (d.first_case == facts::kNoDay) throw Error("no cases: nothing to backtest");
  const size_t nu = d.units.size();
  rep.units = nu;

  // Planted problems by unit.
  std::vector<std::vector<const PlantedProblem*>> planted(nu);
  for (const auto& p : truth.planted) {
    uint32_t u = d.unit_of(p.unit_id);
    if (u == kNone) throw Error("truth names unit '" + p.unit_id + "', which is not in the database");
    planted[u].push_back(&p);
  }
  rep.planted_problems = static_cast<int>(truth.planted.size());
  auto active = [&](uint32_t u, int month) {
    for (const auto* p : planted[u])
      if (p->onset_month <= month && (p->remedied_month < 0 || p->remedied_month > month)) return true;
    return false;
  };

  // Random inspections with their start dates from the database.
  std::unordered_map<std::string, uint32_t> inspection_index;
  for (uint32_t i = 0; i < d.inspections.size(); ++i) inspection_index.emplace(d.inspections[i].id, i);
  struct Sample { uint32_t unit; Day started; bool found; };
  std::vector<Sample> samples;
  size_t unit_inspections = 0;
  for (const auto& x : d.inspections) unit_inspections += x.unit != kNone;
  for (const auto& t : truth.inspections) {
    if (t.selection != "random") continue;
    auto it = inspection_index.find(t.inspection_id);
    if (it == inspection_index.end()) continue;
    const auto& x = d.inspections[it->second];
    if (x.unit == kNone || x.started == facts::kNoDay) continue;
    samples.push_back({x.unit, x.started, t.found});
  }
  rep.random_inspections = static_cast<int>(samples.size());

  const int first_month = facts::month_index(d.first_case), last_month = facts::month_index(d.last_case);
  const double years = std::max(1.0, (d.last_case - d.first_case + 1) / 365.25);
  rep.k = options.k ? options.k : std::max<size_t>(10, static_cast<size_t>(std::lround(unit_inspections / years)));

  // Municipality population class of each unit, for the equity check.
  const auto& geo = reference::Geography::builtin();
  std::vector<std::string> unit_class(nu);
  for (size_t u = 0; u < nu; ++u) {
    const auto* m = geo.municipality(d.units[u].kommunkod);
    unit_class[u] = m ? population_class(m->population) : "unknown";
  }

  // Indicators used by the banding baseline: every unit-level ratio and proportion indicator.
  std::vector<size_t> banded;

  std::array<std::vector<std::pair<double, bool>>, kMethodCount> inspection_scores;
  std::array<double, kMethodCount> found_top{}, pairs_top{}, found_all{}, pairs_all{};
  std::array<std::vector<double>, kMethodCount> aucs, precisions, recalls, lifts;
  std::vector<double> quint_score(5, 0), quint_n(5, 0), quint_planted(5, 0), quint_found(5, 0), quint_insp(5, 0);
  std::map<std::string, std::array<double, 4>> equity;  // class -> flagged w/o, n w/o, flagged with, n with
  std::map<std::string, std::array<double, 2>> equity_raw;
  std::map<const PlantedProblem*, int> detected_at;
  double false_alarms = 0, expected_false = 0;
  SplitMix rng{options.seed};

  const int start = first_month + options.first_origin;
  for (int t = start; t <= last_month; t += options.step_months) {
    ++rep.origins;
    Day month_end = static_cast<Day>(Date{(t + 1) / 12, (t + 1) % 12 + 1, 1}.days_since_epoch()) - 1;
    Day as_of = std::min(month_end, d.last_case);
    if (rep.first_origin.empty()) rep.first_origin = month_label(t);
    rep.last_origin = month_label(t);
    ComputeOptions co;
    co.k = rep.k;
    co.rank_intervals = false;
    co.sensitivity = false;
    RiskResult res = engine.compute(as_of, co);
    const auto& lv = res.levels[0];
    const size_t ni = res.model.indicators.size();
    if (banded.empty())
      for (size_t k = 0; k < ni; ++k) {
        auto type = res.model.indicators[k].type;
        if ((type == DataType::ratio || type == DataType::proportion) && res.model.indicators[k].level == Level::unit)
          banded.push_back(k);
      }

    std::array<std::vector<double>, kMethodCount> score;
    for (auto& s : score) s.assign(nu, 0.0);
    std::vector<char> alarm(nu, 0);
    for (const auto& s : lv.ranked) {
      score[0][s.entity] = s.score;
      alarm[s.entity] = s.alarm;
    }
    for (size_t i = 0; i < d.cases.size(); ++i) {
      Day r = d.cases.received[i];
      if (r > as_of || r <= as_of - 365 || d.cases.unit[i] == kNone) continue;
      score[1][d.cases.unit[i]] += 1;
    }
    for (size_t u = 0; u < nu; ++u) {
      double points = 0, applicable = 0;
      for (size_t k : banded) {
        const auto& v = lv.value(u, k);
        if (!v.applicable || std::isnan(v.z_winsorised)) continue;
        applicable += 2;
        points += v.z_winsorised > 3.090232 ? 2 : v.z_winsorised > 1.959964 ? 1 : 0;
      }
      // Ties (many units share a band) are broken at random, as a list would be.
      score[2][u] = (applicable > 0 ? points / applicable : 0) + 1e-9 * rng.uniform();
      score[3][u] = rng.uniform();
      score[1][u] += 1e-6 * rng.uniform();
    }

    std::vector<char> is_active(nu);
    double n_active = 0;
    for (uint32_t u = 0; u < nu; ++u) n_active += (is_active[u] = active(u, t));
    for (int m = 0; m < kMethodCount; ++m) {
      const auto& s = score[m];
      std::vector<uint32_t> order(nu);
      std::iota(order.begin(), order.end(), 0u);
      std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return s[a] > s[b]; });
      std::vector<double> percentile(nu);
      std::vector<char> top(nu, 0);
      for (size_t r = 0; r < nu; ++r) {
        percentile[order[r]] = 1.0 - static_cast<double>(r) / nu;
        if (r < rep.k) top[order[r]] = 1;
      }
      if (n_active > 0) {
        std::vector<std::pair<double, bool>> scored(nu);
        double hits = 0;
        for (uint32_t u = 0; u < nu; ++u) {
          scored[u] = {s[u], is_active[u] != 0};
          hits += top[u] && is_active[u];
        }
        aucs[m].push_back(auc(scored));
        precisions[m].push_back(hits / rep.k);
        recalls[m].push_back(hits / n_active);
        lifts[m].push_back((hits / rep.k) / (n_active / nu));
      }
      for (const auto& smp : samples) {
        if (smp.started <= as_of || smp.started > as_of + static_cast<Day>(options.horizon_months * 30.44)) continue;
        inspection_scores[m].push_back({percentile[smp.unit], smp.found});
        pairs_all[m] += 1;
        found_all[m] += smp.found;
        if (top[smp.unit]) {
          pairs_top[m] += 1;
          found_top[m] += smp.found;
        }
      }
      if (m == 0) {
        for (uint32_t u = 0; u < nu; ++u) {
          int q = std::min(4, static_cast<int>((1.0 - percentile[u]) * 5));
          q = 4 - q;  // 0 = lowest scores
          quint_score[q] += s[u];
          quint_n[q] += 1;
          quint_planted[q] += is_active[u];
        }
        for (const auto& smp : samples) {
          if (smp.started <= as_of || smp.started > as_of + static_cast<Day>(options.horizon_months * 30.44)) continue;
          int q = 4 - std::min(4, static_cast<int>((1.0 - percentile[smp.unit]) * 5));
          quint_insp[q] += 1;
          quint_found[q] += smp.found;
        }
        for (uint32_t u = 0; u < nu; ++u) {
          auto& e = equity[unit_class[u]];
          if (is_active[u]) {
            e[2] += top[u];
            e[3] += 1;
          } else {
            e[0] += top[u];
            e[1] += 1;
          }
          for (const auto* p : planted[u])
            if (p->onset_month <= t && !detected_at.count(p) && (top[u] || alarm[u]) &&
                (p->remedied_month < 0 || p->remedied_month > t))
              detected_at[p] = t;
        }
      }
      if (m == 1)
        for (uint32_t u = 0; u < nu; ++u)
          if (!is_active[u]) {
            equity_raw[unit_class[u]][0] += top[u];
            equity_raw[unit_class[u]][1] += 1;
          }
    }
    for (uint32_t u = 0; u < nu; ++u) false_alarms += alarm[u] && !is_active[u];
    expected_false += res.expected_false_alarms;
  }
  if (rep.origins == 0) throw Error("the data span too few months for a backtest (need more than " +
                                    std::to_string(options.first_origin) + ")");

  auto mean = [](const std::vector<double>& v) {
    double s = 0;
    size_t n = 0;
    for (double x : v)
      if (!std::isnan(x)) s += x, ++n;
    return n ? s / n : std::nan("");
  };
  for (int m = 0; m < kMethodCount; ++m) {
    MethodMetrics mm;
    mm.method = kMethods[m];
    mm.auc_inspections = auc(inspection_scores[m]);
    mm.lift_inspections = pairs_top[m] > 0 && found_all[m] > 0 ? (found_top[m] / pairs_top[m]) / (found_all[m] / pairs_all[m])
                                                               : std::nan("");
    mm.auc_planted = mean(aucs[m]);
    mm.precision_at_k = mean(precisions[m]);
    mm.recall_at_k = mean(recalls[m]);
    mm.lift_at_k = mean(lifts[m]);
    rep.methods.push_back(mm);
  }
  const char* bands[] = {"small", "medium", "large"};
  for (int b = 0; b < 3; ++b) {
    DelayRow row;
    row.size_class = bands[b];
    std::vector<double> delays;
    for (const auto& p : truth.planted) {
      uint32_t u = d.unit_of(p.unit_id);
      if (engine.size_band(u) != b || p.onset_month < start) continue;
      ++row.problems;
      auto it = detected_at.find(&p);
      if (it == detected_at.end()) continue;
      ++row.detected;
      delays.push_back(it->second - p.onset_month);
    }
    row.median_delay_months = median(delays);
    rep.delays.push_back(row);
  }
  for (int q = 0; q < 5; ++q) {
    CalibrationRow row;
    row.quintile = q + 1;
    row.mean_score = quint_n[q] ? quint_score[q] / quint_n[q] : 0;
    row.inspected = static_cast<int>(quint_insp[q]);
    row.finding_rate = quint_insp[q] ? quint_found[q] / quint_insp[q] : 0;
    row.planted_rate = quint_n[q] ? quint_planted[q] / quint_n[q] : 0;
    rep.calibration.push_back(row);
  }
  for (const auto& [cls, e] : equity) {
    EquityRow row;
    row.size_class = cls;
    row.units = 0;
    for (size_t u = 0; u < nu; ++u) row.units += unit_class[u] == cls;
    row.flag_rate_without_problem = e[1] ? e[0] / e[1] : 0;
    row.flag_rate_with_problem = e[3] ? e[2] / e[3] : std::nan("");
    const auto& r = equity_raw[cls];
    row.raw_count_flag_rate_without_problem = r[1] ? r[0] / r[1] : 0;
    rep.equity.push_back(row);
  }
  rep.false_alarms_per_month = false_alarms / rep.origins;
  rep.expected_false_alarms_per_month = expected_false / rep.origins;
  rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return rep;
}

std::string backtest_json(const BacktestReport& r) {
  nlohmann::ordered_json j;
  auto num = [](double v) { return std::isfinite(v) ? nlohmann::ordered_json(std::round(v * 1e4) / 1e4) : nlohmann::ordered_json(nullptr); };
  j["origins"] = r.origins;
  j["first_origin"] = r.first_origin;
  j["last_origin"] = r.last_origin;
  j["k"] = r.k;
  j["units"] = r.units;
  j["random_inspections"] = r.random_inspections;
  j["planted_problems"] = r.planted_problems;
  for (const auto& m : r.methods)
    j["methods"].push_back({{"method", m.method},
                            {"auc_inspections", num(m.auc_inspections)},
                            {"lift_inspections", num(m.lift_inspections)},
                            {"auc_planted", num(m.auc_planted)},
                            {"precision_at_k", num(m.precision_at_k)},
                            {"recall_at_k", num(m.recall_at_k)},
                            {"lift_at_k", num(m.lift_at_k)}});
  for (const auto& d : r.delays)
    j["detection_delay"].push_back({{"size_class", d.size_class}, {"problems", d.problems},
                                    {"detected", d.detected}, {"median_months", num(d.median_delay_months)}});
  for (const auto& c : r.calibration)
    j["calibration"].push_back({{"quintile", c.quintile}, {"mean_score", num(c.mean_score)},
                                {"random_inspections", c.inspected}, {"finding_rate", num(c.finding_rate)},
                                {"planted_rate", num(c.planted_rate)}});
  for (const auto& e : r.equity)
    j["equity"].push_back({{"municipality_population", e.size_class}, {"units", e.units},
                           {"flag_rate_without_problem", num(e.flag_rate_without_problem)},
                           {"flag_rate_with_problem", num(e.flag_rate_with_problem)},
                           {"raw_counts_flag_rate_without_problem", num(e.raw_count_flag_rate_without_problem)}});
  j["false_alarms_per_month"] = num(r.false_alarms_per_month);
  j["expected_false_alarms_per_month"] = num(r.expected_false_alarms_per_month);
  j["seconds"] = num(r.seconds);
  return j.dump(2);
}

std::string backtest_table(const BacktestReport& r) {
  std::string out;
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "backtest: %d monthly origins %s to %s, k = %zu of %zu units, %d random inspections, %d planted "
                "problems (%.1f s)\n\n",
                r.origins, r.first_origin.c_str(), r.last_origin.c_str(), r.k, r.units, r.random_inspections,
                r.planted_problems, r.seconds);
  out += buf;
  out += "method        AUC(insp.)  lift(insp.)  AUC(planted)  precision@k  recall@k  lift@k\n";
  for (const auto& m : r.methods) {
    std::snprintf(buf, sizeof buf, "%-12s  %10.3f  %11.2f  %12.3f  %11.3f  %8.3f  %6.2f\n", m.method.c_str(),
                  m.auc_inspections, m.lift_inspections, m.auc_planted, m.precision_at_k, m.recall_at_k, m.lift_at_k);
    out += buf;
  }
  out += "\ndetection delay of planted problems (flagged in the top k or an alarm in force)\n";
  for (const auto& d : r.delays) {
    std::snprintf(buf, sizeof buf, "  %-7s  %d of %d detected, median %.1f months\n", d.size_class.c_str(), d.detected,
                  d.problems, d.median_delay_months);
    out += buf;
  }
  out += "\ncalibration (composite score quintiles)\n  quintile  mean score  random insp.  finding rate  planted rate\n";
  for (const auto& c : r.calibration) {
    std::snprintf(buf, sizeof buf, "  %8d  %10.2f  %12d  %12.3f  %12.4f\n", c.quintile, c.mean_score, c.inspected,
                  c.finding_rate, c.planted_rate);
    out += buf;
  }
  out += "\nequity: top-k flag rate by municipality population\n  class              units  no problem  with problem  raw counts (no problem)\n";
  for (const auto& e : r.equity) {
    std::snprintf(buf, sizeof buf, "  %-17s  %5d  %10.3f  %12.3f  %10.3f\n", e.size_class.c_str(), e.units,
                  e.flag_rate_without_problem, e.flag_rate_with_problem, e.raw_count_flag_rate_without_problem);
    out += buf;
  }
  std::snprintf(buf, sizeof buf, "\nalarms at units without a planted problem: %.1f a month (expected by chance %.1f)\n",
                r.false_alarms_per_month, r.expected_false_alarms_per_month);
  out += buf;
  return out;
}

}  // namespace vaksam::risk
