// Internal to the disclosure-control module: a small dense simplex method for
// the audits and protection problems of tables that are not flat two-way
// tables. Tables here are small (hundreds to a few thousand cells), the
// matrices are 0/±1 and sparse, so a dense tableau with sparse pivots is enough.
#pragma once

#include <cstddef>
#include <limits>
#include <vector>

namespace vaksam::privacy::disclosure_detail {

inline constexpr double kNoBound = std::numeric_limits<double>::infinity();

// minimise c·x subject to A x = b, 0 <= x <= upper (upper may be kNoBound).
// Phase 1 runs in the constructor; later minimisations start from the last
// basis, so a sequence of objectives over the same constraints is cheap.
class Simplex {
 public:
  enum class Outcome { optimal, unbounded, target_reached };

  // a: rows × columns, row-major.
  Simplex(std::size_t rows, std::size_t columns, std::vector<double> a, std::vector<double> b,
          std::vector<double> upper);

  bool feasible() const { return feasible_; }

  // Minimises c·x (one entry per column). With watch >= 0, stops as soon as
  // x[watch] >= target (sense +1) or x[watch] <= target (sense -1).
  Outcome minimize(const std::vector<double>& c, long watch = -1, double target = 0, int sense = 0);

  double value(std::size_t column) const;
  // max |A x - b| of the current solution: a check on rounding errors.
  double residual() const;

 private:
  double& at(std::size_t r, std::size_t j) { return tableau_[r * width_ + j]; }
  double at(std::size_t r, std::size_t j) const { return tableau_[r * width_ + j]; }
  void pivot(std::size_t r, std::size_t j, std::vector<double>& reduced);
  Outcome run(const std::vector<double>& cost, long watch, double target, int sense);

  std::size_t rows_;
  std::size_t columns_;           // structural
  std::size_t width_;             // structural + artificial
  std::vector<double> original_;  // A, for residual()
  std::vector<double> rhs_;       // b
  std::vector<double> tableau_;   // B^-1 [A | ±I]
  std::vector<double> basic_value_;
  std::vector<std::size_t> basis_;
  std::vector<long> row_of_;  // per column: its row if basic, else -1
  std::vector<char> at_upper_;
  std::vector<double> upper_;         // structural, then artificial
  std::vector<std::size_t> nonzero_;  // scratch
  bool feasible_ = false;
};

}  // namespace vaksam::privacy::disclosure_detail
