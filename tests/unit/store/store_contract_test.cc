// The Store contract: every test here runs against SQLite and against a real
// PostgreSQL (see tests/support/postgres_cluster.h), and both must behave the same.
#include <gtest/gtest.h>

#include <set>

#include "common/error.h"
#include "privacy/text_cipher.h"
#include "store/postgres_migrations.h"
#include "store/sqlite_migrations.h"
#include "unit/store/store_backends.h"

namespace vaksam::store {
namespace {

using model::EntityKind;
using model::Value;

class StoreContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    backend_ = make_backend(GetParam());
    store_ = backend_->open(OpenMode::create);
  }
  void TearDown() override { store_.reset(); }

  int64_t batch() { return store_->create_batch({"principals", "p.csv", "", "csv", "UTF-8", "test"}); }

  static std::vector<Value> principal(const std::string& id, const std::string& name) {
    return {id, std::string("municipality"), name, Value{}, std::string("0180"), Value{}};
  }
  static std::vector<Value> a_case(const std::string& id, const std::string& text,
                                   const std::string& received = "2024-01-02") {
    return {id, std::string("complaint"), received, Value{}, std::string("P1"),
            std::string("p_00112233445566778899aabbccddeeff"), std::string("female"), std::string("18-29"),
            Value{}, text};
  }
  // A principal P1 and cases C1, C2 (committed).
  void two_cases() {
    Transaction tx(*store_);
    const int64_t b = batch();
    store_->insert_if_new(model::entity(EntityKind::principal), principal("P1", "Kommun"), {"h", b, 2});
    store_->insert_if_new(model::entity(EntityKind::case_record), a_case("C1", "Hon blev slagen."), {"h1", b, 2});
    store_->insert_if_new(model::entity(EntityKind::case_record), a_case("C2", "Inget våld.", "2025-06-01"),
                          {"h2", b, 3});
    tx.commit();
  }

  std::unique_ptr<Backend> backend_;
  std::unique_ptr<Store> store_;
};

const std::vector<Value> kP1{std::string("P1")};

TEST_P(StoreContractTest, CreatesSchemaAndSeedsGeography) {
  EXPECT_EQ(store_->schema_version(), sqlite_migrations().back().version);
  for (const auto& c : store_->status().counts) EXPECT_EQ(c.count, 0) << c.entity;
  EXPECT_EQ(backend_->query("SELECT (SELECT COUNT(*) FROM municipalities), (SELECT COUNT(*) FROM regions), "
                            "(SELECT SUM(population) FROM municipalities)"),
            "290|21|10587710");
}

TEST_P(StoreContractTest, EverySpecFieldIsAColumnOfItsTable) {
  for (const auto& spec : model::all_entities()) {
    for (std::string suffix : {"", "_history"}) {
      const auto columns = backend_->columns_of(std::string(spec.table) + suffix);
      ASSERT_FALSE(columns.empty()) << spec.table << suffix;
      for (const auto& f : spec.fields) {
        if (f.in_store()) EXPECT_TRUE(columns.count(std::string(f.name))) << spec.table << suffix << "." << f.name;
        else EXPECT_FALSE(columns.count(std::string(f.name))) << f.name << " must never be a column";
      }
    }
  }
}

TEST_P(StoreContractTest, RefusesToCreateTwiceOrOpenWhatWasNeverCreated) {
  EXPECT_THROW(backend_->open(OpenMode::create), Error);
  EXPECT_NO_THROW(backend_->open(OpenMode::open_existing));
  auto empty = make_backend(GetParam());
  EXPECT_THROW(empty->open(OpenMode::open_existing), Error);
}

TEST_P(StoreContractTest, InsertFindAndUpdateKeepsHistory) {
  const auto& spec = model::entity(EntityKind::principal);
  Transaction tx(*store_);
  const int64_t b = batch();
  EXPECT_TRUE(store_->insert_if_new(spec, principal("P1", "Stockholms kommun"), {"h1", b, 2}));
  auto found = store_->find(spec, kP1);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->row_hash, "h1");
  EXPECT_EQ(found->version, 1);
  EXPECT_FALSE(store_->insert_if_new(spec, principal("P1", "Other"), {"h9", b, 3}));
  EXPECT_EQ(store_->find(spec, kP1)->row_hash, "h1");
  store_->update_keeping_history(spec, principal("P1", "Stockholms stad"), {"h2", b, 3});
  found = store_->find(spec, kP1);
  EXPECT_EQ(found->row_hash, "h2");
  EXPECT_EQ(found->version, 2);
  EXPECT_EQ(std::get<std::string>(*store_->field_of(spec, "P1", "name")), "Stockholms stad");
  tx.commit();
  EXPECT_FALSE(store_->find(spec, std::vector<Value>{std::string("P2")}));
  EXPECT_FALSE(store_->field_of(spec, "P2", "name"));
  EXPECT_EQ(backend_->query("SELECT name, version, superseded_by_batch FROM principals_history"),
            "Stockholms kommun|1|" + std::to_string(b));
  EXPECT_EQ(backend_->query("SELECT COUNT(*) FROM principals_history"), "1");
}

