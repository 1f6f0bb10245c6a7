#include "reference/code_list.h"

#include <map>
#include <memory>
#include <mutex>

#include "common/error.h"
#include "common/text.h"
#include "reference/embedded.h"

namespace vaksam::reference {

CodeList::CodeList(std::string name, std::string_view csv) : name_(std::move(name)) {
  auto lines = split(csv, '\n');
  for (size_t i = 1; i < lines.size(); ++i) {  // line 0 is the header
    std::string_view line = trim(lines[i]);
    if (line.empty()) continue;
    auto f = split(line, ';');
    if (f.size() != 4) throw Error({name_ + ".csv", i + 1, ""}, "a code list row needs 4 columns");
    const size_t index = codes_.size();
    codes_.push_back({std::string(f[0]), std::string(f[1]), std::string(f[2])});
    for (std::string_view spelling : {f[0], f[1], f[2]}) lookup_.emplace(fold_case_sv(spelling), index);
    for (std::string_view alias : split(f[3], '|'))
      if (!trim(alias).empty()) lookup_.emplace(fold_case_sv(trim(alias)), index);
  }
}

const CodeList& CodeList::builtin(std::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<CodeList>, std::less<>> lists;
  std::lock_guard lock(mutex);
  auto it = lists.find(name);
  if (it != lists.end()) return *it->second;
  std::string file = std::string(name) + ".csv";
  std::string_view csv = embedded::file(file);
  if (csv.empty()) throw Error("no built-in code list named " + std::string(name));
  auto [pos, _] = lists.emplace(std::string(name), std::make_unique<CodeList>(std::string(name), csv));
  return *pos->second;
}

std::optional<std::string> CodeList::resolve(std::string_view text) const {
  auto it = lookup_.find(fold_case_sv(trim(text)));
  if (it == lookup_.end()) return std::nullopt;
  return codes_[it->second].code;
}

std::string CodeList::codes_joined() const {
  std::string out;
  for (const auto& c : codes_) out += (out.empty() ? "" : ", ") + c.code;
  return out;
}

}  // namespace vaksam::reference
