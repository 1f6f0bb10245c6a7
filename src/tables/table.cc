#include "tables/table.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "stats/poisson.h"

namespace vaksam::tables {

namespace {

std::string format_per(double per) {
  // 100000 -> "100 000": Swedish thousands separator.
  std::string digits = std::to_string(static_cast<long long>(per)), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return out;
}

MonthRange period_months(const Axis& a, int k) {
  const int p = a.period_origin + k;
  if (a.dim == Dim::year) return {p * 12, p * 12 + 11};
  if (a.dim == Dim::quarter) return {p * 3, p * 3 + 2};
  return {p, p};
}

MonthRange intersect(MonthRange a, MonthRange b) { return {std::max(a.first, b.first), std::min(a.last, b.last)}; }

bool has_from_to(const std::vector<Filter>& filters) {
  for (const auto& f : filters)
    if (f.key == "from" || f.key == "to") return true;
  return false;
}

}  // namespace

const TableCell* TableResult::find(const std::vector<std::string>& codes) const {
  if (codes.size() != axes.size()) return nullptr;
  std::vector<int> want(codes.size());
  for (size_t a = 0; a < codes.size(); ++a) {
    if (codes[a].empty() || codes[a] == "total") {
      if (!has_total[a]) return nullptr;
      want[a] = kTotal;
      continue;
    }
    int k = -2;
    for (size_t j = 0; j < axes[a].categories.size(); ++j)
      if (axes[a].categories[j].code == codes[a]) k = static_cast<int>(j);
    if (k == -2) return nullptr;
    want[a] = k;
  }
  for (const auto& c : cells)
    if (c.codes == want) return &c;
  return nullptr;
}

std::string TableResult::label(const TableCell& c, bool english) const {
  std::string out;
  for (size_t a = 0; a < axes.size(); ++a) {
    out += a ? " × " : "";
    if (c.codes[a] == kTotal) out += english ? "Total" : "Totalt";
    else {
      const auto& cat = axes[a].categories[static_cast<size_t>(c.codes[a])];
      out += english ? cat.en : cat.sv;
    }
  }
  return out;
}

TableResult build_table(const facts::Dataset& d, const TableSpec& spec, const Population& population) {
  TableResult r;
  r.title_sv = spec.title_sv;
  r.title_en = spec.title_en;
  r.filters = describe(spec.filters);
  std::vector<std::string> dims = spec.dimensions;
  for (auto& n : dims)
    if (n == "kind") n = "case_kind";
  const bool has_sex = std::find(dims.begin(), dims.end(), "sex") != dims.end();
  if (spec.no_sex) {
    if (has_sex) throw std::invalid_argument("sex is both asked for and removed (--no-sex)");
    r.sex_included = false;
    r.notes.push_back("Sex was removed on purpose (--no-sex): this table is not sex-disaggregated.");
  } else if (!has_sex) {
    dims.insert(dims.begin(), "sex");
    r.notes.push_back("Sex was added as the first dimension: tables are always split by sex unless --no-sex.");
  }
  for (size_t i = 0; i < dims.size(); ++i)
    for (size_t j = i + 1; j < dims.size(); ++j)
      if (dims[i] == dims[j]) throw std::invalid_argument("the dimension '" + dims[i] + "' is given twice");

  const Selection sel = select_cases(d, spec.filters);
  r.cases_selected = sel.cases.size();
  r.months = sel.observed;
  if (sel.cases.empty())
    r.notes.push_back("No case matches the filters" + (r.filters.empty() ? std::string() : " (" + r.filters + ")") +
                      ": every count is 0.");
  for (const auto& n : dims) r.axes.push_back(make_axis(n, d, sel.months, sel.cases));

  // The disclosure table: one dimension per axis, with a total unless multi-valued.
  std::vector<privacy::Dimension> pdims;
  std::vector<size_t> leaf_stride(r.axes.size());
  size_t leaves = 1, cells = 1;
  for (size_t a = 0; a < r.axes.size(); ++a) {
    const Axis& ax = r.axes[a];
    if (ax.categories.empty()) throw std::invalid_argument("the dimension '" + ax.name + "' has no categories here");
    std::vector<std::string> labels;
    for (const auto& c : ax.categories) labels.push_back(c.sv);
    r.has_total.push_back(ax.multi_valued ? 0 : 1);
    pdims.push_back(privacy::flat_dimension(ax.sv, labels, !ax.multi_valued));
    leaves *= ax.categories.size();
    cells *= ax.categories.size() + (ax.multi_valued ? 0 : 1);
    if (ax.multi_valued)
      r.notes.push_back("A case can fall in several categories of " + ax.name +
                        " (or none): they overlap and have no total.");
  }
  if (cells > kMaxTableCells)
    throw std::invalid_argument("the table would have " + std::to_string(cells) + " cells; at most " +
                                std::to_string(kMaxTableCells) +
                                " can be protected in reasonable time: use fewer dimensions or filters");
  for (size_t a = r.axes.size(); a-- > 0;)
    leaf_stride[a] = a + 1 == r.axes.size() ? 1 : leaf_stride[a + 1] * r.axes[a + 1].categories.size();

  std::vector<int64_t> counts(leaves, 0);
  std::vector<std::vector<int>> vals(r.axes.size());
  std::vector<size_t> pick(r.axes.size());
  for (uint32_t i : sel.cases) {
    bool none = false;
    for (size_t a = 0; a < r.axes.size(); ++a) {
      vals[a].clear();
      r.axes[a].values(d, i, vals[a]);
      none = none || vals[a].empty();
    }
    if (none) continue;  // e.g. a violence case with no form found
    // Every combination of the case's values (more than one only on multi-valued axes).
    std::fill(pick.begin(), pick.end(), 0);
    while (true) {
      size_t leaf = 0;
      for (size_t a = 0; a < r.axes.size(); ++a) leaf += static_cast<size_t>(vals[a][pick[a]]) * leaf_stride[a];
      ++counts[leaf];
      size_t a = r.axes.size();
      while (a-- > 0 && ++pick[a] == vals[a].size()) pick[a] = 0;
      if (a == static_cast<size_t>(-1)) break;
    }
  }

  const privacy::CountTable table(pdims, counts);
  const privacy::ProtectedTable prot = privacy::protect_table(table, spec.disclosure);
  r.primary = prot.count(privacy::CellStatus::primary);
  r.secondary = prot.count(privacy::CellStatus::secondary);

  // Rates: only if no axis splits the population in a way the denominator cannot follow.
  r.rates = spec.denominator.kind != DenominatorKind::none;
  for (const auto& ax : r.axes) {
    const std::string why = rate_obstacle(spec.denominator, ax);
    if (!why.empty() && spec.denominator.kind != DenominatorKind::none) {
      r.rates = false;
      r.notes.push_back("No rates: " + why + ".");
    }
  }
  if (r.rates) {
    r.rate_unit_sv = "per " + format_per(spec.denominator.per) + " personår (" + spec.denominator.label_sv + ")";
    r.rate_unit_en = "per " + format_per(spec.denominator.per) + " person-years (" + spec.denominator.label_en + ")";
  }

  bool approximate = false, missing_denominator = false, zero_denominator = false;
  size_t shown_nonzero = 0, suppressed = 0;
  for (size_t cell = 0; cell < table.size(); ++cell) {
    const auto coords = table.coordinates(cell);
    TableCell c;
    for (size_t a = 0; a < r.axes.size(); ++a)
      c.codes.push_back(r.has_total[a] ? coords[a] - 1 : coords[a]);  // code 0 is the total
    c.count = prot.released(cell);
    if (!c.count) {
      ++suppressed;
      r.cells.push_back(std::move(c));
      continue;
    }
    if (*c.count > 0) ++shown_nonzero;
    if (r.rates) {
      CellScope scope;
      scope.months = sel.observed;
      for (size_t a = 0; a < r.axes.size(); ++a) {
        if (c.codes[a] == kTotal) continue;
        const Axis& ax = r.axes[a];
        const std::string& code = ax.categories[static_cast<size_t>(c.codes[a])].code;
        const bool unknown = code == kUnknownCode;
        switch (ax.dim) {
          case Dim::sex: scope.sex = code, scope.undefined |= unknown; break;
          case Dim::age_band: scope.age_band = code, scope.undefined |= unknown; break;
          case Dim::municipality: scope.area = code, scope.undefined |= unknown; break;
          case Dim::region:
            if (scope.area.size() != 4) scope.area = code;
            scope.undefined |= unknown;
            break;
          case Dim::year:
          case Dim::quarter:
          case Dim::month: scope.months = intersect(scope.months, period_months(ax, c.codes[a])); break;
          default: break;
        }
      }
      const auto py = person_years(spec.denominator, population, d, scope, &approximate);
      if (!py) {
        if (!scope.undefined) missing_denominator = true;
      } else if (*py <= 0) {
        zero_denominator = true;
      } else {
        const double per = spec.denominator.per;
        const auto ci = stats::garwood_interval(*c.count);
        c.person_years = *py;
        c.rate = static_cast<double>(*c.count) / *py * per;
        c.rate_lower = ci.lower / *py * per;
        c.rate_upper = ci.upper / *py * per;
      }
    }
    r.cells.push_back(std::move(c));
  }
  r.all_suppressed = suppressed > 0 && shown_nonzero == 0;
  if (suppressed)
    r.notes.push_back("Cells marked " + std::string(privacy::kSuppressedMark) +
                      " are suppressed (counts 1-" + std::to_string(spec.disclosure.threshold - 1) +
                      ", and further cells so that none can be derived from the others); no rate is given for them.");
  if (r.all_suppressed)
    r.notes.push_back("Every non-zero cell of this table is suppressed: it describes too few cases to publish at "
                      "this level of detail. Use fewer dimensions, wider periods or fewer filters.");
  if (r.rates) {
    r.notes.push_back("Rates with exact (Garwood) 95 % Poisson intervals, " + r.rate_unit_en +
                      "; person-time covers " +
                      (has_from_to(spec.filters) ? std::string("the months from..to of the filters")
                                                 : std::string("whole calendar years of the selected cases")) +
                      ".");
    if (spec.denominator.kind == DenominatorKind::population) r.notes.push_back(population.note(approximate));
    if (missing_denominator)
      r.notes.push_back("Some cells have no rate: the denominator has no figure for their group or year.");
    if (zero_denominator) r.notes.push_back("Some cells have no rate: their denominator is 0.");
    for (const auto& ax : r.axes)
      if (ax.categories.back().code == kUnknownCode && ax.splits_population) {
        r.notes.push_back("Cases with unknown " + ax.name + " count in the totals but have no population of their own.");
      }
  }
  return r;
}

}  // namespace vaksam::tables
