#include "risk/funnel_report.h"

#include <algorithm>
#include <cmath>

#include "risk/funnel.h"
#include "risk/funnel_limits.h"

namespace vaksam::risk {

size_t funnel_indicator(const PriorityModel& model, const std::string& indicator) {
  size_t k = model.indicators.size();
  for (size_t i = 0; i < model.indicators.size(); ++i)
    if (model.indicators[i].id == indicator) k = i;
  if (k == model.indicators.size()) {
    std::string ids;
    for (const auto& d : model.indicators) ids += (ids.empty() ? "" : ", ") + d.id;
    throw FunnelError(FunnelError::Kind::unknown_indicator,
                      "no indicator '" + indicator + "'; the indicators are " + ids);
  }
  const auto& def = model.indicators[k];
  if (def.type != DataType::ratio && def.type != DataType::proportion)
    throw FunnelError(FunnelError::Kind::no_funnel,
                      "'" + indicator + "' is a count or an external value: it has no funnel plot");
  return k;
}

nlohmann::ordered_json funnel_json(const RiskResult& result, const std::string& indicator, Level level,
                                   bool truncate) {
  const size_t k = funnel_indicator(result.model, indicator);
  const auto& def = result.model.indicators[k];
  const auto& lv = result.level(level);
  std::vector<FunnelInput> in;
  std::vector<size_t> which;
  for (size_t e = 0; e < lv.ids.size(); ++e) {
    const auto& v = lv.value(e, k);
    if (!v.applicable || !(v.expected > 0)) continue;
    in.push_back({std::min<double>(v.observed, def.type == DataType::proportion ? v.expected : v.observed),
                  v.expected});
    which.push_back(e);
  }
  if (in.size() < 2)
    throw FunnelError(FunnelError::Kind::too_few, "'" + indicator + "' applies to fewer than two entities at level " +
                                                      std::string(level_name(level)));
  FunnelOptions fo;
  fo.type = def.type == DataType::ratio ? FunnelType::kRatio : FunnelType::kProportion;
  fo.ratio_method = RatioMethod::kCqc;
  fo.trimming = truncate ? Trimming::kTruncate : Trimming::kWinsorise;
  auto f = funnel_compare(in, fo);
  nlohmann::ordered_json j;
  j["indicator"] = def.id;
  j["name_sv"] = def.name_sv;
  j["name_en"] = def.name_en;
  j["level"] = std::string(level_name(level));
  j["as_of"] = facts::day_iso(result.as_of);
  j["method"] = def.type == DataType::ratio ? "ratio, square-root transform (CQC), limits squared back"
                                            : "proportion, arcsine transform";
  j["trimming"] = truncate ? "truncated" : "winsorised";
  j["target"] = f.target;
  j["phi"] = f.phi;
  j["tau2"] = f.tau2;
  j["overdispersed"] = f.overdispersed;
  auto points = nlohmann::ordered_json::array();
  for (size_t i = 0; i < which.size(); ++i) {
    const auto& u = f.units[i];
    points.push_back({{"id", lv.ids[which[i]]}, {"name", lv.names[which[i]]}, {"numerator", in[i].numerator},
                      {"denominator", in[i].denominator}, {"value", u.plotted_value}, {"z", u.z}, {"z_od", u.z_od},
                      {"outlier", u.outlier}, {"od_out95", u.od_out95}});
  }
  j["points"] = std::move(points);
  // The limits over the range of denominators, for drawing.
  double lo = in[0].denominator, hi = lo;
  for (const auto& x : in) lo = std::min(lo, x.denominator), hi = std::max(hi, x.denominator);
  auto spec = funnel_limit_spec(f, fo);
  auto grid = nlohmann::ordered_json::array();
  for (int g = 0; g <= 100; ++g) {
    double dnm = lo * std::pow(hi / lo, g / 100.0);
    auto l = limits_at(dnm, spec);
    grid.push_back({{"denominator", dnm}, {"lcl95", l.lcl95}, {"ucl95", l.ucl95}, {"lcl998", l.lcl998},
                    {"ucl998", l.ucl998}, {"od_lcl95", l.od_lcl95}, {"od_ucl95", l.od_ucl95},
                    {"od_lcl998", l.od_lcl998}, {"od_ucl998", l.od_ucl998}});
  }
  j["limits"] = std::move(grid);
  return j;
}

}  // namespace vaksam::risk
