#include "screen/lexicon.h"

#include <hs/hs.h>
#include <libstemmer.h>

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "reference/embedded.h"
#include "screen/inflection.h"
#include "screen/normalized_text.h"

namespace vaksam::screen {
namespace {

struct Row {
  int line;
  std::vector<std::string> cols;
};

// Tab-separated rows; '#' starts a comment line; blank lines are skipped.
std::vector<Row> read_tsv(std::string_view text) {
  std::vector<Row> rows;
  int line = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view l = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.empty() || l[0] == '#') continue;
    Row r{line, {}};
    size_t p = 0;
    while (true) {
      size_t tab = l.find('\t', p);
      r.cols.emplace_back(l.substr(p, tab == std::string_view::npos ? std::string_view::npos : tab - p));
      if (tab == std::string_view::npos) break;
      p = tab + 1;
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

std::vector<std::string> words_of(std::string_view s) { return split_list(s, ' '); }

// å, ä, ö (and é, ü) written as a, a, o: how Swedish looks typed on a foreign keyboard.
std::string strip_diacritics(std::string_view w) {
  std::string out;
  for (size_t i = 0; i < w.size(); ++i) {
    if (i + 1 < w.size() && static_cast<unsigned char>(w[i]) == 0xC3) {
      auto b = static_cast<unsigned char>(w[i + 1]);
      char r = b == 0xA5 || b == 0xA4 || b == 0xA0 || b == 0xA1 ? 'a' : b == 0xB6 || b == 0xB8 ? 'o'
               : b == 0xA9 || b == 0xA8                         ? 'e'
               : b == 0xBC                                      ? 'u'
                                                                : 0;
      if (r) {
        out.push_back(r);
        ++i;
        continue;
      }
    }
    out.push_back(w[i]);
  }
  return out;
}

}  // namespace

class LexiconBuilder {
 public:
  LexiconBuilder(Lexicon& lex, const Lexicon::FileReader& read) : lex_(lex), read_(read) {
    stemmer_ = sb_stemmer_new("swedish", "UTF_8");
  }
  ~LexiconBuilder() { sb_stemmer_delete(stemmer_); }

  void build() {
    read_manifest();
    lex_.abbreviations_ = Abbreviations::parse(file("abbreviations.txt"));
    read_inflections();
    read_classes();
    read_persons();
    for (const auto& w : words_of_lines(file("ascii_ambiguous.txt"))) lex_.ascii_ambiguous_.insert(fold_word(w));
    for (const auto& w : words_of_lines(file("diacritic_free_markers.txt"))) lex_.ascii_markers_.insert(fold_word(w));
    read_lexicon();
    read_context_rules();
    read_groups();
    read_handling();
    build_ascii_variants();
    build_word_tables();
    build_token_table();
    build_literals();
    flatten_uses();
    index_literals();
    compile_database();
  }

 private:
  std::string_view file(std::string_view name) {
    std::string_view s = read_(name);
    if (s.empty()) throw std::runtime_error("screening lexicon: missing file " + std::string(name));
    current_ = std::string(name);
    return s;
  }

  [[noreturn]] void fail(int line, const std::string& what) {
    throw std::runtime_error(current_ + ":" + std::to_string(line) + ": " + what);
  }

  std::vector<std::string> words_of_lines(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& row : read_tsv(text))
      for (const auto& w : words_of(row.cols[0])) out.push_back(w);
    return out;
  }

  uint32_t intern(const std::string& folded) {
    auto [it, added] = lex_.words_.emplace(folded, static_cast<uint32_t>(lex_.word_text_.size()));
    if (added) lex_.word_text_.push_back(folded);
    return it->second;
  }

  std::string stem(const std::string& folded) {
    const sb_symbol* s = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(folded.data()),
                                         static_cast<int>(folded.size()));
    return std::string(reinterpret_cast<const char*>(s), sb_stemmer_length(stemmer_));
  }

  // "slå+" -> all forms of the lexeme; anything else -> itself, folded.
  std::vector<std::string> expand(const std::string& word, int line) {
    if (word.size() > 1 && word.back() == '+') {
      auto it = lexemes_.find(fold_word(std::string_view(word).substr(0, word.size() - 1)));
      if (it == lexemes_.end()) fail(line, "unknown lexeme " + word + " (add it to inflections.tsv)");
      return it->second;
    }
    return {fold_word(word)};
  }

