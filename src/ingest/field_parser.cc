#include "ingest/field_parser.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "common/text.h"
#include "privacy/identity_scan.h"
#include "privacy/org_number.h"
#include "reference/code_list.h"
#include "reference/geography.h"

namespace vaksam::ingest {

namespace {

using model::FieldType;

ParsedField ok(model::Value v) { return {std::move(v), {}}; }
ParsedField bad(std::string why) { return {std::monostate{}, std::move(why)}; }

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Removes the spaces Swedish Excel puts between thousands ("1 234", "1\u00a0234").
std::string strip_group_spaces(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ') continue;
    if (s.compare(i, 2, "\xC2\xA0") == 0) { ++i; continue; }
    if (s.compare(i, 3, "\xE2\x80\xAF") == 0) { i += 2; continue; }
    out += s[i];
  }
  return out;
}

// Excel drops leading zeros from codes stored as numbers ("114" for "0114").
std::string pad_code(std::string_view s, size_t width) {
  return s.size() < width ? std::string(width - s.size(), '0') + std::string(s) : std::string(s);
}

ParsedField parse_identifier(std::string_view s) {
  if (s.size() > kMaxIdBytes) return bad("an identifier may have at most 64 bytes");
  if (has_control_chars(s) || s.find_first_of("\t\r\n") != std::string_view::npos)
    return bad("an identifier may not contain control characters or line breaks");
  return ok(std::string(s));
}

ParsedField parse_text(const model::FieldSpec& f, std::string_view s, const Date& today) {
  const size_t limit = f.max_bytes ? f.max_bytes : model::kDefaultTextBytes;
  if (s.size() > limit)
    return bad("the text is " + std::to_string(s.size()) + " bytes; the limit is " + std::to_string(limit));
  if (has_control_chars(s)) return bad("the text contains control characters");
  // An identity number written into free text is masked before it can be stored.
  return ok(privacy::mask_identity_numbers(s, today));
}

ParsedField parse_date(const model::FieldSpec& f, std::string_view s, const Date& today) {
  auto d = parse_iso_date(s);
  if (!d) return bad("not a valid date; write it as YYYY-MM-DD (e.g. 2024-03-15)");
  if (!f.future_ok && *d > today) return bad("the date " + d->iso() + " lies in the future");
  if (d->year < 1900) return bad("the date " + d->iso() + " is before 1900");
  return ok(d->iso());
}

ParsedField parse_integer(std::string_view raw) {
  std::string s = strip_group_spaces(raw);
  if (!all_digits(s) || s.size() > 12) return bad("not a whole number of 0 or more");
  int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return ok(v);
}

ParsedField parse_decimal(std::string_view raw) {
  std::string s = strip_group_spaces(raw);
  const bool comma = s.find(',') != std::string::npos, point = s.find('.') != std::string::npos;
  if (comma && point) return bad("not a number: use a decimal comma or a decimal point, not both");
  std::replace(s.begin(), s.end(), ',', '.');
  if (!s.empty() && s[0] == '+') s.erase(0, 1);
  // Excel writes a minus sign as U+2212 in some locales.
  if (s.rfind("\xE2\x88\x92", 0) == 0) s.replace(0, 3, "-");
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v) || s.empty())
    return bad("not a number (examples: 12,5 or 1 234)");
  return ok(v);
}

ParsedField parse_code(const model::FieldSpec& f, std::string_view s) {
  const auto& list = reference::CodeList::builtin(f.code_list);
  if (auto code = list.resolve(s)) return ok(*code);
  return bad("unknown value; allowed: " + list.codes_joined());
}

