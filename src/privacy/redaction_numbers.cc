// Numeric identifiers: identity and coordination numbers, organisation
// numbers, phone numbers and postcodes.
#include <algorithm>
#include <array>
#include <optional>

#include "privacy/identity_number.h"
#include "privacy/identity_scan.h"
#include "privacy/org_number.h"
#include "privacy/redaction_internal.h"

namespace vaksam::privacy::detail {

namespace {

size_t digit_run(std::string_view text, size_t from) {
  size_t end = from;
  while (end < text.size() && is_digit(text[end])) ++end;
  return end - from;
}

// A separator character that is not alphanumeric but still ties the number to
// what precedes it: "3.1.1-12345", "2023/145", "08.15", "1 250 000".
bool joined_to_digits_before(std::string_view text, size_t i) {
  if (i == 0) return false;
  const CodePoint c = decode_before(text, i);
  switch (c.cp) {
    case '-':
    case '/':
    case '.':
    case ':':
    case ',':
    case 0x2013:  // –
    case 0x2011:  // non-breaking hyphen
      return i >= c.len + 1 && is_digit(text[i - c.len - 1]);
    default:
      return false;
  }
}

// No letter or digit right before `i`, and not the continuation of a number.
bool number_starts_at(std::string_view text, size_t i) {
  return !alnum_before(text, i) && !joined_to_digits_before(text, i);
}

// A dash as people type it between number groups: '-', U+2011 or U+2013.
size_t dash_at(std::string_view text, size_t i) {
  if (i >= text.size()) return 0;
  if (text[i] == '-') return 1;
  if (unicode_dash_at(text, i)) return 3;
  return 0;
}

size_t space_at(std::string_view text, size_t i) {
  if (i >= text.size()) return 0;
  if (text[i] == ' ') return 1;
  if (nbsp_at(text, i)) return 2;
  return 0;
}

// "1 234 56": a group of a number written with spaces.
bool grouped_after_number(std::string_view text, size_t i) {
  if (i >= 2 && text[i - 1] == ' ' && is_digit(text[i - 2])) return true;
  return i >= 3 && text.substr(i - 2, 2) == "\xC2\xA0" && is_digit(text[i - 3]);
}

bool ends_number_at(std::string_view text, size_t i) {
  if (i >= text.size()) return true;
  if (is_digit(text[i])) return false;
  // "…-1234-5" or "…1234,56" continue the number.
  if ((text[i] == '-' || text[i] == ',' || text[i] == '.' || text[i] == '/') && i + 1 < text.size() &&
      is_digit(text[i + 1])) {
    return false;
  }
  return !alnum_at(text, i);
}

// ---- identity numbers -----------------------------------------------------

PiiType identity_kind(std::string_view span) {
  std::string digits;
  for (char c : span)
    if (is_digit(c)) digits.push_back(c);
  if (digits.size() < 10) return PiiType::personnummer;
  const std::string_view date = std::string_view(digits).substr(0, digits.size() - 4);
  const int day = (date[date.size() - 2] - '0') * 10 + (date[date.size() - 1] - '0');
  return day > 60 ? PiiType::samordningsnummer : PiiType::personnummer;
}

bool valid_identity(std::string_view date_part, std::string_view birth, char sep, const Date& today) {
  std::string candidate(date_part);
  candidate.push_back(sep);
  candidate.append(birth);
  return parse_identity_number(candidate, today).number.has_value();
}

// A phone number written as ten digits ("0701740642") can also pass as a
// coordination number; the words before it decide.
bool phone_context_before(std::string_view text, size_t begin) {
  const size_t from = begin > 32 ? begin - 32 : 0;
  std::string before;
  for (char c : text.substr(from, begin - from))
    before.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
  for (std::string_view id : {"pnr", "personnummer", "personnr", "samordningsn", "född", "p-nr"}) {
    if (before.find(id) != std::string::npos) return false;
  }
  for (std::string_view cue : {"tel", "tfn", "mobil", "nummer", " nr", "ring", "sms", "nås", "nr:"}) {
    if (before.find(cue) != std::string::npos) return true;
  }
  return false;
}

// Forms that find_identity_numbers does not know: "1985-03-15-1234",
// "850315 - 1234", and a masked birth number "850315-XXXX".
void find_other_identity_forms(std::string_view text, const Date& today, std::vector<Redaction>& out) {
  size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    const size_t run = digit_run(text, i);
    if (!number_starts_at(text, i) || alnum_before(text, i)) {
      i += run;
      continue;
    }
    // YYYY-MM-DD-NNNN
    if (run == 4 && i + 15 <= text.size() && text[i + 4] == '-' && digit_run(text, i + 5) == 2 &&
        text[i + 7] == '-' && digit_run(text, i + 8) == 2 && text[i + 10] == '-' &&
        digit_run(text, i + 11) == 4 && ends_number_at(text, i + 15)) {
      std::string date;
      date.append(text.substr(i, 4)).append(text.substr(i + 5, 2)).append(text.substr(i + 8, 2));
      if (valid_identity(date, text.substr(i + 11, 4), '-', today)) {
        out.push_back({i, i + 15, identity_kind(text.substr(i, 15))});
        i += 15;
        continue;
      }
    }
    if (run == 6 || run == 8) {
      size_t j = i + run;
      // "850315 - 1234" / "850315 – 1234"
      const size_t s1 = space_at(text, j);
      const size_t d = s1 ? dash_at(text, j + s1) : 0;
      const size_t s2 = d ? space_at(text, j + s1 + d) : 0;
      if (s1 && d && s2 && digit_run(text, j + s1 + d + s2) == 4) {
        const size_t b = j + s1 + d + s2;
        if (ends_number_at(text, b + 4) && valid_identity(text.substr(i, run), text.substr(b, 4), '-', today)) {
          out.push_back({i, b + 4, identity_kind(text.substr(i, b + 4 - i))});
          i = b + 4;
          continue;
        }
      }
      // "850315-XXXX": the birth date alone still points at a person.
      const size_t d2 = dash_at(text, j);
      if (d2 && j + d2 + 4 <= text.size()) {
        const std::string_view mask = text.substr(j + d2, 4);
        if ((mask == "XXXX" || mask == "xxxx" || mask == "****") && !alnum_at(text, j + d2 + 4)) {
          const std::string_view date = text.substr(i, run);
          std::string birth = "000";
          birth.push_back(luhn_check_digit(std::string(date.substr(date.size() - 6)) + "000"));
          if (valid_identity(date, birth, '-', today)) {
            const int day = (date[date.size() - 2] - '0') * 10 + (date[date.size() - 1] - '0');
            out.push_back({i, j + d2 + 4, day > 60 ? PiiType::samordningsnummer : PiiType::personnummer});
            i = j + d2 + 4;
            continue;
          }
        }
      }
    }
    i += run;
  }
}

// ---- phone numbers ---------------------------------------------------------

// Between two groups of a phone number: a space, a dash or a slash, alone or
// with single spaces around ("070 - 123", "08/123").
size_t phone_separator_at(std::string_view text, size_t i) {
  size_t j = i;
  j += space_at(text, j);
  size_t mark = dash_at(text, j);
  if (mark == 0 && j < text.size() && text[j] == '/') mark = 1;
  j += mark;
  if (mark) j += space_at(text, j);
  if (j == i || j >= text.size() || !is_digit(text[j])) return 0;
  return j - i;
}

struct PhoneGroupEnd {
  size_t end;
  int digits;
};

bool plausible_phone(bool international, std::string_view digits_seen, int count, int groups) {
  if (international) {
    if (digits_seen.starts_with("46")) {
      const int national = count - 2;
      if (digits_seen.size() > 2 && digits_seen[2] == '7') return national == 9;
      return national >= 7 && national <= 9;
    }
    return count >= 8 && count <= 15;
  }
  if (digits_seen.size() >= 2 && digits_seen[1] == '7') return count == 10;
  if (groups == 1) return count >= 9 && count <= 10;
  return count >= 8 && count <= 10;
}

void find_phones_impl(std::string_view text, std::vector<Redaction>& out) {
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    bool international = false;
    bool paren = false;
    size_t pos;
    if (c == '+' && i + 1 < text.size() && is_digit(text[i + 1]) && text[i + 1] != '0' &&
        !alnum_before(text, i)) {
      international = true;
      pos = i + 1;
    } else if (c == '0' && i + 2 < text.size() && text[i + 1] == '0' && text[i + 2] >= '1' &&
               text[i + 2] <= '9' && number_starts_at(text, i)) {
      international = true;
      pos = i + 2;
    } else if (c == '0' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9' &&
               number_starts_at(text, i)) {
      pos = i;
    } else if (c == '(' && i + 2 < text.size() && text[i + 1] == '0' && is_digit(text[i + 2]) &&
               !alnum_before(text, i)) {
      paren = true;
      pos = i + 1;
    } else {
      ++i;
      continue;
    }

    std::string digits;
    std::array<PhoneGroupEnd, 12> ends{};
    int n_groups = 0;
    size_t j = pos;
    while (n_groups < static_cast<int>(ends.size())) {
      const size_t run = digit_run(text, j);
      if (run == 0) break;
      digits.append(text.substr(j, run));
      j += run;
      ends[n_groups++] = {j, static_cast<int>(digits.size())};
      if (digits.size() > 15) break;
      if (paren && n_groups == 1) {
        // "(08) 465 004 33"
        if (j >= text.size() || text[j] != ')') break;
        ++j;
        j += space_at(text, j);
        if (j >= text.size() || !is_digit(text[j])) break;
        continue;
      }
      if (international && n_groups == 1 && digits == "46") {
        // "+46 (0)70…": the trunk zero in brackets is not dialled.
        size_t k = j + space_at(text, j);
        if (text.substr(k).starts_with("(0)")) {
          k += 3;
          k += space_at(text, k);
          size_t sep = dash_at(text, k);
          if (is_digit(k + sep < text.size() ? text[k + sep] : 'x')) {
            j = k + sep;
            continue;
          }
        }
      }
      const size_t sep = phone_separator_at(text, j);
      if (sep == 0) break;
      j += sep;
    }
    // The longest prefix of whole groups that has the length of a phone number.
    int best = -1;
    for (int g = 0; g < n_groups; ++g) {
      const int count = ends[g].digits;
      if (plausible_phone(international, std::string_view(digits).substr(0, count), count, g + 1)) {
        best = g;
      }
    }
    // A phone number does not run on into more digits.
    if (best >= 0 && best == n_groups - 1 && !ends_number_at(text, ends[best].end)) best = -1;
    if (best >= 0 && n_groups == 1 && digits.size() != static_cast<size_t>(ends[0].digits)) best = -1;
    if (best >= 0) {
      out.push_back({i, ends[best].end, PiiType::phone});
      i = ends[best].end;
    } else {
      i = std::max(pos, i + 1);
      while (i < text.size() && is_digit(text[i])) ++i;
    }
  }
}

}  // namespace