  void read_manifest() {
    auto j = nlohmann::json::parse(file("manifest.json"));
    lex_.version_ = j.at("version").get<std::string>();
    if (j.contains("calibration")) {
      lex_.calib_a_ = j["calibration"].value("a", 1.0);
      lex_.calib_b_ = j["calibration"].value("b", 0.0);
    }
    lex_.threshold_ = j.value("threshold", 0.5);
  }

  void read_inflections() {
    for (const auto& row : read_tsv(file("inflections.tsv"))) {
      if (row.cols.size() < 2) fail(row.line, "expected: lemma, paradigm, [extra forms]");
      std::string lemma = fold_word(row.cols[0]);
      auto forms = inflect(lemma, row.cols[1]);
      if (row.cols.size() > 2)
        for (const auto& w : words_of(row.cols[2])) forms.push_back(fold_word(w));
      std::sort(forms.begin(), forms.end());
      forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
      lexemes_[lemma] = std::move(forms);
    }
  }

  void read_classes() {
    for (const auto& row : read_tsv(file("classes.tsv"))) {
      if (row.cols.size() < 2) fail(row.line, "expected: class, words");
      auto& set = lex_.classes_[row.cols[0]];
      for (const auto& w : words_of(row.cols[1]))
        for (const auto& f : expand(w, row.line)) set.insert(intern(f));
    }
  }

  void read_persons() {
    for (const auto& row : read_tsv(file("persons.tsv"))) {
      if (row.cols.size() < 3) fail(row.line, "expected: forms, role, attributes");
      PersonInfo info;
      const std::string& role = row.cols[1];
      if (role == "partner") info.perpetrator = kPartner;
      else if (role == "family") info.perpetrator = kFamily;
      else if (role == "staff") info.perpetrator = kStaffPerpetrator;
      else if (role == "co_resident") info.perpetrator = kCoResident;
      else if (role != "person") fail(row.line, "unknown role " + role);
      bool head = false;
      for (const auto& a : split_list(row.cols[2], ',')) {
        if (a == "f" || a == "m") info.gender = a[0];
        else if (a == "child") info.child = true;
        else if (a == "elderly") info.elderly = true;
        else if (a == "plural") info.plural = true;
        else if (a == "mother") info.mother = true;
        else if (a == "father") info.father = true;
        else if (a == "poss") info.needs_possessive = true;
        else if (a == "head") head = true;
        else if (a == "ex") info.ex = true;
        else if (a != "-") fail(row.line, "unknown attribute " + a);
      }
      auto& people = lex_.classes_["person"];
      for (const auto& w : words_of(row.cols[0]))
        for (const auto& f : expand(w, row.line)) {
          uint32_t id = intern(f);
          lex_.persons_[id] = info;
          people.insert(id);
          if (head) lex_.person_heads_.emplace_back(f, id);
        }
    }
  }

  uint32_t parse_categories(const std::string& s, int line, uint32_t* markers, uint32_t* exposed, bool* text_scope,
                            uint32_t* needs) {
    uint32_t cats = 0;
    for (const auto& name : split_list(s, ',')) {
      if (name.rfind("with:", 0) == 0) {
        auto c = category_from_name(name.substr(5));
        if (!c) fail(line, "unknown category " + name);
        *needs |= *c;
        continue;
      }
      if (name == "-" || name == "topic") continue;
      if (name == "text") {
        *text_scope = true;
        continue;
      }
      if (auto c = category_from_name(name)) cats |= *c;
      else if (auto m = risk_marker_from_name(name)) *markers |= *m;
      else if (auto e = exposed_role_from_name(name)) *exposed |= *e;
      else fail(line, "unknown category " + name);
    }
    return cats;
  }

