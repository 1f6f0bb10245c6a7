#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <set>

#include "common/error.h"
#include "store/sqlite_migrations.h"
#include "support/temp_dir.h"

namespace vaksam::store {
namespace {

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

TEST_F(SqliteStoreTest, CreatesSchemaAndSeedsGeography) {
  const int latest = sqlite_migrations().back().version;
  EXPECT_EQ(store_->schema_version(), latest);
  auto st = store_->status();
  EXPECT_EQ(st.schema_version, latest);
  for (const auto& c : st.counts) EXPECT_EQ(c.count, 0) << c.entity;
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.file("v.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT (SELECT COUNT(*) FROM municipalities), (SELECT COUNT(*) FROM regions),"
                         " (SELECT SUM(population) FROM municipalities)", -1, &s, nullptr);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(s, 0), 290);
  EXPECT_EQ(sqlite3_column_int(s, 1), 21);
  EXPECT_EQ(sqlite3_column_int64(s, 2), 10587710);
  sqlite3_finalize(s);
  sqlite3_close(db);
}

TEST_F(SqliteStoreTest, EverySpecFieldIsAColumnOfItsTable) {
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.file("v.db").c_str(), &db), SQLITE_OK);
  for (const auto& spec : model::all_entities()) {
    for (std::string suffix : {"", "_history"}) {
      std::set<std::string> columns;
      sqlite3_stmt* s = nullptr;
      std::string sql = "PRAGMA table_info(" + std::string(spec.table) + suffix + ")";
      sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr);
      while (sqlite3_step(s) == SQLITE_ROW)
        columns.insert(reinterpret_cast<const char*>(sqlite3_column_text(s, 1)));
      sqlite3_finalize(s);
      for (const auto& f : spec.fields) {
        if (f.in_store()) EXPECT_TRUE(columns.count(std::string(f.name))) << spec.table << suffix << "." << f.name;
        else EXPECT_FALSE(columns.count(std::string(f.name))) << f.name << " must never be a column";
      }
    }
  }
  sqlite3_close(db);
}

TEST_F(SqliteStoreTest, RefusesToCreateOverAnExistingFileOrOpenAMissingOne) {
  EXPECT_THROW(open_sqlite(dir_.file("v.db"), OpenMode::create), Error);
  EXPECT_THROW(open_sqlite(dir_.file("missing.db"), OpenMode::open_existing), Error);
}

TEST_F(SqliteStoreTest, RefusesAFileThatIsNotADatabase) {
  testing::TempDir other;
  std::string path = other.write("not.db", "this is not a database at all, just text\n");
  EXPECT_THROW(open_sqlite(path, OpenMode::open_existing), Error);
}

TEST_F(SqliteStoreTest, InsertFindAndUpdateKeepsHistory) {
  const auto& spec = model::entity(EntityKind::principal);
  Transaction tx(*store_);
  int64_t b = batch();
  EXPECT_TRUE(store_->insert_if_new(spec, principal("P1", "Stockholms kommun"), {"h1", b, 2}));
  std::vector<Value> key{std::string("P1")};
  auto found = store_->find(spec, key);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->row_hash, "h1");
  EXPECT_EQ(found->version, 1);
  EXPECT_FALSE(store_->insert_if_new(spec, principal("P1", "Other"), {"h9", b, 3}));
  EXPECT_EQ(store_->find(spec, key)->row_hash, "h1");
  store_->update_keeping_history(spec, principal("P1", "Stockholms stad"), {"h2", b, 3});
  found = store_->find(spec, key);
  EXPECT_EQ(found->row_hash, "h2");
  EXPECT_EQ(found->version, 2);
  EXPECT_EQ(std::get<std::string>(*store_->field_of(spec, "P1", "name")), "Stockholms stad");
  tx.commit();
  EXPECT_FALSE(store_->find(spec, std::vector<Value>{std::string("P2")}));
  EXPECT_FALSE(store_->field_of(spec, "P2", "name"));

  store_.reset();
  sqlite3* db = nullptr;
  sqlite3_open(dir_.file("v.db").c_str(), &db);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT name, version, superseded_by_batch FROM principals_history", -1, &s, nullptr);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), "Stockholms kommun");
  EXPECT_EQ(sqlite3_column_int(s, 1), 1);
  EXPECT_EQ(sqlite3_column_int64(s, 2), b);
  EXPECT_EQ(sqlite3_step(s), SQLITE_DONE);
  sqlite3_finalize(s);
  sqlite3_close(db);
}

TEST_F(SqliteStoreTest, DeferredIndexesAreRebuiltOnCommitAndRestoredOnRollback) {
  const auto& cases = model::entity(EntityKind::case_record);
  auto index_count = [&] {
    sqlite3* db = nullptr;
    sqlite3_open(dir_.file("v.db").c_str(), &db);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM sqlite_master WHERE type='index' AND tbl_name='cases' AND sql IS NOT NULL",
                       -1, &s, nullptr);
    sqlite3_step(s);
    int n = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return n;
  };
  const int before = index_count();
  ASSERT_GE(before, 1);
  {
    Transaction tx(*store_);
    store_->defer_indexes(cases);
  }  // rolled back
  EXPECT_EQ(index_count(), before);
  Transaction tx(*store_);
  store_->defer_indexes(cases);
  tx.commit();
  EXPECT_EQ(index_count(), before);
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

TEST_F(SqliteStoreTest, RollbackLeavesNothing) {
  const auto& spec = model::entity(EntityKind::principal);
  {
    Transaction tx(*store_);
    EXPECT_TRUE(store_->insert_if_new(spec, principal("P1", "X"), {"h", batch(), 2}));
  }  // destroyed without commit
  EXPECT_FALSE(store_->find(spec, std::vector<Value>{std::string("P1")}));
  EXPECT_TRUE(store_->batches().empty());
}

TEST_F(SqliteStoreTest, ForeignKeysAreEnforced) {
  const auto& units = model::entity(EntityKind::unit);
  Transaction tx(*store_);
  int64_t b = batch();
  std::vector<Value> unit{std::string("U1"), std::string("Gruppbostad"), std::string("lss_group_home"),
                          std::string("NO-SUCH-PRINCIPAL"), std::string("0180"), Value{}, Value{}, Value{}};
  EXPECT_THROW(store_->insert_if_new(units, unit, {"h", b, 2}), Error);
}

TEST_F(SqliteStoreTest, CompositeKeyForIndicatorValues) {
  const auto& spec = model::entity(EntityKind::indicator_value);
  Transaction tx(*store_);
  int64_t b = batch();
  std::vector<Value> row{std::string("N07402"), std::string("0180"), std::string("2023"), 12.5, Value{},
                         Value{}};
  EXPECT_TRUE(store_->insert_if_new(spec, row, {"h1", b, 2}));
  row[3] = 13.0;
  store_->update_keeping_history(spec, row, {"h2", b, 3});
  std::vector<Value> key{std::string("N07402"), std::string("0180"), std::string("2023")};
  EXPECT_EQ(store_->find(spec, key)->version, 2);
  key[2] = std::string("2024");
  EXPECT_FALSE(store_->find(spec, key));
  tx.commit();
}

}  // namespace
}  // namespace vaksam::store
