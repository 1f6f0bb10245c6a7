#include "screen/segmenter.h"

#include <unicode/uchar.h>

#include "screen/utf8.h"

namespace vaksam::screen {
namespace {

struct Decoded {
  char32_t c;
  int len;
};

inline Decoded decode_at(std::string_view s, size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {b, 1};
  int len = valid_sequence_length(s.substr(i));
  if (len == 0) return {kReplacementChar, 1};
  return {decode_sequence(s.data() + i, len), len};
}

inline bool ascii_word(unsigned char b) {
  return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z');
}

bool word_at(std::string_view s, size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return ascii_word(b);
  return is_word_char(decode_at(s, i).c);
}

bool upper_at(std::string_view original, size_t i) {
  if (i >= original.size()) return false;
  return u_isupper(static_cast<UChar32>(decode_at(original, i).c));
}

bool lower_at(std::string_view original, size_t i) {
  if (i >= original.size()) return false;
  return u_islower(static_cast<UChar32>(decode_at(original, i).c));
}

}  // namespace

bool is_word_char(char32_t c) {
  if (c < 0x80) return ascii_word(static_cast<unsigned char>(c));
  if (c == kReplacementChar) return false;
  int8_t type = u_charType(static_cast<UChar32>(c));
  return u_isalnum(static_cast<UChar32>(c)) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

Abbreviations Abbreviations::parse(std::string_view lines) {
  Abbreviations a;
  size_t pos = 0;
  while (pos < lines.size()) {
    size_t nl = lines.find('\n', pos);
    std::string_view line = lines.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? lines.size() : nl + 1;
    if (line.empty() || line[0] == '#') continue;
    size_t sp = line.find_first_of(" \t");
    std::string word = fold_word(line.substr(0, sp));
    bool closing = sp != std::string_view::npos && line.find("closing", sp) != std::string_view::npos;
    if (!word.empty() && word.back() == '.') word.pop_back();
    if (!word.empty()) a.kinds_[word] = closing ? 2 : 1;
  }
  return a;
}

int Abbreviations::kind(std::string_view w) const {
  auto it = kinds_.find(std::string(w));
  return it == kinds_.end() ? 0 : it->second;
}

Segmentation segment(const NormalizedText& text, std::string_view original, const Abbreviations& abbrev) {
  Segmentation seg;
  std::string_view s = text.folded;
  const size_t n = s.size();
  seg.tokens.reserve(n / 6 + 1);

  // Tokens, with the punctuation that precedes each.
  uint8_t punct = 0;
  for (size_t i = 0; i < n;) {
    if (!word_at(s, i)) {
      char ch = s[i];
      if (ch == ',' || ch == ';') punct |= kComma;
      else if (ch == ':') punct |= kColon;
      else if (ch == '\'' || ch == '"') punct |= kQuote;
      else if (ch == '(' || ch == ')' || ch == '[' || ch == ']') punct |= kParen;
      else if (ch == '-' || static_cast<unsigned char>(ch) == 0xE2) punct |= kDash;
      i += decode_at(s, i).len;
      continue;
    }
    Token t;
    t.begin = static_cast<uint32_t>(i);
    t.punct_before = punct;
    punct = 0;
    t.capitalised = upper_at(original, text.to_original[i]);
    while (i < n) {
      if (word_at(s, i)) {
        if (s[i] >= '0' && s[i] <= '9') t.has_digit = true;
        i += decode_at(s, i).len;
      } else if ((s[i] == '-' || s[i] == ':' || s[i] == '.') && i + 1 < n && word_at(s, i + 1)) {
        ++i;  // an inner joiner
      } else {
        break;
      }
    }
    t.end = static_cast<uint32_t>(i);
    seg.tokens.push_back(t);
  }

  // Sentences: decided in the gap between two tokens.
  Sentence cur;
  cur.begin = 0;
  cur.first_token = 0;
  auto close = [&](uint32_t end_byte, uint32_t end_token, bool question) {
    cur.end = end_byte;
    cur.end_token = end_token;
    cur.question = question;
    if (cur.end_token > cur.first_token) seg.sentences.push_back(cur);
    cur = Sentence{};
    cur.begin = end_byte;
    cur.first_token = end_token;
  };
  for (size_t k = 0; k < seg.tokens.size(); ++k) {
    const Token& prev = seg.tokens[k];
    size_t gap_end = k + 1 < seg.tokens.size() ? seg.tokens[k + 1].begin : n;
    std::string_view gap = s.substr(prev.end, gap_end - prev.end);
    bool last = k + 1 == seg.tokens.size();
    bool boundary = false, question = false;
    if (gap.find('?') != std::string_view::npos) {
      boundary = question = true;
    } else if (gap.find('!') != std::string_view::npos) {
      boundary = true;
    } else if (gap.find('.') != std::string_view::npos || gap.find("\xE2\x80\xA6") != std::string_view::npos) {
      std::string_view word = s.substr(prev.begin, prev.end - prev.begin);
      int kind = abbrev.kind(word);
      bool single_letter = decode_at(word, 0).len == static_cast<int>(word.size()) && !prev.has_digit;
      bool dot_first = gap[0] == '.';
      size_t next_orig = last ? original.size() : text.to_original[gap_end];
      if (last) boundary = true;
      else if (lower_at(original, next_orig)) boundary = false;          // "ca. tre", "m.m. och"
      else if (dot_first && (kind == 1 || single_letter)) boundary = false;  // "t.ex. Kalle", "v. 12"
      else boundary = true;
    } else if (gap.find("\n\n") != std::string_view::npos) {
      boundary = true;
    } else if (gap.find('\n') != std::string_view::npos && !last &&
               upper_at(original, text.to_original[gap_end]) && gap.find(',') == std::string_view::npos) {
      boundary = true;  // a line break before a capital: list items, headed notes
    }
    if (boundary || last) {
      size_t end_byte = gap_end;
      close(static_cast<uint32_t>(end_byte), static_cast<uint32_t>(k + 1), question);
    }
  }
  for (size_t si = 0; si < seg.sentences.size(); ++si)
    for (uint32_t t = seg.sentences[si].first_token; t < seg.sentences[si].end_token; ++t)
      seg.tokens[t].sentence = static_cast<uint32_t>(si);
  return seg;
}

}  // namespace vaksam::screen
