// Early warning inside the engine: per entity, a Poisson CUSUM over the last months of
// linked alarm-indicator events, its in-control mean from the entity's own shrunken rate
// in the months before, its threshold calibrated by run length (cusum_calibration.h).
#include <algorithm>
#include <cmath>

#include "common/date.h"
#include "risk/cusum.h"
#include "risk/engine_internal.h"
#include "risk/shrinkage.h"

namespace vaksam::risk {

void compute_alarms(const RiskEngine::Prepared& p, const facts::Dataset& d, const PriorityModel& model,
                    facts::Day as_of, RiskResult& result, std::array<std::vector<EntityScore>, kLevels>& scores) {
  if (!p.alarm_bits || d.units.empty()) return;
  const auto& c = d.cases;
  const int months = model.monitor_months + model.baseline_months;
  const int last = facts::month_index(as_of);
  const int first = last - months + 1;
  const facts::Day first_day = static_cast<facts::Day>(
      Date{first / 12, first % 12 + 1, 1}.days_since_epoch());
  const size_t nu = d.units.size();

  // Monthly linked events per unit.
  std::vector<double> series(nu * months, 0.0);
  std::vector<char> seen(c.size(), 0);
  auto lo = std::lower_bound(p.by_date.begin(), p.by_date.end(), first_day,
                             [&](uint32_t i, facts::Day day) { return c.received[i] < day; });
  for (auto it = lo; it != p.by_date.end() && c.received[*it] <= as_of; ++it) {
    uint32_t i = *it;
    if (!(p.case_mask[i] & p.alarm_bits) || c.unit[i] == facts::kNone) continue;
    uint32_t r = p.root[i];
    if (seen[r]) continue;
    seen[r] = 1;
    if (c.received[r] < first_day) continue;
    int month = facts::month_index(c.received[r]) - first;
    series[c.unit[i] * months + month] += 1;
  }

  // In-control means: the baseline count shrunk towards the stratum's rate, over the
  // baseline months that have data (a young database has a shorter baseline).
  const int data_start = d.first_case == facts::kNoDay ? last : facts::month_index(d.first_case) - first;
  const int base_from = std::clamp(data_start, 0, model.baseline_months);
  const int base_months = model.baseline_months - base_from;
  if (base_months < 6) return;  // too little history to know what is normal
  // Monthly means from months [from, to) of the series, each shrunk towards its stratum.
  auto shrunk_means = [&](int from, int to) {
    std::vector<double> base(nu, 0), expected(nu, 0);
    std::vector<double> stratum_events(p.strata, 0), stratum_exposure(p.strata, 0);
    for (size_t u = 0; u < nu; ++u) {
      for (int t = from; t < to; ++t) base[u] += series[u * months + t];
      stratum_events[p.stratum[u]] += base[u];
      stratum_exposure[p.stratum[u]] += p.exposure[u];
    }
    for (size_t u = 0; u < nu; ++u) {
      size_t s = p.stratum[u];
      expected[u] = stratum_exposure[s] > 0 ? p.exposure[u] * stratum_events[s] / stratum_exposure[s] : 0;
    }
    GammaPrior prior = fit_gamma_prior(base, expected);
    std::vector<double> mean(nu, 0);
    for (size_t u = 0; u < nu; ++u) {
      if (expected[u] <= 0) continue;
      double theta = (prior.shape + base[u]) / (prior.rate() + expected[u]);
      mean[u] = theta * expected[u] / (to - from);
    }
    return mean;
  };
  const std::vector<double> mean = shrunk_means(base_from, model.baseline_months);

  // Extra-Poisson variation, measured out of sample: means from the first half of the
  // baseline against the counts of the second half (season, drift and the error of an
  // estimated mean all widen it). The thresholds are calibrated for it.
  const int half = base_from + base_months / 2;
  const auto early = shrunk_means(base_from, half);
  // Dispersion phi = variance / mean, by Pearson's statistic.
  double pearson = 0, cells = 0;
  for (size_t u = 0; u < nu; ++u) {
    if (early[u] <= 0) continue;
    for (int t = half; t < model.baseline_months; ++t) {
      double x = series[u * months + t] - early[u];
      pearson += x * x / early[u];
      cells += 1;
    }
  }
  const double phi = cells > 0 ? std::clamp(pearson / cells, 1.0, 10.0) : 1.0;
  result.alarm_dispersion = phi;
  const auto& calibration = p.calibration_for(phi, model);

  for (int l = 0; l < kLevels; ++l) {
    const size_t n = scores[l].size();
    std::vector<double> agg(n * months, 0.0), m(n, 0.0);
    for (uint32_t u = 0; u < nu; ++u) {
      uint32_t e = parent_of(p, d, static_cast<Level>(l), u);
      if (e == facts::kNone || mean[u] <= 0) continue;
      m[e] += mean[u];
      for (int t = 0; t < months; ++t) agg[e * months + t] += series[u * months + t];
    }
    const auto& cal = calibration[l];
    CusumOptions options;
    options.k = cal.k();
    options.transform = CusumTransform::kStandard;
    std::vector<CusumPoint> points(model.monitor_months);
    for (size_t e = 0; e < n; ++e) {
      if (m[e] <= 0) continue;
      options.m = m[e];
      options.h = cal.threshold(m[e]);
      std::span<const double> obs(&agg[e * months], months);
      cusum(obs, model.baseline_months, options, points);
      auto& s = scores[l][e];
      s.in_control_mean = m[e];
      s.cusum = points.back().statistic;
      s.cusum_threshold = options.h;
      s.alarm = points.back().alarm;
      if (s.alarm) {
        int t = model.monitor_months - 1;
        while (t > 0 && points[t - 1].alarm) --t;
        s.alarm_since = first + model.baseline_months + t;
      }
      // The rise: the posterior probability that the recent rate is a multiple (threshold,
      // 2x or 3x it) of the in-control rate rather than the same, from prior odds
      // change_prior : 1 - change_prior. The Poisson likelihood ratio of rate rho*mu against
      // mu for R events is rho^R exp(-(rho - 1) mu).
      const int recent = model.change_recent_months;
      for (int t = months - recent; t < months; ++t) s.recent_events += agg[e * months + t];
      const double mu = m[e] * recent;
      double bayes_factor = 0;
      for (double times : {1.0, 2.0, 3.0}) {
        const double rho = model.change_threshold * times;
        bayes_factor += std::exp(s.recent_events * std::log(rho) - (rho - 1) * mu) / 3;
      }
      const double odds = model.change_prior / (1 - model.change_prior) * bayes_factor;
      s.change_probability = std::isfinite(odds) ? odds / (1 + odds) : 1.0;
      if (l == 0) {
        ++result.units_monitored;
        result.expected_false_alarms += cal.false_alarm_probability(m[e]);
        result.alarms += s.alarm;
      }
    }
  }
}

}  // namespace vaksam::risk
