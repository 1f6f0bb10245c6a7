// The screening lexicon: violence terms, person terms, context rules and handling-deficiency
// rules, read from data/lexicon/sv and compiled once into patterns and a Hyperscan database.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "screen/byte_trie.h"
#include "screen/categories.h"
#include "screen/pattern.h"
#include "screen/segmenter.h"
#include "screen/token_table.h"

struct hs_database;

namespace vaksam::screen {

// Whether an entry's anchor word may stand inside a compound word.
enum Compound : uint8_t { kNoCompound = 0, kAsHead = 1, kAsModifier = 2 };

// One violence term or construction (lexicon.tsv).
struct LexiconEntry {
  std::string id;
  std::string pattern;                  // as written, e.g. "slå+ <who>"
  std::vector<std::string> inflections; // the forms its anchor word covers
  uint8_t compound = kNoCompound;       // Compound bits
  uint32_t categories = 0;              // Category bits
  uint32_t markers = 0;                 // RiskMarker bits
  uint32_t exposed = 0;                 // ExposedRole bits
  float weight = 0;                     // evidence strength in [0,1]; 0 = a topic or qualifier
  bool text_scope = false;              // a qualifier whose categories apply to the whole text
  uint32_t requires_category = 0;       // a qualifier that applies only beside a signal of these
  std::vector<std::string> blocklist;   // false friends: patterns that cancel a match they overlap
  std::string note;
};

// A NegEx/ConText cue (context_rules.tsv).
struct ContextRule {
  std::string id;
  ContextType type = ContextType::kNegated;
  bool forward = true, backward = false;  // scope after / before the cue
  int scope = 6;                          // in tokens
  std::string pattern;
  std::string note;
};

// A failure in handling violence (handling.tsv).
struct DeficiencyRule {
  enum Reach : uint8_t { kSentence, kNear, kText };
  std::string id;
  Reach reach = kSentence;  // how close a violence mention must be
  std::string requires_group;  // a group (groups.tsv) that must also occur in the text, or empty
  std::string pattern;
  std::string note;
};

// What a person word says about who acts or who is exposed (persons.tsv).
struct PersonInfo {
  uint32_t perpetrator = 0;   // partner/family/staff/co_resident Category bit, if any
  bool needs_possessive = false;  // "man" is a partner only as "min/sin/hennes man"
  bool child = false, elderly = false, plural = false;
  bool mother = false, father = false;  // for "pappa slår mamma": partner violence
  bool ex = false;            // a former partner: the household is no longer shared
  char gender = '-';          // 'f', 'm' or '-'
};

// Literal the Hyperscan scan looks for, and the patterns it anchors.
struct AnchorLiteral {
  std::string text;
  struct Use {
    uint32_t pattern;
    uint8_t how;        // 0 exact token, 1 compound head, 2 compound modifier, 3 stem prefix
    bool ascii;         // a spelling without å/ä/ö
    bool ambiguous;     // ... that is also another Swedish word: needs a text without å/ä/ö
    bool local_cue = false;  // a context cue whose scope is its sentence (not the whole text)
  };
  std::vector<Use> uses;          // signal and blocklist patterns
  std::vector<Use> context_uses;  // context, deficiency and group patterns
};

// Where a literal's uses lie in Lexicon::flat_uses(): its signal uses, then its context uses.
// Small and contiguous, so that the scan's hits cost no cache miss each.
struct LiteralUses {
  uint32_t begin = 0;
  uint16_t signal = 0, context = 0;
  uint32_t length = 0;  // of the literal, in bytes
};

class Lexicon {
 public:
  using FileReader = std::function<std::string_view(std::string_view name)>;

  // Compiles the lexicon from the named files (lexicon.tsv, persons.tsv, ...). Throws
  // std::runtime_error naming the file and line of a malformed row.
  static std::unique_ptr<Lexicon> load(const FileReader& read);
  // The lexicon compiled into the binary, built on first use; shared by all threads.
  static const Lexicon& builtin();

  ~Lexicon();
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  const std::string& version() const { return version_; }
  const std::vector<LexiconEntry>& entries() const { return entries_; }
  const std::vector<ContextRule>& context_rules() const { return rules_; }
  const std::vector<DeficiencyRule>& deficiency_rules() const { return deficiencies_; }
  const std::vector<std::string>& groups() const { return groups_; }
  const std::vector<Pattern>& patterns() const { return patterns_; }
  const std::vector<AnchorLiteral>& literals() const { return literals_; }
  const LiteralUses& literal_uses(uint32_t literal) const { return literal_uses_[literal]; }
  const AnchorLiteral::Use* flat_uses() const { return flat_uses_.data(); }
  // The literals that may stand at the start of a longer word (a use as a compound modifier or
  // stem) and, reversed, those that may end one (a use as a compound head): with token_info()'s
  // literal for a whole word, every literal occurrence a pattern can use is found word by word.
  const detail::ByteTrie& prefix_literals() const { return prefix_literals_; }
  const detail::ByteTrie& suffix_literals() const { return suffix_literals_; }
  const Abbreviations& abbreviations() const { return abbreviations_; }
  const hs_database* database() const { return db_; }