TEST_P(StoreContractTest, RowHashesAreBytesNotText) {
  const auto& spec = model::entity(EntityKind::principal);
  const std::string binary("\x00\xff\x10\x80 \x01", 6);  // a digest is any 16 bytes, NUL included
  Transaction tx(*store_);
  store_->insert_if_new(spec, principal("P1", "X"), {binary, batch(), 2});
  tx.commit();
  EXPECT_EQ(store_->find(spec, kP1)->row_hash, binary);
}

TEST_P(StoreContractTest, DeferredIndexesAreRebuiltOnCommitAndRestoredOnRollback) {
  const auto& cases = model::entity(EntityKind::case_record);
  const int before = backend_->index_count("cases");
  ASSERT_GE(before, 1);
  {
    Transaction tx(*store_);
    store_->defer_indexes(cases);
  }  // rolled back
  EXPECT_EQ(backend_->index_count("cases"), before);
  Transaction tx(*store_);
  store_->defer_indexes(cases);
  tx.commit();
  EXPECT_EQ(backend_->index_count("cases"), before);
}

TEST_P(StoreContractTest, BulkTransactionsCommitOrRollBack) {
  const auto& spec = model::entity(EntityKind::principal);
  {
    Transaction tx(*store_, WriteKind::bulk);
    const int64_t b = batch();
    EXPECT_TRUE(store_->insert_if_new(spec, principal("P1", "X"), {"h", b, 2}));
    EXPECT_TRUE(store_->insert_if_new(spec, principal("P3", "Z"), {"h", b, 3}));
  }
  EXPECT_FALSE(store_->find(spec, kP1));
  EXPECT_EQ(backend_->query("SELECT COUNT(*) FROM principals"), "0");
  Transaction tx(*store_, WriteKind::bulk);
  const int64_t b = batch();
  EXPECT_TRUE(store_->insert_if_new(spec, principal("P2", "Y"), {"h", b, 2}));
  tx.commit();
  EXPECT_TRUE(store_->find(spec, std::vector<Value>{std::string("P2")}));
}

TEST_P(StoreContractTest, BulkLoadSeesItsOwnRowsAndTheTablesKeys) {
  const auto& principals = model::entity(EntityKind::principal);
  const auto& cases = model::entity(EntityKind::case_record);
  {
    Transaction tx(*store_);
    store_->insert_if_new(principals, principal("P1", "Kommun"), {"h", batch(), 2});
    tx.commit();
  }
  Transaction tx(*store_, WriteKind::bulk);
  const int64_t b = batch();
  EXPECT_FALSE(store_->insert_if_new(principals, principal("P1", "Again"), {"h", b, 2}));  // in the table
  // Text with every character COPY treats specially, and rows that refer to a row of this load.
  const std::string tricky = "tab\there\nnew line\\back\rslash ; \"quoted\" åäö";
  EXPECT_TRUE(store_->insert_if_new(principals, principal("P2", tricky), {"h", b, 3}));
  std::vector<Value> c = a_case("C1", tricky);
  c[4] = std::string("P2");
  EXPECT_TRUE(store_->insert_if_new(cases, c, {"h1", b, 2}));
  EXPECT_FALSE(store_->insert_if_new(cases, a_case("C1", "dup"), {"h1", b, 3}));  // sent earlier in this load
  for (int i = 0; i < 2000; ++i)
    ASSERT_TRUE(store_->insert_if_new(cases, a_case("B" + std::to_string(i), "text"), {"h", b, 4u + i}));
  EXPECT_EQ(std::get<std::string>(*store_->field_of(principals, "P2", "name")), tricky);
  EXPECT_EQ(std::get<std::string>(*store_->field_of(cases, "C1", "narrative")), tricky);
  EXPECT_EQ(std::get<std::string>(*store_->field_of(cases, "C1", "subject_pseudonym")),
            "p_00112233445566778899aabbccddeeff");
  EXPECT_TRUE(model::is_null(*store_->field_of(cases, "C1", "unit_id")));
  tx.commit();
  EXPECT_EQ(backend_->query("SELECT COUNT(*) FROM cases"), "2001");
  EXPECT_EQ(store_->find(cases, std::vector<Value>{std::string("B1999")})->version, 1);
}