void find_identity_spans(std::string_view text, const Date& today, std::vector<Redaction>& out) {
  for (const TextSpan& s : find_identity_numbers(text, today)) {
    const std::string_view span = text.substr(s.begin, s.end - s.begin);
    if (span.size() == 10 && span[0] == '0' && phone_context_before(text, s.begin)) continue;
    out.push_back({s.begin, s.end, identity_kind(span)});
  }
  find_other_identity_forms(text, today, out);
}

void find_org_numbers(std::string_view text, std::vector<Redaction>& out) {
  size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    const size_t run = digit_run(text, i);
    const bool vat = i >= 2 && text[i - 2] == 'S' && text[i - 1] == 'E' && !alnum_before(text, i - 2);
    if (!vat && !number_starts_at(text, i)) {
      i += run;
      continue;
    }
    std::optional<std::string> org;
    size_t end = i + run;
    if (vat) {
      if (run == 12 && text.substr(i + 10, 2) == "01" && ends_number_at(text, end)) {
        org = normalize_org_number(text.substr(i, 10));
        if (org) {
          out.push_back({i - 2, end, PiiType::org_number});
          i = end;
          continue;
        }
      }
    } else if ((run == 10 && text[i] != '0') || (run == 12 && text.substr(i, 2) == "16")) {
      if (ends_number_at(text, end)) org = normalize_org_number(text.substr(i, run));
    } else if (run == 6 || (run == 8 && text.substr(i, 2) == "16")) {
      const size_t d = dash_at(text, end);
      if (d && digit_run(text, end + d) == 4 && ends_number_at(text, end + d + 4)) {
        std::string candidate(text.substr(i, run));
        candidate.push_back('-');
        candidate.append(text.substr(end + d, 4));
        if (candidate[run == 8 ? 2 : 0] != '0') org = normalize_org_number(candidate);
        end = end + d + 4;
      }
    }
    if (org) {
      out.push_back({i, end, PiiType::org_number});
      i = end;
    } else {
      i += run;
    }
  }
}

