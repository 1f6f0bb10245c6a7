// Reference data compiled into the binary (see data/reference/README.md).
#pragma once

#include <string_view>

namespace vaksam::embedded {

// The bytes of an embedded file by its base name, or empty if there is none.
std::string_view file(std::string_view name);

}  // namespace vaksam::embedded