TEST_P(StoreContractTest, ScreeningsFollowTheCaseVersionAndKeepFeedback) {
  const auto& cases = model::entity(EntityKind::case_record);
  two_cases();
  Transaction tx(*store_);
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
  EXPECT_EQ(store_->cases_to_screen(false, "sv-2", "", 10).size(), 2u);    // a new lexicon: all due
  store_->update_keeping_history(cases, a_case("C1", "Hon blev slagen igen."), {"h3", batch(), 4});
  EXPECT_EQ(store_->cases_to_screen(false, "sv-1", "", 10).size(), 2u);  // changed text: due again
  // A second screening replaces the first.
  store_->save_screening({"C1", 2, "sv-1", "", true, 0.75, "high", true, "physical|sexual", "{\"a\":1}"});
  auto saved = store_->screening("C1");
  ASSERT_TRUE(saved);
  EXPECT_TRUE(saved->violence);
  EXPECT_EQ(saved->case_version, 2);
  EXPECT_DOUBLE_EQ(saved->score, 0.75);
  EXPECT_EQ(saved->severity, "high");
  EXPECT_TRUE(saved->handling_deficiency);
  EXPECT_EQ(saved->categories, "physical|sexual");
  EXPECT_EQ(saved->result_json, "{\"a\":1}");
  EXPECT_FALSE(saved->screened_at.empty());
  EXPECT_FALSE(store_->screening("C2"));
  store_->add_feedback({"C1", "violence", "confirmed", "sv-1", "analytiker1", "", ""});
  store_->add_feedback({"C1", "physical", "rejected", "sv-1", "analytiker1", "", "Fel kategori"});
  tx.commit();
  auto fb = store_->feedback();
  ASSERT_EQ(fb.size(), 2u);
  EXPECT_EQ(fb[0].note, "");
  EXPECT_EQ(fb[1].note, "Fel kategori");
  EXPECT_FALSE(fb[1].decided_at.empty());
  Transaction refused(*store_);
  EXPECT_THROW(store_->add_feedback({"C1", "violence", "maybe", "sv-1", "a", "", ""}), Error);
}

TEST_P(StoreContractTest, RollbackLeavesNothing) {
  const auto& spec = model::entity(EntityKind::principal);
  {
    Transaction tx(*store_);
    EXPECT_TRUE(store_->insert_if_new(spec, principal("P1", "X"), {"h", batch(), 2}));
    store_->append_audit({1, "2026-01-01T00:00:00Z", "a", "import", "batch", "1", "cli", "", "", "m"});
  }  // destroyed without commit
  EXPECT_FALSE(store_->find(spec, kP1));
  EXPECT_TRUE(store_->batches().empty());
  EXPECT_FALSE(store_->last_audit());
}

TEST_P(StoreContractTest, ForeignKeysAreEnforced) {
  const auto& units = model::entity(EntityKind::unit);
  Transaction tx(*store_);
  std::vector<Value> unit{std::string("U1"), std::string("Gruppbostad"), std::string("lss_group_home"),
                          std::string("NO-SUCH-PRINCIPAL"), std::string("0180"), Value{}, Value{}, Value{}};
  EXPECT_THROW(store_->insert_if_new(units, unit, {"h", batch(), 2}), Error);
}

TEST_P(StoreContractTest, ForeignKeysAreEnforcedInABulkLoadByCommit) {
  const auto& units = model::entity(EntityKind::unit);
  std::vector<Value> unit{std::string("U1"), std::string("Gruppbostad"), std::string("lss_group_home"),
                          std::string("NO-SUCH-PRINCIPAL"), std::string("0180"), Value{}, Value{}, Value{}};
  EXPECT_THROW(
      {
        Transaction tx(*store_, WriteKind::bulk);
        store_->insert_if_new(units, unit, {"h", batch(), 2});
        tx.commit();
      },
      Error);
  EXPECT_EQ(backend_->query("SELECT COUNT(*) FROM units"), "0");
  EXPECT_TRUE(store_->batches().empty());
}

TEST_P(StoreContractTest, CompositeKeyForIndicatorValues) {
  const auto& spec = model::entity(EntityKind::indicator_value);
  Transaction tx(*store_);
  const int64_t b = batch();
  std::vector<Value> row{std::string("N07402"), std::string("0180"), std::string("2023"), 12.5, Value{}, Value{}};
  EXPECT_TRUE(store_->insert_if_new(spec, row, {"h1", b, 2}));
  row[3] = 0.1 + 0.2;  // not exactly 0.3: must come back bit for bit
  store_->update_keeping_history(spec, row, {"h2", b, 3});
  std::vector<Value> key{std::string("N07402"), std::string("0180"), std::string("2023")};
  EXPECT_EQ(store_->find(spec, key)->version, 2);
  key[2] = std::string("2024");
  EXPECT_FALSE(store_->find(spec, key));
  tx.commit();
  std::vector<std::string_view> fields{"period", "value", "denominator"};
  std::vector<std::vector<Value>> seen;
  store_->for_each_record(spec, fields, [&](std::span<const Value> r) { seen.emplace_back(r.begin(), r.end()); });
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(std::get<std::string>(seen[0][0]), "2023");
  EXPECT_EQ(std::get<double>(seen[0][1]), 0.1 + 0.2);
  EXPECT_TRUE(model::is_null(seen[0][2]));
}