  Pattern parse_pattern(const std::string& text, PatternKind kind, uint32_t owner, uint8_t compound, int line) {
    Pattern p;
    p.kind = kind;
    p.owner = owner;
    p.source = text;
    int anchor = -1;
    std::vector<bool> from_class;
    for (std::string tok : words_of(text)) {
      PatternElement e;
      bool is_class = false;
      if (tok.size() > 1 && tok.back() == '?') {
        e.min = 0;
        tok.pop_back();
      }
      if (tok[0] == '@') {
        anchor = static_cast<int>(p.elements.size());
        tok.erase(0, 1);
      }
      if (tok.rfind("<*", 0) == 0 && tok.back() == '>') tok = tok.substr(1, tok.size() - 2);  // <*3> = *3
      if (tok[0] == '*') {
        e.type = ElementType::kGap;
        e.min = 0;
        e.max = tok.size() > 1 ? static_cast<uint8_t>(std::stoi(tok.substr(1))) : 1;
      } else if (tok == "<np>") {
        e.type = ElementType::kNp;
      } else if (tok == "<who>") {
        e.type = ElementType::kWho;
      } else if (tok == "<num>") {
        e.type = ElementType::kNumber;
      } else if (tok[0] == '<' && tok.back() == '>') {
        auto it = lex_.classes_.find(tok.substr(1, tok.size() - 2));
        if (it == lex_.classes_.end()) fail(line, "unknown class " + tok);
        e.words.assign(it->second.begin(), it->second.end());
        e.literal = false;
        is_class = true;
      } else if (tok[0] == '~') {
        e.type = ElementType::kStem;
        e.stem = stem(fold_word(tok.substr(1)));
      } else {
        for (std::string alt : split_list(tok, '|')) {
          bool head = alt.size() > 1 && alt[0] == '-';
          bool mod = alt.size() > 1 && alt.back() == '-';
          if (head) alt.erase(0, 1);
          if (mod) alt.pop_back();
          for (const auto& f : expand(alt, line)) {
            e.words.push_back(intern(f));
            if (head) e.heads.push_back(f);
            if (mod) e.modifiers.push_back(f);
          }
        }
      }
      std::sort(e.words.begin(), e.words.end());
      e.words.erase(std::unique(e.words.begin(), e.words.end()), e.words.end());
      p.elements.push_back(std::move(e));
      from_class.push_back(is_class);
    }
    if (p.elements.empty()) fail(line, "empty pattern");
    if (anchor < 0) {
      // The rarest word to scan for: the required element whose shortest form is longest
      // ("pass|passet" rather than "han|hon" in "han|hon <np> ha+ pass|passet").
      size_t best = 0;
      for (int pass = 0; pass < 2 && anchor < 0; ++pass)
        for (size_t i = 0; i < p.elements.size(); ++i) {
          const auto& e = p.elements[i];
          bool literal = e.type == ElementType::kStem || (e.type == ElementType::kWords && (pass == 1 || !from_class[i]));
          if (!literal || e.min == 0) continue;
          size_t shortest = e.type == ElementType::kStem ? e.stem.size() : SIZE_MAX;
          for (uint32_t w : e.words) shortest = std::min(shortest, lex_.word_text_[w].size());
          if (anchor < 0 || shortest > best) {
            anchor = static_cast<int>(i);
            best = shortest;
          }
        }
    }
    if (anchor < 0) fail(line, "pattern has no word to anchor it: " + text);
    p.anchor = static_cast<uint8_t>(anchor);
    auto& a = p.elements[anchor];
    if (a.type == ElementType::kWords)
      for (uint32_t w : a.words) {
        if (compound & kAsHead) a.heads.push_back(lex_.word_text_[w]);
        if (compound & kAsModifier) a.modifiers.push_back(lex_.word_text_[w]);
      }
    return p;
  }

  uint32_t add_pattern(Pattern p) {
    lex_.patterns_.push_back(std::move(p));
    return static_cast<uint32_t>(lex_.patterns_.size() - 1);
  }

  void read_lexicon() {
    for (const auto& row : read_tsv(file("lexicon.tsv"))) {
      if (row.cols.size() < 5) fail(row.line, "expected: id, pattern, compound, categories, weight, [blocklist], [note]");
      LexiconEntry e;
      e.id = row.cols[0];
      e.pattern = row.cols[1];
      const std::string& c = row.cols[2];
      e.compound = c == "head" ? kAsHead : c == "modifier" ? kAsModifier : c == "both" ? kAsHead | kAsModifier : kNoCompound;
      if (c != "-" && c != "head" && c != "modifier" && c != "both") fail(row.line, "compound must be -, head, modifier or both");
      e.categories = parse_categories(row.cols[3], row.line, &e.markers, &e.exposed, &e.text_scope, &e.requires_category);
      e.weight = std::stof(row.cols[4]);
      if (row.cols.size() > 5 && row.cols[5] != "-") e.blocklist = split_list(row.cols[5], ';');
      if (row.cols.size() > 6) e.note = row.cols[6];
      uint32_t owner = static_cast<uint32_t>(lex_.entries_.size());
      for (const auto& alt : split_list(e.pattern, ';')) {
        Pattern p = parse_pattern(alt, PatternKind::kSignal, owner, e.compound, row.line);
        const auto& a = p.elements[p.anchor];
        for (uint32_t w : a.words) e.inflections.push_back(lex_.word_text_[w]);
        add_pattern(std::move(p));
      }
      for (const auto& b : e.blocklist) add_pattern(parse_pattern(b, PatternKind::kBlock, owner, kNoCompound, row.line));
      lex_.entries_.push_back(std::move(e));
    }
  }

