// The synthetic dataset goes through the real import with zero rejected rows,
// and the deficiency snapshots build status histories.
#include <gtest/gtest.h>

#include <filesystem>

#include "integration/cli_harness.h"

namespace vaksam::testing {
namespace {

TEST(SynthImport, GeneratedFilesImportWithoutRejectedRows) {
  TempDir dir;
  const std::string out = dir.file("synth");
  auto r = run_vaksam(dir, {"synth", "--seed", "11", "--years", "2", "--end-year", "2025", "--scale", "0.05",
                            "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(run_vaksam(dir, {"init"}).exit_code, 0);
  std::vector<std::string> args{"import"};
  for (const auto& e : std::filesystem::directory_iterator(out))
    if (e.path().extension() == ".csv") args.push_back(e.path().string());
  r = run_vaksam(dir, args);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "") << "no row may be rejected";
  const std::string db = dir.file("v.db");
  const std::string truth = read_file(out + "/truth/cases.csv");
  const auto truth_rows = std::count(truth.begin(), truth.end(), '\n') - 1;
  // Cases with ground truth, and the seclusions at SiS youth homes (seclusions.csv).
  const std::string seclusions = read_file(out + "/seclusions.csv");
  const auto seclusion_rows = std::count(seclusions.begin(), seclusions.end(), '\n') - 1;
  EXPECT_GT(seclusion_rows, 0);
  EXPECT_EQ(query_one(db, "SELECT COUNT(*) FROM cases WHERE case_kind <> 'seclusion'"), std::to_string(truth_rows));
  EXPECT_EQ(query_one(db, "SELECT COUNT(*) FROM cases WHERE case_kind = 'seclusion'"), std::to_string(seclusion_rows));
  EXPECT_EQ(query_one(db, "SELECT COUNT(*) FROM principals"), "735");
  // Every case has a pseudonym where the file had a number, and no raw number is stored.
  EXPECT_NE(query_one(db, "SELECT COUNT(*) FROM cases WHERE subject_pseudonym IS NOT NULL"), "0");
  // Two yearly snapshots: deficiencies whose status moved on have more than one history row.
  EXPECT_NE(query_one(db, "SELECT COUNT(*) FROM (SELECT deficiency_id FROM deficiency_status_history "
                          "GROUP BY deficiency_id HAVING COUNT(*) > 1)"),
            "0");
  EXPECT_EQ(query_one(db, "SELECT COUNT(*) FROM import_batches WHERE rows_rejected > 0"), "0");
}

}  // namespace
}  // namespace vaksam::testing