TEST_P(StoreContractTest, AnalysisReadsRecordsInKeyOrderButNeverText) {
  two_cases();
  const auto& cases = model::entity(EntityKind::case_record);
  std::vector<std::string_view> fields{"case_id", "received_date", "unit_id"};
  std::vector<std::string> ids;
  store_->for_each_record(cases, fields, [&](std::span<const Value> r) {
    ids.push_back(std::get<std::string>(r[0]));
    EXPECT_TRUE(model::is_null(r[2]));
  });
  EXPECT_EQ(ids, (std::vector<std::string>{"C1", "C2"}));
  std::vector<std::string_view> text{"narrative"};
  EXPECT_THROW(store_->for_each_record(cases, text, [](auto) {}), Error);
  std::vector<std::string_view> unknown{"no_such_field"};
  EXPECT_THROW(store_->for_each_record(cases, unknown, [](auto) {}), Error);

  Transaction tx(*store_);
  store_->save_screening({"C2", 1, "sv-1", "", false, 0.1, "none", false, "", "{}"});
  store_->save_screening({"C1", 1, "sv-1", "", true, 0.9, "high", true, "physical", "{}"});
  tx.commit();
  std::vector<ScreeningSummary> summaries;
  store_->for_each_screening([&](const ScreeningSummary& s) { summaries.push_back(s); });
  ASSERT_EQ(summaries.size(), 2u);
  EXPECT_EQ(summaries[0].case_id, "C1");
  EXPECT_TRUE(summaries[0].violence);
  EXPECT_TRUE(summaries[0].handling_deficiency);
  EXPECT_DOUBLE_EQ(summaries[0].score, 0.9);
  EXPECT_FALSE(summaries[1].violence);
}

TEST_P(StoreContractTest, StatusHistoryIsByDeficiencyThenDateThenOrderRecorded) {
  const auto& inspections = model::entity(EntityKind::inspection);
  const auto& deficiencies = model::entity(EntityKind::deficiency);
  Transaction tx(*store_);
  const int64_t b = batch();
  store_->insert_if_new(model::entity(EntityKind::principal), principal("P1", "Kommun"), {"h", b, 2});
  store_->insert_if_new(inspections,
                        std::vector<Value>{std::string("I1"), std::string("planned"), Value{}, std::string("P1"),
                         std::string("2024-01-01"), Value{}, std::string("deficiencies"), Value{}},
                        {"h", b, 2});
  for (const char* id : {"D2", "D1"})
    store_->insert_if_new(deficiencies,
                          std::vector<Value>{std::string(id), std::string("I1"), std::string("routines"), std::string("SoL"),
                           std::string("Rutin"), Value{}, std::string("open"), std::string("2024-02-01")},
                          {"h", b, 2});
  store_->append_status_change({"D2", "open", "2024-02-01", "import:a", b});
  store_->append_status_change({"D1", "remedied", "2024-05-01", "import:a", b});
  store_->append_status_change({"D1", "open", "2024-02-01", "import:a", 0});
  store_->append_status_change({"D1", "in_progress", "2024-02-01", "import:a", b});
  tx.commit();
  auto h = store_->status_history();
  ASSERT_EQ(h.size(), 4u);
  EXPECT_EQ(h[0].deficiency_id + h[0].status, "D1open");
  EXPECT_EQ(h[0].batch_id, 0);
  EXPECT_EQ(h[1].deficiency_id + h[1].status, "D1in_progress");
  EXPECT_EQ(h[2].deficiency_id + h[2].status, "D1remedied");
  EXPECT_EQ(h[3].deficiency_id + h[3].status, "D2open");
}

TEST_P(StoreContractTest, TheAuditTrailIsAppendOnly) {
  {
    Transaction tx(*store_);
    store_->append_audit({1, "2026-01-01T10:00:00Z", "anna", "view", "case", "C1", "cli", "d1", "", "m1"});
    store_->append_audit({2, "2026-01-02T10:00:00Z", "bo", "import", "batch", "1", "cli", "d2", "m1", "m2"});
    store_->append_audit({3, "2026-01-03T10:00:00Z", "anna", "view", "case", "C2", "cli", "d3", "m2", "m3"});
    tx.commit();
  }
  EXPECT_THROW(backend_->query("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2"), std::runtime_error);
  EXPECT_THROW(backend_->query("DELETE FROM audit_log WHERE seq = 3"), std::runtime_error);
  EXPECT_EQ(backend_->query("SELECT COUNT(*), MIN(actor) FROM audit_log"), "3|anna");
  {
    Transaction tx(*store_);
    EXPECT_THROW(store_->append_audit({3, "2026-01-04T10:00:00Z", "x", "view", "case", "C3", "cli", "", "m3", "m4"}),
                 Error);  // seq taken
  }
  EXPECT_EQ(store_->last_audit()->mac, "m3");
  AuditFilter by_anna{.actor = "anna"};
  auto entries = store_->audit_entries(by_anna);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].object_id, "C2");
  EXPECT_EQ(store_->count_audit(by_anna), 2);
  by_anna.offset = 1;
  EXPECT_EQ(store_->audit_entries(by_anna).at(0).seq, 3);
  EXPECT_EQ(store_->count_audit({.since = "2026-01-02T00:00:00Z", .until = "2026-01-02T23:00:00Z"}), 1);
  EXPECT_EQ(store_->count_audit({.action = "import"}), 1);
  std::vector<int64_t> seqs;
  store_->for_each_audit([&](const AuditRecord& r) { seqs.push_back(r.seq); });
  EXPECT_EQ(seqs, (std::vector<int64_t>{1, 2, 3}));
}