  void read_context_rules() {
    for (const auto& row : read_tsv(file("context_rules.tsv"))) {
      if (row.cols.size() < 5) fail(row.line, "expected: id, type, direction, scope, pattern, [note]");
      ContextRule r;
      r.id = row.cols[0];
      auto t = context_type_from_name(row.cols[1]);
      if (!t) fail(row.line, "unknown context type " + row.cols[1]);
      r.type = *t;
      const std::string& d = row.cols[2];
      r.forward = d == "forward" || d == "both";
      r.backward = d == "backward" || d == "both";
      if (!r.forward && !r.backward && d != "-") fail(row.line, "direction must be forward, backward, both or -");
      r.scope = std::stoi(row.cols[3]);
      r.pattern = row.cols[4];
      if (row.cols.size() > 5) r.note = row.cols[5];
      uint32_t owner = static_cast<uint32_t>(lex_.rules_.size());
      for (const auto& alt : split_list(r.pattern, ';'))
        add_pattern(parse_pattern(alt, PatternKind::kCue, owner, kNoCompound, row.line));
      lex_.rules_.push_back(std::move(r));
    }
  }

  void read_groups() {
    for (const auto& row : read_tsv(file("groups.tsv"))) {
      if (row.cols.size() < 2) fail(row.line, "expected: group, pattern, [note]");
      auto it = std::find(lex_.groups_.begin(), lex_.groups_.end(), row.cols[0]);
      uint32_t owner = static_cast<uint32_t>(it - lex_.groups_.begin());
      if (it == lex_.groups_.end()) lex_.groups_.push_back(row.cols[0]);
      for (const auto& alt : split_list(row.cols[1], ';'))
        add_pattern(parse_pattern(alt, PatternKind::kGroup, owner, kNoCompound, row.line));
    }
  }

  void read_handling() {
    for (const auto& row : read_tsv(file("handling.tsv"))) {
      if (row.cols.size() < 4) fail(row.line, "expected: id, reach, requires, pattern, [note]");
      DeficiencyRule r;
      r.id = row.cols[0];
      const std::string& reach = row.cols[1];
      r.reach = reach == "sentence" ? DeficiencyRule::kSentence : reach == "near" ? DeficiencyRule::kNear : DeficiencyRule::kText;
      if (reach != "sentence" && reach != "near" && reach != "text") fail(row.line, "reach must be sentence, near or text");
      if (row.cols[2] != "-") {
        r.requires_group = row.cols[2];
        if (std::find(lex_.groups_.begin(), lex_.groups_.end(), r.requires_group) == lex_.groups_.end())
          fail(row.line, "unknown group " + r.requires_group);
      }
      r.pattern = row.cols[3];
      if (row.cols.size() > 4) r.note = row.cols[4];
      uint32_t owner = static_cast<uint32_t>(lex_.deficiencies_.size());
      for (const auto& alt : split_list(r.pattern, ';'))
        add_pattern(parse_pattern(alt, PatternKind::kDeficiency, owner, kNoCompound, row.line));
      lex_.deficiencies_.push_back(std::move(r));
    }
  }

