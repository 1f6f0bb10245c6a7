// Internal to the disclosure-control module: the two ways of answering "how far
// can an attacker move this suppressed cell?" and of suppressing more cells so
// that it can move further. The network engine (two-way tables with flat
// dimensions) is exact in integers; the LP engine handles any table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "privacy/disclosure.h"

namespace vaksam::privacy::disclosure_detail {

// "No bound": larger than any finite movement in a table whose counts sum to
// less than 2^50 (CountTable refuses larger ones).
inline constexpr std::int64_t kUnbounded = std::int64_t{1} << 60;

// What a suppressed cell with count x needs, in the attacker's interval
// [lower, upper]: upper >= x + up, lower <= x - down, upper - lower >= width.
struct Need {
  std::int64_t up = 0;
  std::int64_t down = 0;
  std::int64_t width = 0;
};

class Engine {
 public:
  virtual ~Engine() = default;

  // How far the cell can move up (direction +1) or down (-1) from its count in
  // some table consistent with everything shown, capped at limit (<= kUnbounded).
  virtual std::int64_t capacity(std::size_t cell, int direction, std::int64_t limit) = 0;

  // Suppresses further shown cells so that capacity(cell, direction) >= amount.
  // Returns them in the order chosen; empty if it cannot (the caller then falls
  // back). Cells in the result become unknown for later calls.
  virtual std::vector<std::size_t> extend(std::size_t cell, int direction, std::int64_t amount) = 0;

  virtual bool integer_exact() const = 0;

  bool satisfied(std::size_t cell, const Need& need);
  // One step towards satisfied(): the first unmet part of need. Empty if none
  // could be found.
  std::vector<std::size_t> repair(std::size_t cell, const Need& need);
};

// unknown[cell] != 0 for every cell that is not shown. cost[cell]: the price of
// suppressing a shown cell. Returns nullptr if the table is not a two-way (or
// one-way) table with flat dimensions.
std::unique_ptr<Engine> make_network_engine(const CountTable& table, std::vector<char> unknown,
                                            std::vector<std::int64_t> cost);
// Secondary cells come from a protection LP over the whole table when it has at
// most lp_protection_cells cells, else from the cheapest hypercube (the LP
// being the fallback where no hypercube exists).
std::unique_ptr<Engine> make_lp_engine(const CountTable& table, std::vector<char> unknown,
                                       std::vector<std::int64_t> cost,
                                       std::size_t lp_protection_cells);

}  // namespace vaksam::privacy::disclosure_detail
