// Code lists (case kinds, unit types, deficiency categories, ...) kept as data
// in data/codes/*.csv: code;sv;en;aliases. Labels are for the interface.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vaksam::reference {

struct Code {
  std::string code;  // the stored value, e.g. "lex_sarah"
  std::string sv;    // Swedish label
  std::string en;    // English label
};

class CodeList {
 public:
  CodeList(std::string name, std::string_view csv);

  // The list shipped in the binary, by file stem (e.g. "case_kinds"); throws if unknown.
  static const CodeList& builtin(std::string_view name);

  const std::string& name() const { return name_; }
  const std::vector<Code>& codes() const { return codes_; }

  // Resolves a code, a label or an alias, ignoring case and surrounding space.
  std::optional<std::string> resolve(std::string_view text) const;

  // "a, b, c": the valid codes, for error messages.
  std::string codes_joined() const;

 private:
  std::string name_;
  std::vector<Code> codes_;
  std::unordered_map<std::string, size_t> lookup_;  // folded spelling -> index
};

}  // namespace vaksam::reference