  // Per-word class bits and person entries, so that lookups during screening are O(1).
  void build_word_tables() {
    size_t n = lex_.word_text_.size();
    lex_.word_classes_.assign(n, 0);
    for (const auto& [name, words] : lex_.classes_) {
      if (lex_.class_names_.size() == 32) throw std::runtime_error("screening lexicon: more than 32 word classes");
      uint32_t bit = 1u << lex_.class_names_.size();
      lex_.class_names_.push_back(name);
      for (uint32_t w : words) lex_.word_classes_[w] |= bit;
    }
    for (uint32_t k = 0; k < lex_.person_heads_.size(); ++k)
      if (!lex_.person_heads_[k].first.empty())
        lex_.person_heads_by_last_[static_cast<unsigned char>(lex_.person_heads_[k].first.back())].push_back(k);
    for (const auto& [head, id] : lex_.person_heads_) {
      uint32_t value = 0, mask = 0;
      size_t len = std::min<size_t>(4, head.size());
      for (size_t b = 0; b < len; ++b) {  // byte b of the word holds head[size - len + b]
        value |= static_cast<uint32_t>(static_cast<unsigned char>(head[head.size() - len + b])) << (8 * (4 - len + b));
        mask |= 0xFFu << (8 * (4 - len + b));
      }
      lex_.person_head_tails_.emplace_back(value, mask);
    }
    auto& m = lex_.masks_;
    m.det = lex_.class_mask("det");
    m.pobj = lex_.class_mask("pobj");
    m.np_mod = lex_.class_mask("np_mod");
    m.prep = lex_.class_mask("prep");
    m.subj = lex_.class_mask("subj");
    m.poss = lex_.class_mask("poss");
    m.co_parent = lex_.class_mask("co_parent");
    m.co_mod = lex_.class_mask("co_mod");
    m.passive = lex_.class_mask("passive");
    lex_.person_index_.assign(n, -1);
    for (const auto& [w, info] : lex_.persons_) {
      lex_.person_index_[w] = static_cast<int32_t>(lex_.person_info_.size());
      lex_.person_info_.push_back(info);
    }
  }

  void build_token_table() {
    for (const auto& [w, id] : lex_.words_) lex_.tokens_.insert(w).word = static_cast<int32_t>(id);
    for (const auto& m : lex_.ascii_markers_) lex_.tokens_.insert(m).flags |= detail::kDiacriticFreeMarker;
    for (const auto& [v, ids] : lex_.ascii_) {
      lex_.tokens_.insert(v).ascii = static_cast<int32_t>(lex_.ascii_variants_.size());
      lex_.ascii_variants_.push_back({ids, ambiguous_ascii(v)});
    }
  }

  void build_ascii_variants() {
    for (uint32_t id = 0; id < lex_.word_text_.size(); ++id) {
      std::string v = strip_diacritics(lex_.word_text_[id]);
      if (v != lex_.word_text_[id]) lex_.ascii_[v].push_back(id);
    }
  }

  bool ambiguous_ascii(const std::string& v) const {
    return lex_.ascii_ambiguous_.count(v) > 0 || lex_.words_.count(v) > 0;
  }

  void build_literals() {
    std::unordered_map<std::string, uint32_t> index;
    auto use = [&](const std::string& text, AnchorLiteral::Use u) {
      auto [it, added] = index.emplace(text, static_cast<uint32_t>(lex_.literals_.size()));
      if (added) lex_.literals_.push_back(AnchorLiteral{text, {}, {}});
      PatternKind kind = lex_.patterns_[u.pattern].kind;
      u.local_cue = kind == PatternKind::kCue && lex_.rules_[lex_.patterns_[u.pattern].owner].scope < 100;
      auto& uses = kind == PatternKind::kSignal || kind == PatternKind::kBlock ? lex_.literals_[it->second].uses
                                                                               : lex_.literals_[it->second].context_uses;
      for (const auto& x : uses)
        if (x.pattern == u.pattern && x.how == u.how) return;
      uses.push_back(u);
    };
    auto with_ascii = [&](const std::string& text, uint32_t pattern, uint8_t how) {
      use(text, {pattern, how, false, false});
      std::string v = strip_diacritics(text);
      if (v != text) use(v, {pattern, how, true, ambiguous_ascii(v)});
    };
    for (uint32_t pi = 0; pi < lex_.patterns_.size(); ++pi) {
      const auto& a = lex_.patterns_[pi].elements[lex_.patterns_[pi].anchor];
      if (a.type == ElementType::kStem) {
        with_ascii(a.stem, pi, 3);
        continue;
      }
      for (uint32_t w : a.words) with_ascii(lex_.word_text_[w], pi, 0);
      for (const auto& h : a.heads) with_ascii(h, pi, 1);
      for (const auto& m : a.modifiers) with_ascii(m, pi, 2);
    }
  }

