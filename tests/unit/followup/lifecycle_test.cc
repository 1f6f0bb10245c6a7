#include "followup/lifecycle.h"

#include <gtest/gtest.h>

namespace vaksam::followup {
namespace {

DeficiencyState state(const char* status, const char* date = "2024-01-10") {
  return {"D-1", status, date, "2023-12-15", "2024-03-31"};
}

TEST(Lifecycle, TheUsualPathsAreAllowed) {
  EXPECT_TRUE(allowed("open", "account_received"));
  EXPECT_TRUE(allowed("account_received", "accepted"));
  EXPECT_TRUE(allowed("accepted", "verified"));
  EXPECT_TRUE(allowed("account_received", "not_accepted"));
  EXPECT_TRUE(allowed("not_accepted", "escalated"));
  EXPECT_TRUE(allowed("escalated", "account_received"));
  EXPECT_TRUE(allowed("open", "escalated"));
}

TEST(Lifecycle, OutOfOrderAndBackwardsAreRefused) {
  EXPECT_FALSE(allowed("verified", "open"));
  EXPECT_FALSE(allowed("open", "verified"));
  EXPECT_FALSE(allowed("open", "accepted"));
  EXPECT_FALSE(allowed("accepted", "open"));
  EXPECT_FALSE(allowed("open", "open"));
  EXPECT_TRUE(next_statuses("verified").empty());
  for (const auto& t : transitions()) {
    EXPECT_TRUE(is_status(t.from)) << t.from;
    EXPECT_TRUE(is_status(t.to)) << t.to;
    EXPECT_NE(t.from, "verified");
  }
}

TEST(Lifecycle, RefusalsSayWhatAndWhy) {
  auto r = check_status_change(state("verified"), {"open", "2024-05-01", ""}, "2026-01-01");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, RefusalKind::transition);
  EXPECT_EQ(r->message, "deficiency D-1: cannot go from verified to open; verified is final");
  r = check_status_change(state("open"), {"accepted", "2024-05-01", ""}, "2026-01-01");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->message, "deficiency D-1: cannot go from open to accepted; from open it can go to account_received, escalated");
  r = check_status_change(state("open"), {"closed", "2024-05-01", ""}, "2026-01-01");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, RefusalKind::unknown_status);
}

TEST(Lifecycle, DatesAreChecked) {
  EXPECT_FALSE(check_status_change(state("open"), {"account_received", "2024-03-28", ""}, "2026-01-01"));
  auto r = check_status_change(state("open"), {"account_received", "2023-11-01", ""}, "2026-01-01");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, RefusalKind::date);
  EXPECT_NE(r->message.find("before the decision date 2023-12-15"), std::string::npos);
  r = check_status_change(state("open", "2024-02-01"), {"account_received", "2024-01-20", ""}, "2026-01-01");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, RefusalKind::date);
  r = check_status_change(state("open"), {"account_received", "2026-02-01", ""}, "2026-01-01");
  ASSERT_TRUE(r);
  EXPECT_NE(r->message.find("in the future"), std::string::npos);
  r = check_status_change(state("open"), {"account_received", "2024-02-30", ""}, "2026-01-01");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, RefusalKind::date);
}

TEST(Lifecycle, ADeadlineBeforeTheDecisionIsRefused) {
  auto r = check_status_change(state("not_accepted"), {"escalated", "2024-05-01", "2023-12-01"}, "2026-01-01");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, RefusalKind::deadline);
  EXPECT_EQ(r->message, "deficiency D-1: the deadline 2023-12-01 is before the decision date 2023-12-15");
  EXPECT_FALSE(check_status_change(state("not_accepted"), {"escalated", "2024-05-01", "2024-08-01"}, "2026-01-01"));
  EXPECT_FALSE(check_deadline("D-1", "2023-12-15", "2023-12-15"));
  EXPECT_TRUE(check_deadline("D-1", "2023-12-15", "2023-12-14"));
}

}  // namespace
}  // namespace vaksam::followup
