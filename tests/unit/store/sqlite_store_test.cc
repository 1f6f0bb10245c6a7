#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <set>

#include "common/error.h"
#include "store/sqlite_migrations.h"
#include "support/temp_dir.h"

namespace vaksam::store {
namespace {

// What only the SQLite backend does (files, WAL, journal modes). Everything both backends do
// is tested once for both in store_contract_test.cc.

using model::EntityKind;
using model::Value;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = open_sqlite(dir_.file("v.db"), OpenMode::create); }

  int64_t batch() { return store_->create_batch({"principals", "p.csv", "", "csv", "UTF-8", "test"}); }

  std::vector<Value> principal(const std::string& id, const std::string& name) {
    return {id, std::string("municipality"), name, Value{}, std::string("0180"), Value{}};
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteStoreTest, RefusesToCreateOverAnExistingFileOrOpenAMissingOne) {
  EXPECT_THROW(open_sqlite(dir_.file("v.db"), OpenMode::create), Error);
  EXPECT_THROW(open_sqlite(dir_.file("missing.db"), OpenMode::open_existing), Error);
}

TEST_F(SqliteStoreTest, RefusesAFileThatIsNotADatabase) {
  testing::TempDir other;
  std::string path = other.write("not.db", "this is not a database at all, just text\n");
  EXPECT_THROW(open_sqlite(path, OpenMode::open_existing), Error);
}

std::string journal_mode(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, nullptr);
  sqlite3_step(s);
  std::string mode = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
  sqlite3_close(db);
  return mode;
}

TEST_F(SqliteStoreTest, BulkTransactionsCommitOrRollBackAndReturnToWal) {
  const auto& spec = model::entity(EntityKind::principal);
  {
    Transaction tx(*store_, WriteKind::bulk);
    store_->insert_if_new(spec, principal("P1", "X"), {"h", batch(), 2});
  }
  EXPECT_FALSE(store_->find(spec, std::vector<Value>{std::string("P1")}));
  Transaction tx(*store_, WriteKind::bulk);
  store_->insert_if_new(spec, principal("P2", "Y"), {"h", batch(), 2});
  tx.commit();
  EXPECT_TRUE(store_->find(spec, std::vector<Value>{std::string("P2")}));
  store_.reset();
  EXPECT_EQ(journal_mode(dir_.file("v.db")), "wal");
}

TEST_F(SqliteStoreTest, MigrationsAreNumberedInOrderWithoutGaps) {
  int expected = 1;
  for (const auto& m : sqlite_migrations()) EXPECT_EQ(m.version, expected++) << m.description;
}

TEST_F(SqliteStoreTest, ScreeningsFollowTheCaseVersionAndKeepFeedback) {
  const auto& principals = model::entity(EntityKind::principal);
  const auto& cases = model::entity(EntityKind::case_record);
  Transaction tx(*store_);
  const int64_t b = batch();
  store_->insert_if_new(principals, principal("P1", "Kommun"), {"h", b, 2});
  auto a_case = [](const std::string& id, const std::string& text) {
    return std::vector<Value>{id, std::string("complaint"), std::string("2024-01-02"), Value{}, std::string("P1"),
                              Value{}, Value{}, Value{}, Value{}, text};
  };
  store_->insert_if_new(cases, a_case("C1", "Hon blev slagen."), {"h1", b, 2});
  store_->insert_if_new(cases, a_case("C2", "Inget våld."), {"h2", b, 3});
  auto todo = store_->cases_to_screen(false, "sv-1", "", 10);
  ASSERT_EQ(todo.size(), 2u);
  EXPECT_EQ(todo[0].case_id, "C1");
  EXPECT_EQ(todo[0].narrative, "Hon blev slagen.");
  store_->save_screening({"C1", todo[0].case_version, "sv-1", "", true, 0.9, "moderate", false, "physical", "{}"});
  todo = store_->cases_to_screen(false, "sv-1", "", 10);
  ASSERT_EQ(todo.size(), 1u);
  EXPECT_EQ(todo[0].case_id, "C2");
  EXPECT_EQ(store_->cases_to_screen(true, "sv-1", "", 10).size(), 2u);
  EXPECT_EQ(store_->cases_to_screen(true, "sv-1", "C1", 10).size(), 1u);  // paging by case id
  // A new lexicon version makes every case due again.
  EXPECT_EQ(store_->cases_to_screen(false, "sv-2", "", 10).size(), 2u);
  // A changed text makes the case due for screening again.
  store_->update_keeping_history(cases, a_case("C1", "Hon blev slagen igen."), {"h3", b, 4});
  todo = store_->cases_to_screen(false, "sv-1", "", 10);
  EXPECT_EQ(todo.size(), 2u);
  auto saved = store_->screening("C1");
  ASSERT_TRUE(saved);
  EXPECT_TRUE(saved->violence);
  EXPECT_EQ(saved->categories, "physical");
  EXPECT_FALSE(saved->screened_at.empty());
  EXPECT_FALSE(store_->screening("C2"));
  store_->add_feedback({"C1", "violence", "confirmed", "sv-1", "analytiker1", "", ""});
  store_->add_feedback({"C1", "physical", "rejected", "sv-1", "analytiker1", "", "Fel kategori"});
  auto fb = store_->feedback();
  ASSERT_EQ(fb.size(), 2u);
  EXPECT_EQ(fb[1].note, "Fel kategori");
  EXPECT_THROW(store_->add_feedback({"C1", "violence", "maybe", "sv-1", "a", "", ""}), Error);
  tx.commit();
}

}  // namespace
}  // namespace vaksam::store
