// Reference data compiled into the binary (see data/reference/README.md).
#pragma once

#include <string_view>
#include <vector>

namespace vaksam::embedded {

// The bytes of an embedded file by its base name, or empty if there is none.
std::string_view file(std::string_view name);

// The base names of every embedded file.
std::vector<std::string_view> names();

}  // namespace vaksam::embedded
