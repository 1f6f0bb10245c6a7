#include "privacy/keys.h"

#include <gtest/gtest.h>

namespace vaksam::privacy {
namespace {

TEST(Keys, EachUseHasItsOwnKeyAndDerivationIsStable) {
  Key master{};
  for (size_t i = 0; i < master.size(); ++i) master[i] = static_cast<unsigned char>(i);
  const KeySet a = derive_keys(master), b = derive_keys(master);
  EXPECT_EQ(a.pseudonym, b.pseudonym);
  EXPECT_EQ(a.audit, b.audit);
  EXPECT_EQ(a.wrapping, b.wrapping);
  EXPECT_NE(a.pseudonym, a.audit);
  EXPECT_NE(a.audit, a.wrapping);
  EXPECT_NE(a.pseudonym, master);
  master[0] ^= 1;
  EXPECT_NE(derive_keys(master).pseudonym, a.pseudonym);
}

}  // namespace
}  // namespace vaksam::privacy
