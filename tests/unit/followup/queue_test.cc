#include "followup/queue.h"

#include <gtest/gtest.h>

#include <map>

#include "followup/recurrence.h"
#include "unit/followup/dataset_fixture.h"

namespace vaksam::followup {
namespace {

using testing::Builder;
using testing::day;

Bucket item_bucket_of(const std::vector<QueueItem>& q, const facts::Dataset& d, const std::string& id) {
  for (const auto& item : q)
    if (d.deficiencies[item.deficiency].id == id) return item.bucket;
  ADD_FAILURE() << id << " not in the queue";
  return Bucket::open;
}

struct QueueTest : ::testing::Test {
  Builder b;
  void SetUp() override {
    const uint32_t p1 = b.principal("K1"), p2 = b.principal("K2");
    const uint32_t u1 = b.unit("U1", p1), u2 = b.unit("U2", p1), u3 = b.unit("U3", p2);
    const uint32_t i1 = b.inspection("I1", u1, "2023-03-01"), i2 = b.inspection("I2", u2, "2025-06-01"),
                   i3 = b.inspection("I3", u3, "2025-09-01");
    // Overdue: open, deadline passed long ago.
    b.deficiency("D-over", i3, "self_monitoring", "2025-10-01", {{"open", "2025-09-01"}});
    // Due soon: deadline in 10 days.
    b.deficiency("D-soon", i3, "collaboration", "2026-01-25", {{"open", "2025-09-01"}});
    // Recurring: K1 found deficient in risk_assessment at I1 and at I2 (two units of the principal).
    b.deficiency("D-first", i1, "risk_assessment", "2023-06-01",
                 {{"open", "2023-03-01"}, {"account_received", "2023-05-20"}, {"accepted", "2023-06-10"}});
    b.deficiency("D-again", i2, "risk_assessment", "2026-06-01", {{"open", "2025-06-01"}, {"account_received", "2025-12-01"}});
    // Verified: not in the queue.
    b.deficiency("D-done", i1, "competence_quality", "2023-06-01",
                 {{"open", "2023-03-01"}, {"account_received", "2023-05-01"}, {"accepted", "2023-06-01"},
                  {"verified", "2024-02-01"}});
    // Not accepted: overdue whatever the deadline.
    b.deficiency("D-rej", i2, "children_not_noticed", "2026-09-01", {{"open", "2025-06-01"}, {"not_accepted", "2025-11-01"}});
  }
};

TEST_F(QueueTest, BucketsNextStepsAndOrder) {
  const auto q = build_queue(b.d, day("2026-01-15"));
  std::map<std::string, const QueueItem*> by_id;
  for (const auto& item : q) by_id[b.d.deficiencies[item.deficiency].id] = &item;
  ASSERT_EQ(q.size(), 5u);
  EXPECT_EQ(by_id.count("D-done"), 0u);
  EXPECT_EQ(by_id["D-over"]->bucket, Bucket::overdue);
  EXPECT_EQ(by_id["D-over"]->days_to_deadline, -106);
  EXPECT_NE(by_id["D-over"]->next_step.find("escalate"), std::string::npos);
  EXPECT_NE(by_id["D-over"]->reason.find("106 days after the deadline 2025-10-01"), std::string::npos);
  EXPECT_EQ(by_id["D-rej"]->bucket, Bucket::overdue);
  EXPECT_EQ(by_id["D-soon"]->bucket, Bucket::due_soon);
  EXPECT_NE(by_id["D-soon"]->reason.find("in 10 days"), std::string::npos);
  EXPECT_EQ(by_id["D-again"]->bucket, Bucket::recurring);
  EXPECT_EQ(by_id["D-again"]->recurrences, 2u);
  EXPECT_NE(by_id["D-again"]->next_step.find("follow-up inspection"), std::string::npos);
  EXPECT_NE(by_id["D-again"]->reason.find("risk_assessment at 2 inspections"), std::string::npos);
  EXPECT_EQ(by_id["D-first"]->bucket, Bucket::recurring);  // accepted, awaiting verification, and recurring
  EXPECT_NE(by_id["D-first"]->next_step.find("verify the remedy"), std::string::npos);
  for (size_t i = 1; i < q.size(); ++i) EXPECT_LE(q[i - 1].bucket, q[i].bucket);
  EXPECT_EQ(b.d.deficiencies[q[0].deficiency].id, "D-over");  // most overdue first within the bucket
}

TEST_F(QueueTest, TheQueueOnAnEarlierDayUsesTheStatusThen) {
  const auto q = build_queue(b.d, day("2023-05-01"));  // only I1 is known
  ASSERT_EQ(q.size(), 2u);
  for (const auto& item : q) {
    const auto& id = b.d.deficiencies[item.deficiency].id;
    EXPECT_EQ(item.status, id == "D-first" ? "open" : "account_received") << id;  // D-done not yet verified
  }
  EXPECT_EQ(item_bucket_of(q, b.d, "D-first"), Bucket::open);  // deadline in 31 days
  QueueOptions o;
  o.due_soon_days = 31;
  EXPECT_EQ(item_bucket_of(build_queue(b.d, day("2023-05-01"), o), b.d, "D-first"), Bucket::due_soon);
}

TEST_F(QueueTest, RecurrenceNeedsTwoInspectionsKnownByTheDate) {
  auto r = recurrence_counts(b.d, day("2026-01-15"));
  EXPECT_EQ(r[3], 2u);  // D-again
  EXPECT_EQ(r[2], 2u);  // D-first
  EXPECT_EQ(r[0], 1u);  // D-over
  r = recurrence_counts(b.d, day("2024-01-01"));
  EXPECT_EQ(r[2], 1u);  // I2 not yet decided
  EXPECT_EQ(r[3], 0u);  // not known yet
}

}  // namespace
}  // namespace vaksam::followup