privacy::TextCipher cipher_with(std::initializer_list<uint32_t> generations) {
  std::map<uint32_t, privacy::Key> keys;
  for (auto g : generations) {
    privacy::Key k{};
    k.fill(static_cast<unsigned char>(g));
    keys[g] = k;
  }
  return privacy::TextCipher(std::move(keys));
}

TEST_P(StoreContractTest, TextsAreSealedAtRestAndResealed) {
  const auto one = cipher_with({1}), two = cipher_with({1, 2});
  const auto& cases = model::entity(EntityKind::case_record);
  store_->use_text_cipher(&one);
  two_cases();
  {
    Transaction tx(*store_);
    store_->save_screening({"C1", 1, "sv-1", "", true, 0.9, "high", false, "physical", "{\"quote\":\"slagen\"}"});
    store_->update_keeping_history(cases, a_case("C1", "Hon blev slagen igen."), {"h3", batch(), 4});
    store_->add_wrapped_data_key(1, std::string("\x01\x00wrapped", 9));
    store_->add_wrapped_data_key(2, "w2");
    tx.commit();
  }
  EXPECT_EQ(backend_->query("SELECT COUNT(*) FROM cases WHERE narrative LIKE '%slagen%'"), "0");
  EXPECT_EQ(std::get<std::string>(*store_->field_of(cases, "C1", "narrative")), "Hon blev slagen igen.");
  EXPECT_EQ(store_->screening("C1")->result_json, "{\"quote\":\"slagen\"}");
  EXPECT_EQ(store_->wrapped_data_keys().at(1), std::string("\x01\x00wrapped", 9));
  store_->use_text_cipher(nullptr);
  EXPECT_THROW(store_->field_of(cases, "C1", "narrative"), Error);
  EXPECT_THROW(store_->cases_to_screen(true, "sv-1", "", 10), Error);

  store_->use_text_cipher(&two);
  {
    Transaction tx(*store_);
    EXPECT_EQ(store_->reseal_texts(), 4u);  // C1, C2, C1's earlier version and C1's screening
    store_->remove_data_keys_before(2);
    tx.commit();
  }
  EXPECT_EQ(store_->wrapped_data_keys().size(), 1u);
  const auto only_two = [] {
    std::map<uint32_t, privacy::Key> keys;
    privacy::Key k{};
    k.fill(2);
    keys[2] = k;
    return privacy::TextCipher(std::move(keys));
  }();
  store_->use_text_cipher(&only_two);  // generation 1 is gone: every text must be under 2 now
  EXPECT_EQ(std::get<std::string>(*store_->field_of(cases, "C2", "narrative")), "Inget våld.");
  EXPECT_EQ(store_->screening("C1")->result_json, "{\"quote\":\"slagen\"}");
  EXPECT_EQ(store_->cases_to_screen(true, "sv-1", "", 10).size(), 2u);
}

TEST_P(StoreContractTest, RetentionRulesCanBeChangedButNotInvented) {
  auto rules = store_->retention_rules();
  ASSERT_EQ(rules.size(), 4u);
  EXPECT_EQ(rules[0].category, "case_records");
  store_->set_retention("case_text", 30);
  EXPECT_EQ(store_->retention_rules()[1].days, 30);
  EXPECT_THROW(store_->set_retention("no_such", 30), Error);
  EXPECT_THROW(store_->set_retention("case_text", 0), Error);
}

TEST_P(StoreContractTest, PurgeRemovesWhatExpiredInOrder) {
  const auto& cases = model::entity(EntityKind::case_record);
  two_cases();  // C1 received 2024-01-02, C2 2025-06-01
  {
    Transaction tx(*store_);
    store_->save_screening({"C1", 1, "sv-1", "", true, 0.9, "high", false, "physical", "{\"q\":1}"});
    store_->update_keeping_history(cases, a_case("C2", "Ändrad text.", "2025-06-01"), {"h4", batch(), 5});
    tx.commit();
  }
  PurgeCounts texts;
  {
    Transaction tx(*store_);
    texts = store_->purge({{"case_text", "2025-01-01"}});
    tx.commit();
  }
  EXPECT_EQ(texts.texts, 1);
  EXPECT_EQ(texts.screening_evidence, 1);
  EXPECT_EQ(store_->screening("C1")->result_json, "{\"purged\": true}");
  EXPECT_TRUE(model::is_null(*store_->field_of(cases, "C1", "narrative")));
  {
    Transaction tx(*store_);
    EXPECT_EQ(store_->purge({{"case_text", "2025-01-01"}}).screening_evidence, 0);  // already purged
    auto c = store_->purge({{"personal_data", "2025-01-01"}, {"case_records", "2025-01-01"},
                            {"superseded_versions", "9999-01-01"}});
    EXPECT_EQ(c.personal_data, 1);
    EXPECT_EQ(c.case_records, 1);
    EXPECT_EQ(c.superseded_versions, 1);  // C2's first version
    tx.commit();
  }
  EXPECT_FALSE(store_->find(cases, std::vector<Value>{std::string("C1")}));
  EXPECT_TRUE(store_->find(cases, std::vector<Value>{std::string("C2")}));
  EXPECT_EQ(backend_->query("SELECT month, case_kind, subject_sex, cases FROM purged_case_counts"),
            "2024-01|complaint|female|1");
  EXPECT_EQ(backend_->query("SELECT COUNT(*) FROM cases_history"), "0");
}