  // Word id of a folded form, or -1.
  int64_t word_id(std::string_view form) const { return tokens_.find(form).word; }
  // Word id and flags of a folded token in one probe.
  detail::TokenInfo token_info(std::string_view form) const { return tokens_.find(form); }
  // Ids of lexicon words this token spells without å/ä/ö; `ambiguous` is set if it is also
  // another Swedish word ("vald": chosen / våld).
  const std::vector<uint32_t>* ascii_ids(std::string_view token, bool* ambiguous) const;
  // The same by the index in token_info(token).ascii.
  struct AsciiVariant {
    std::vector<uint32_t> ids;
    bool ambiguous = false;
  };
  const AsciiVariant& ascii_variant(int32_t index) const { return ascii_variants_[index]; }
  bool in_class(std::string_view cls, uint32_t word) const { return word_classes_[word] & class_mask(cls); }
  // Bit of a word class (classes.tsv) for in_class_mask; 0 if there is no such class.
  uint32_t class_mask(std::string_view cls) const;
  // class_mask() of the classes the matcher and the role finder ask about on every text.
  struct ClassMasks {
    uint32_t det = 0, pobj = 0, np_mod = 0, prep = 0, subj = 0, poss = 0, co_parent = 0, co_mod = 0, passive = 0;
  };
  const ClassMasks& masks() const { return masks_; }
  bool in_class_mask(uint32_t mask, int64_t word) const { return word >= 0 && (word_classes_[word] & mask); }
  const PersonInfo* person(uint32_t word) const {
    return person_index_[word] < 0 ? nullptr : &person_info_[person_index_[word]];
  }
  // Person words that may end a compound ("natt|personal", "familjehems|pappa").
  const std::vector<std::pair<std::string, uint32_t>>& person_heads() const { return person_heads_; }
  // Indexes into person_heads() of the heads whose last byte is `last`, in order.
  const std::vector<uint32_t>& person_heads_ending_in(char last) const {
    return person_heads_by_last_[static_cast<unsigned char>(last)];
  }
  // The last (up to) four bytes of person_heads()[k] as a little-endian word, and their mask:
  // a quick test before comparing a whole head.
  std::pair<uint32_t, uint32_t> person_head_tail(uint32_t k) const { return person_head_tails_[k]; }
  bool is_diacritic_free_marker(std::string_view token) const {
    return tokens_.find(token).flags & detail::kDiacriticFreeMarker;
  }
  double calibration_a() const { return calib_a_; }
  double calibration_b() const { return calib_b_; }
  double threshold() const { return threshold_; }

  // Every lexicon term as one extended regular expression (for the grep comparison).
  std::string as_grep_pattern() const;

 private:
  Lexicon() = default;
  friend class LexiconBuilder;

  std::string version_;
  std::vector<LexiconEntry> entries_;
  std::vector<ContextRule> rules_;
  std::vector<DeficiencyRule> deficiencies_;
  std::vector<std::string> groups_;
  std::vector<Pattern> patterns_;
  std::vector<AnchorLiteral> literals_;
  std::vector<LiteralUses> literal_uses_;      // by literal
  std::vector<AnchorLiteral::Use> flat_uses_;  // every literal's uses and context_uses, in order
  Abbreviations abbreviations_;
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> words_;
  std::vector<std::string> word_text_;
  std::unordered_map<std::string, std::vector<uint32_t>, StringHash, std::equal_to<>> ascii_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> ascii_ambiguous_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> ascii_markers_;
  std::unordered_map<std::string, std::unordered_set<uint32_t>> classes_;
  std::vector<std::string> class_names_;   // bit i of word_classes_ is class_names_[i]
  std::vector<uint32_t> word_classes_;     // by word id
  ClassMasks masks_;
  std::unordered_map<uint32_t, PersonInfo> persons_;
  std::vector<int32_t> person_index_;      // by word id: index into person_info_, or -1
  std::vector<PersonInfo> person_info_;
  std::vector<std::pair<std::string, uint32_t>> person_heads_;
  std::array<std::vector<uint32_t>, 256> person_heads_by_last_;
  std::vector<std::pair<uint32_t, uint32_t>> person_head_tails_;
  double calib_a_ = 1.0, calib_b_ = 0.0, threshold_ = 0.5;
  hs_database* db_ = nullptr;
  std::vector<AsciiVariant> ascii_variants_;  // ascii_ with its ambiguity, by TokenInfo::ascii
  detail::TokenTable tokens_;  // words_, ascii_markers_, ascii_ and literals_ in one table
  detail::ByteTrie prefix_literals_, suffix_literals_;
};

}  // namespace vaksam::screen