ParsedField parse_code_set(const model::FieldSpec& f, std::string_view s) {
  const auto& list = reference::CodeList::builtin(f.code_list);
  std::vector<std::string> codes;
  std::string separators = s.find('|') != std::string_view::npos ? "|" : ",";
  for (std::string_view part : split(s, separators[0])) {
    if (trim(part).empty()) continue;
    auto code = list.resolve(part);
    if (!code) return bad("unknown value in the list; allowed: " + list.codes_joined() + " (separated by |)");
    codes.push_back(*code);
  }
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  if (codes.empty()) return ok(std::monostate{});
  std::string joined;
  for (const auto& c : codes) joined += (joined.empty() ? "" : "|") + c;
  return ok(joined);
}

ParsedField parse_kommunkod(std::string_view s) {
  if (!all_digits(s) || s.size() < 3 || s.size() > 4) return bad("a kommunkod has 4 digits (e.g. 0180)");
  std::string code = pad_code(s, 4);
  if (!reference::Geography::builtin().municipality(code))
    return bad("no municipality has the kommunkod " + code);
  return ok(code);
}

ParsedField parse_region_code(std::string_view s) {
  if (!all_digits(s) || s.size() > 2) return bad("a region (län) code has 2 digits (e.g. 01)");
  std::string code = pad_code(s, 2);
  if (!reference::Geography::builtin().region(code)) return bad("no region has the code " + code);
  return ok(code);
}

ParsedField parse_area_code(std::string_view s) {
  if (all_digits(s) && s.size() <= 2) {
    if (pad_code(s, 2) == "00") return ok(std::string("00"));
    return parse_region_code(s);
  }
  if (all_digits(s) && (s.size() == 3 || s.size() == 4)) return parse_kommunkod(s);
  return bad("an area code is 00 (Sweden), a 2-digit region code or a 4-digit kommunkod");
}

ParsedField parse_period(std::string_view s, const Date& today) {
  const char* usage = "a period is YYYY, YYYY-Qn or YYYY-MM (e.g. 2024, 2024-Q2, 2024-05)";
  if (s.size() < 4 || !all_digits(s.substr(0, 4))) return bad(usage);
  const int year = std::stoi(std::string(s.substr(0, 4)));
  Date start{year, 1, 1};
  std::string normal(s.substr(0, 4));
  if (s.size() == 4) {
  } else if (s.size() == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'q') && s[6] >= '1' && s[6] <= '4') {
    start.month = (s[6] - '1') * 3 + 1;
    normal += "-Q" + std::string(1, s[6]);
  } else if (s.size() == 7 && s[4] == '-' && all_digits(s.substr(5, 2))) {
    start.month = std::stoi(std::string(s.substr(5, 2)));
    if (start.month < 1 || start.month > 12) return bad(usage);
    normal += "-" + std::string(s.substr(5, 2));
  } else {
    return bad(usage);
  }
  if (year < 1900) return bad("the period is before 1900");
  if (start > today) return bad("the period " + normal + " lies in the future");
  return ok(normal);
}

}  // namespace

ParsedField parse_field(const model::FieldSpec& f, std::string_view raw, const Date& today) {
  const std::string_view s = trim(raw);
  if (s.empty()) return ok(std::monostate{});
  switch (f.type) {
    case FieldType::id:
    case FieldType::reference: return parse_identifier(s);
    case FieldType::text:
    case FieldType::narrative: return parse_text(f, s, today);
    case FieldType::date: return parse_date(f, s, today);
    case FieldType::integer: return parse_integer(s);
    case FieldType::decimal: return parse_decimal(s);
    case FieldType::code: return parse_code(f, s);
    case FieldType::code_set: return parse_code_set(f, s);
    case FieldType::kommunkod: return parse_kommunkod(s);
    case FieldType::region_code: return parse_region_code(s);
    case FieldType::area_code: return parse_area_code(s);
    case FieldType::org_number:
      if (auto n = privacy::normalize_org_number(s)) return ok(*n);
      return bad("not a valid organisationsnummer (NNNNNN-NNNN with a correct check digit)");
    case FieldType::period: return parse_period(s, today);
    case FieldType::identity_number:
    case FieldType::pseudonym: break;
  }
  return bad("internal error: this field is not parsed here");
}

}  // namespace vaksam::ingest