// "070.174.06.63": dots are taken as separators only in a mobile number of
// exactly ten digits, so that dates such as 01.02.2023 stay out.
void find_dotted_mobiles(std::string_view text, std::vector<Redaction>& out) {
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '0' || text[i + 1] != '7' || !number_starts_at(text, i)) continue;
    size_t j = i, digits = 0, groups = 0;
    while (true) {
      const size_t run = digit_run(text, j);
      if (run == 0) break;
      digits += run;
      j += run;
      ++groups;
      if (j + 1 < text.size() && text[j] == '.' && is_digit(text[j + 1])) {
        ++j;
        continue;
      }
      break;
    }
    if (digits == 10 && groups >= 3 && ends_number_at(text, j)) {
      out.push_back({i, j, PiiType::phone});
      i = j;
    }
  }
}

void find_phones(std::string_view text, std::vector<Redaction>& out) {
  find_phones_impl(text, out);
  find_dotted_mobiles(text, out);
}

void find_postcodes(std::string_view text, const std::vector<Redaction>& taken, std::vector<Redaction>& out) {
  auto after_address = [&](size_t i) {
    for (const Redaction& r : taken) {
      if (r.type != PiiType::address || r.end > i) continue;
      size_t k = r.end;
      if (k < i && text[k] == ',') ++k;
      if (only_spaces(text, k, i)) return true;
    }
    return false;
  };
  auto cue_before = [&](size_t i) {
    size_t k = i;
    while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == ':' || text[k - 1] == '.')) --k;
    std::string word;
    size_t b = k;
    while (b > 0 && is_ascii_alpha(text[b - 1])) --b;
    for (char c : text.substr(b, k - b)) word.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
    return word == "postnummer" || word == "postnr";
  };
  auto town_after = [&](size_t i) {
    size_t k = i;
    const size_t s = space_at(text, k);
    if (s == 0) return false;
    k += s;
    if (k >= text.size()) return false;
    const CodePoint c = decode_utf8(text, k);
    return c.cp != kInvalid && is_letter(c.cp) && is_upper(c.cp);
  };

  size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    const size_t run = digit_run(text, i);
    if (text[i] == '0' || (run != 3 && run != 5)) {
      i += run;
      continue;
    }
    // "SE-123 45", "S-123 45"
    size_t begin = i;
    bool prefixed = false;
    if (i >= 3 && text.substr(i - 3, 3) == "SE-" && !alnum_before(text, i - 3)) {
      begin = i - 3;
      prefixed = true;
    } else if (i >= 2 && text.substr(i - 2, 2) == "S-" && !alnum_before(text, i - 2)) {
      begin = i - 2;
      prefixed = true;
    }
    const bool free_start = prefixed || (number_starts_at(text, i) && !grouped_after_number(text, i));
    if (!free_start) {
      i += run;
      continue;
    }
    size_t end = 0;
    if (run == 3) {
      const size_t s = space_at(text, i + 3);
      if (s && digit_run(text, i + 3 + s) == 2) {
        const size_t e = i + 3 + s + 2;
        // Not followed by another group, which would make it a phone number or an amount.
        const bool more = (space_at(text, e) && e + space_at(text, e) < text.size() &&
                           is_digit(text[e + space_at(text, e)])) ||
                          !ends_number_at(text, e);
        if (!more) end = e;
      }
    } else if (ends_number_at(text, i + 5)) {
      end = i + 5;
    }
    if (end == 0) {
      i += run;
      continue;
    }
    const bool strong = prefixed || cue_before(begin) || after_address(begin);
    const bool spaced = run == 3;
    if (strong || (spaced && town_after(end))) {
      out.push_back({begin, end, PiiType::postcode});
      i = end;
    } else {
      i += run;
    }
  }
}

}  // namespace vaksam::privacy::detail