TEST_P(StoreContractTest, StatusCountsByEntityAndKind) {
  two_cases();
  auto st = store_->status();
  std::map<std::string, int64_t> counts;
  for (const auto& c : st.counts) counts[c.entity + "/" + c.kind] = c.count;
  EXPECT_EQ(counts["cases/"], 2);
  EXPECT_EQ(counts["cases/complaint"], 2);
  EXPECT_EQ(counts["principals/"], 1);
  EXPECT_EQ(st.first_received, "2024-01-02");
  EXPECT_EQ(st.last_received, "2025-06-01");
  ASSERT_TRUE(st.last_batch);
  EXPECT_EQ(st.last_batch->info.file_name, "p.csv");
  EXPECT_GE(store_->approximate_count(model::entity(EntityKind::case_record)), 0);
}

TEST_P(StoreContractTest, BatchesRecordTheirCounts) {
  Transaction tx(*store_);
  const int64_t b = batch();
  store_->finish_batch(b, "abc123", {10, 6, 2, 1, 1});
  tx.commit();
  auto all = store_->batches();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].batch_id, b);
  EXPECT_EQ(all[0].info.file_digest, "abc123");
  EXPECT_EQ(all[0].counts.rows, 10u);
  EXPECT_EQ(all[0].counts.changed, 2u);
  EXPECT_EQ(all[0].counts.rejected, 1u);
  EXPECT_FALSE(all[0].finished_at.empty());
}

TEST_P(StoreContractTest, ServerAccountsSessionsAndTriage) {
  two_cases();
  Transaction tx(*store_);
  store_->create_user({"anna", "inspector", "$argon2id$x", false, "", "admin"});
  EXPECT_THROW(store_->create_user({"anna", "analyst", "", false, "", "admin"}), Error);
  tx.commit();
  Transaction tx2(*store_);
  EXPECT_TRUE(store_->set_user_disabled("anna", true));
  EXPECT_FALSE(store_->set_user_disabled("nobody", true));
  EXPECT_TRUE(store_->find_user("anna")->disabled);
  store_->create_session({"t1", "c1", "anna", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "2999-01-01T00:00:00Z", "x"});
  store_->create_session({"t2", "c2", "anna", "2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z", "2999-01-01T00:00:00Z", "x"});
  EXPECT_EQ(store_->delete_sessions_before("2026-01-02T00:00:00Z"), 1);
  EXPECT_FALSE(store_->find_session("t1"));
  EXPECT_EQ(store_->find_session("t2")->csrf_hash, "c2");
  store_->add_assignment({"anna", "U2", "admin", ""});
  store_->add_assignment({"anna", "U1", "admin", ""});
  store_->add_assignment({"anna", "U1", "admin", ""});  // idempotent
  EXPECT_EQ(store_->assigned_units("anna"), (std::vector<std::string>{"U1", "U2"}));
  store_->save_screening({"C1", 1, "sv-1", "", true, 0.9, "high", true, "physical|sexual", "{}"});
  store_->save_screening({"C2", 1, "sv-1", "", true, 0.4, "low", false, "psych%ological", "{}"});
  const int64_t first = store_->add_triage_decision({0, "C1", "forward", "r", "polisen", "anna", ""});
  EXPECT_GT(store_->add_triage_decision({0, "C1", "no_action", "r2", "", "anna", ""}), first);
  tx2.commit();
  TriageQuery all;
  auto page = store_->triage_queue(all);
  EXPECT_EQ(page.total, 2);
  ASSERT_EQ(page.rows.size(), 2u);
  EXPECT_EQ(page.rows[0].case_id, "C1");  // most severe first
  EXPECT_EQ(page.rows[0].last_decision, "no_action");
  TriageQuery sexual{.category = "sexual"};
  EXPECT_EQ(store_->triage_queue(sexual).total, 1);
  TriageQuery wildcard{.category = "psych_"};  // no wildcards: matched literally
  EXPECT_EQ(store_->triage_queue(wildcard).total, 0);
  TriageQuery undecided{.severities = {"low", "moderate"}, .decided = false};
  EXPECT_EQ(store_->triage_queue(undecided).rows.at(0).case_id, "C2");
  auto counts = store_->screening_counts();
  EXPECT_EQ(counts.violence, 2);
  EXPECT_EQ(counts.handling_deficiency, 1);
  EXPECT_EQ(counts.violence_by_month["2024-01"], 1);
  EXPECT_EQ(store_->triage_decisions("C1").at(0).forwarded_to, "polisen");
}

