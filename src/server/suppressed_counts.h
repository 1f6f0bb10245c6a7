// Counts for roles that may only see suppressed aggregates (viewer, auditor): a
// breakdown and its total go through the disclosure-control module, so a small
// cell is hidden and cannot be recomputed from the total and the other cells.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace vaksam::server {

// {"total": n, "cells": {label: n}}; with `suppress`, suppressed values are null.
nlohmann::json breakdown_json(const std::map<std::string, int64_t>& cells, bool suppress);

}  // namespace vaksam::server