  void flatten_uses() {
    for (const auto& lit : lex_.literals_) {
      if (lit.uses.size() > UINT16_MAX || lit.context_uses.size() > UINT16_MAX)
        throw std::runtime_error("screening lexicon: too many patterns share the anchor " + lit.text);
      LiteralUses u;
      u.begin = static_cast<uint32_t>(lex_.flat_uses_.size());
      u.signal = static_cast<uint16_t>(lit.uses.size());
      u.context = static_cast<uint16_t>(lit.context_uses.size());
      u.length = static_cast<uint32_t>(lit.text.size());
      lex_.flat_uses_.insert(lex_.flat_uses_.end(), lit.uses.begin(), lit.uses.end());
      lex_.flat_uses_.insert(lex_.flat_uses_.end(), lit.context_uses.begin(), lit.context_uses.end());
      lex_.literal_uses_.push_back(u);
    }
  }

  void index_literals() {
    for (uint32_t id = 0; id < lex_.literals_.size(); ++id) {
      const AnchorLiteral& lit = lex_.literals_[id];
      lex_.tokens_.insert(lit.text).literal = static_cast<int32_t>(id);
      bool prefix = false, suffix = false;
      for (const auto* uses : {&lit.uses, &lit.context_uses})
        for (const auto& u : *uses) {
          if (u.how == 1) suffix = true;
          if (u.how == 2 || u.how == 3) prefix = true;
        }
      if (prefix) lex_.prefix_literals_.insert(lit.text, static_cast<int32_t>(id), false);
      if (suffix) lex_.suffix_literals_.insert(lit.text, static_cast<int32_t>(id), true);
    }
    lex_.prefix_literals_.finish();
    lex_.suffix_literals_.finish();
  }

  void compile_database() {
    std::vector<const char*> exprs;
    std::vector<size_t> lens;
    std::vector<unsigned> ids, flags;
    for (uint32_t i = 0; i < lex_.literals_.size(); ++i) {
      exprs.push_back(lex_.literals_[i].text.c_str());
      lens.push_back(lex_.literals_[i].text.size());
      ids.push_back(i);
      flags.push_back(0);
    }
    hs_compile_error_t* err = nullptr;
    if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(), static_cast<unsigned>(exprs.size()),
                             HS_MODE_BLOCK, nullptr, &lex_.db_, &err) != HS_SUCCESS) {
      std::string msg = err ? err->message : "unknown error";
      hs_free_compile_error(err);
      throw std::runtime_error("screening lexicon: Hyperscan compile failed: " + msg);
    }
  }

  Lexicon& lex_;
  const Lexicon::FileReader& read_;
  sb_stemmer* stemmer_ = nullptr;
  std::string current_;
  std::unordered_map<std::string, std::vector<std::string>> lexemes_;
};

std::unique_ptr<Lexicon> Lexicon::load(const FileReader& read) {
  std::unique_ptr<Lexicon> lex(new Lexicon());
  LexiconBuilder(*lex, read).build();
  return lex;
}

const Lexicon& Lexicon::builtin() {
  static const std::unique_ptr<Lexicon> lex = load([](std::string_view name) { return embedded::file(name); });
  return *lex;
}

Lexicon::~Lexicon() { hs_free_database(db_); }

const std::vector<uint32_t>* Lexicon::ascii_ids(std::string_view token, bool* ambiguous) const {
  int32_t index = tokens_.find(token).ascii;
  if (index < 0) return nullptr;
  *ambiguous = ascii_variants_[index].ambiguous;
  return &ascii_variants_[index].ids;
}

uint32_t Lexicon::class_mask(std::string_view cls) const {
  for (size_t i = 0; i < class_names_.size(); ++i)
    if (class_names_[i] == cls) return 1u << i;
  return 0;
}

std::string Lexicon::as_grep_pattern() const {
  std::vector<std::string> words;
  for (const auto& p : patterns_) {
    if (p.kind != PatternKind::kSignal || entries_[p.owner].weight <= 0) continue;
    for (uint32_t w : p.elements[p.anchor].words) words.push_back(word_text_[w]);
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += '|';
    for (char c : w) {
      if (std::string_view(".[]()*+?{}|^$\\").find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

}  // namespace vaksam::screen