TEST_P(StoreContractTest, RiskRunsKeepTheirRankedRows) {
  Transaction tx(*store_);
  const int64_t run = store_->save_risk_run(
      {0, "", "anna", "2026-01-01", "m1", "fp", "{}"},
      {{"unit", "U2", "Enhet 2", 2, 1, 3, 0.5, false, false, true, "{\"b\":2}"},
       {"unit", "U1", "Enhet 1", 1, 1, 2, 0.9, true, true, false, "{\"a\":1}"}});
  tx.commit();
  EXPECT_EQ(store_->latest_risk_run()->run_id, run);
  EXPECT_EQ(store_->risk_run(run)->model_version, "m1");
  EXPECT_FALSE(store_->risk_run(run + 1));
  auto rows = store_->risk_scores(run, "unit", 0, 10);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].entity_id, "U1");
  EXPECT_TRUE(rows[0].alarm);
  EXPECT_DOUBLE_EQ(rows[1].score, 0.5);
  EXPECT_TRUE(rows[1].method_dependent);
  EXPECT_EQ(store_->risk_score(run, "unit", "U2")->explanation_json, "{\"b\":2}");
  EXPECT_EQ(store_->risk_scores(run, "unit", 1, 10).size(), 1u);
}

TEST_P(StoreContractTest, AUserStatusChangeSetsTheCurrentStatusAndAppendsToTheHistory) {
  const auto& deficiencies = model::entity(EntityKind::deficiency);
  {
    Transaction tx(*store_);
    const int64_t b = batch();
    store_->insert_if_new(model::entity(EntityKind::principal), principal("P1", "Kommun"), {"h", b, 2});
    store_->insert_if_new(model::entity(EntityKind::inspection),
                          std::vector<Value>{std::string("I1"), std::string("planned"), Value{}, std::string("P1"),
                                             std::string("2024-01-01"), std::string("2024-01-20"),
                                             std::string("deficiencies"), Value{}},
                          {"h", b, 2});
    store_->insert_if_new(deficiencies,
                          std::vector<Value>{std::string("D1"), std::string("I1"), std::string("risk_assessment"),
                                             std::string("SoL"), std::string("Rutin"), std::string("2024-04-30"),
                                             std::string("open"), std::string("2024-01-20")},
                          {"h", b, 2});
    store_->append_status_change({"D1", "open", "2024-01-20", "import:a", b});
    tx.commit();
  }
  {
    Transaction tx(*store_);
    EXPECT_TRUE(store_->set_deficiency_status({"D1", "account_received", "2024-04-02", "anna", "", "late but complete"}));
    EXPECT_TRUE(store_->set_deficiency_status({"D1", "not_accepted", "2024-05-02", "bo", "", ""}));
    EXPECT_TRUE(store_->set_deficiency_status({"D1", "escalated", "2024-05-10", "bo", "2024-08-31", ""}));
    EXPECT_FALSE(store_->set_deficiency_status({"NOPE", "escalated", "2024-05-10", "bo", "", ""}));
    tx.commit();
  }
  EXPECT_EQ(model::to_text(*store_->field_of(deficiencies, "D1", "status")), "escalated");
  EXPECT_EQ(model::to_text(*store_->field_of(deficiencies, "D1", "status_date")), "2024-05-10");
  EXPECT_EQ(model::to_text(*store_->field_of(deficiencies, "D1", "deadline")), "2024-08-31");
  const auto h = store_->status_history();
  ASSERT_EQ(h.size(), 4u);
  EXPECT_EQ(h[1].status + "/" + h[1].changed_by, "account_received/anna");
  EXPECT_EQ(h[1].batch_id, 0);
  EXPECT_EQ(h[3].status, "escalated");
  EXPECT_EQ(backend_->query("SELECT COUNT(*) FROM deficiency_status_history WHERE deficiency_id = 'NOPE'"), "0");
  EXPECT_EQ(backend_->query("SELECT note FROM deficiency_status_history WHERE status = 'account_received'"),
            "late but complete");
  // A rollback takes the change back, history and all.
  {
    Transaction tx(*store_);
    EXPECT_TRUE(store_->set_deficiency_status({"D1", "account_received", "2024-06-01", "anna", "", ""}));
  }
  EXPECT_EQ(model::to_text(*store_->field_of(deficiencies, "D1", "status")), "escalated");
  EXPECT_EQ(store_->status_history().size(), 4u);
}

