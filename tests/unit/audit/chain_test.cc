#include "audit/chain.h"

#include <gtest/gtest.h>

#include <vector>

namespace vaksam::audit {
namespace {

privacy::Key test_key(unsigned char fill) {
  privacy::Key k{};
  k.fill(fill);
  return k;
}

std::vector<Entry> make_chain(int n, const privacy::Key& key) {
  std::vector<Entry> chain;
  std::string prev;
  for (int i = 1; i <= n; ++i) {
    Entry e{i, "2026-01-0" + std::to_string(i % 9 + 1) + "T10:00:00Z", "anna", "read_case_text", "case",
            "C" + std::to_string(i), "cli@host", "", prev, ""};
    e.mac = entry_mac(e, prev, key);
    prev = e.mac;
    chain.push_back(e);
  }
  return chain;
}

TEST(AuditChain, AnIntactChainVerifies) {
  const auto key = test_key(7);
  auto chain = make_chain(6, key);
  auto check = verify(chain, key, Anchor{6, chain.back().mac});
  EXPECT_TRUE(check.ok) << check.problem;
  EXPECT_EQ(check.entries, 6);
  EXPECT_TRUE(verify({}, key, std::nullopt).ok);
}

TEST(AuditChain, AlteredEntryIsNamed) {
  const auto key = test_key(7);
  auto chain = make_chain(6, key);
  chain[3].actor = "someone else";
  auto check = verify(chain, key, std::nullopt);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_bad_seq, 4);
  EXPECT_NE(check.problem.find("altered"), std::string::npos);
}

TEST(AuditChain, RemovedEntryIsNamed) {
  const auto key = test_key(7);
  auto chain = make_chain(6, key);
  chain.erase(chain.begin() + 2);  // entry 3
  auto check = verify(chain, key, std::nullopt);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_bad_seq, 4);
  EXPECT_NE(check.problem.find("removed"), std::string::npos) << check.problem;
}

TEST(AuditChain, ReorderedEntriesAreNamed) {
  const auto key = test_key(7);
  auto chain = make_chain(6, key);
  std::swap(chain[1], chain[2]);
  auto check = verify(chain, key, std::nullopt);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_bad_seq, 3);
}

TEST(AuditChain, RenumberingToHideARemovalFailsWithoutTheKey) {
  const auto key = test_key(7);
  auto chain = make_chain(5, key);
  chain.erase(chain.begin() + 1);
  for (size_t i = 1; i < chain.size(); ++i) chain[i].seq = static_cast<int64_t>(i + 1);
  EXPECT_FALSE(verify(chain, key, std::nullopt).ok);
  // A forger with another key cannot make a chain this key accepts.
  auto forged = make_chain(5, test_key(9));
  EXPECT_FALSE(verify(forged, key, std::nullopt).ok);
}

TEST(AuditChain, TruncationIsCaughtByTheAnchor) {
  const auto key = test_key(7);
  auto chain = make_chain(6, key);
  const Anchor anchor{6, chain.back().mac};
  chain.pop_back();
  chain.pop_back();
  EXPECT_TRUE(verify(chain, key, std::nullopt).ok) << "without an anchor a cut tail looks whole";
  auto check = verify(chain, key, anchor);
  EXPECT_FALSE(check.ok);
  EXPECT_NE(check.problem.find("truncated"), std::string::npos);
  EXPECT_EQ(check.first_bad_seq, 5);
}

}  // namespace
}  // namespace vaksam::audit