TEST_P(StoreContractTest, PlansAreStoredWithTheirItemsNewestFirst) {
  EXPECT_TRUE(store_->plans().empty());
  EXPECT_FALSE(store_->plan(1));
  PlanRecord p;
  p.created_by = "anna";
  p.level = "unit";
  p.as_of = "2025-12-31";
  p.capacity = 2;
  p.random_share = 0.5;
  p.seed = 7;
  p.risk_run_id = 0;
  p.settings_json = R"({"follow_up_share":0.15})";
  std::vector<PlanItemRecord> items = {{1, "U1", "Enhet 1", "01", "random", 14, 12.5, "drawn by lot"},
                                       {2, "U2", "Enhet 2", "14", "priority", 1, 88.25, "rank 1"}};
  int64_t first = 0, second = 0;
  {
    Transaction tx(*store_);
    first = store_->save_plan(p, items);
    p.seed = 8;
    p.risk_run_id = 3;
    second = store_->save_plan(p, {items[1]});
    tx.commit();
  }
  EXPECT_GT(second, first);
  const auto all = store_->plans();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].plan_id, second);
  EXPECT_EQ(all[0].risk_run_id, 3);
  EXPECT_EQ(all[1].risk_run_id, 0);
  EXPECT_EQ(all[1].seed, 7);
  EXPECT_DOUBLE_EQ(all[1].random_share, 0.5);
  EXPECT_FALSE(all[1].created_at.empty());
  EXPECT_EQ(all[1].settings_json, p.settings_json);
  const auto got = store_->plan_items(first);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].entity_id + got[0].selection + got[0].region_code, "U1random01");
  EXPECT_DOUBLE_EQ(got[1].score, 88.25);
  EXPECT_EQ(got[1].rank, 1);
  EXPECT_EQ(store_->plan_items(second).size(), 1u);
  // An item twice in one plan, or a capacity of 0, is refused by the schema and writes nothing.
  {
    Transaction tx(*store_);
    EXPECT_THROW(store_->save_plan(p, {items[0], items[0]}), std::exception);
  }
  {
    Transaction tx(*store_);
    p.capacity = 0;
    EXPECT_THROW(store_->save_plan(p, items), std::exception);
  }
  EXPECT_EQ(store_->plans().size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

// Both backends' schemas move together: a migration added to one is added to the other.
TEST(StoreMigrations, PostgresMirrorsSqliteNumberForNumber) {
  const auto lite = sqlite_migrations(), pg = postgres_migrations();
  ASSERT_EQ(pg.size(), lite.size()) << "a SQLite migration has no PostgreSQL twin in postgres_migrations.cc";
  for (size_t i = 0; i < pg.size(); ++i) {
    EXPECT_EQ(pg[i].version, static_cast<int>(i + 1));
    EXPECT_EQ(pg[i].version, lite[i].version);
    EXPECT_EQ(pg[i].description, lite[i].description);
  }
}

}  // namespace
}  // namespace vaksam::store

namespace vaksam::store {
namespace {

// What only PostgreSQL has to say.
TEST(PostgresStore, CommitAfterARefusedRowThrowsAndSavesNothing) {
  PostgresBackend backend;
  auto store = backend.open(OpenMode::create);
  store->begin();
  store->create_batch({"units", "u.csv", "", "csv", "UTF-8", "test"});
  std::vector<model::Value> unit{std::string("U1"), std::string("Gruppbostad"), std::string("lss_group_home"),
                                 std::string("NO-SUCH-PRINCIPAL"), std::string("0180"), model::Value{},
                                 model::Value{}, model::Value{}};
  EXPECT_THROW(store->insert_if_new(model::entity(model::EntityKind::unit), unit, {"h", 1, 2}), Error);
  EXPECT_THROW(store->commit(), Error);  // PostgreSQL would have rolled back silently
  EXPECT_TRUE(store->batches().empty());
}

TEST(PostgresStore, TheAuditTrailCannotBeTruncated) {
  PostgresBackend backend;
  auto store = backend.open(OpenMode::create);
  store->append_audit({1, "2026-01-01T10:00:00Z", "anna", "view", "case", "C1", "cli", "", "", "m1"});
  EXPECT_THROW(backend.query("TRUNCATE audit_log"), std::runtime_error);
  EXPECT_EQ(backend.query("SELECT COUNT(*) FROM audit_log"), "1");
}

TEST(PostgresStore, CreateRefusesADatabaseWithOtherTables) {
  PostgresBackend backend;
  backend.query("CREATE TABLE something_else (x int)");
  EXPECT_THROW(backend.open(OpenMode::create), Error);
}

TEST(PostgresStore, LocationsAndPasswords) {
  EXPECT_TRUE(is_postgres_location("postgresql://h/db"));
  EXPECT_TRUE(is_postgres_location("postgres://h/db"));
  EXPECT_FALSE(is_postgres_location("var/vaksam.db"));
  EXPECT_EQ(printable_location("postgresql://anna:s3cret@db.example/vaksam"), "postgresql://anna:***@db.example/vaksam");
  EXPECT_EQ(printable_location("postgresql:///vaksam?host=/tmp&password=s3cret&user=a"),
            "postgresql:///vaksam?host=/tmp&password=***&user=a");
  EXPECT_EQ(printable_location("host=db password='se cret' dbname=v"), "host=db password=*** dbname=v");
  try {
    open_postgres("postgresql://anna:s3cret@/nodb?host=/nonexistent-dir", OpenMode::open_existing);
    ADD_FAILURE() << "connected to nothing";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).find("s3cret"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace vaksam::store
