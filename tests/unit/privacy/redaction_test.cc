#include "privacy/redaction.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

// Every person, number and address below is invented. Identity numbers use
// birth numbers 980-999; phone numbers are from the ranges the Swedish Post
// and Telecom Authority keeps for fiction, or obvious placeholders.
namespace vaksam::privacy {
namespace {

constexpr Date kToday{2024, 6, 1};

struct Found {
  std::string text;
  PiiType type;
  bool operator==(const Found&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Found& f) {
  return os << type_name(f.type) << ":\"" << f.text << "\"";
}

std::vector<Found> found(std::string_view text) {
  std::vector<Found> out;
  for (const Redaction& r : find_pii(text, kToday)) {
    out.push_back({std::string(text.substr(r.begin, r.end - r.begin)), r.type});
  }
  return out;
}

std::string masked(std::string_view text) { return redact(text, find_pii(text, kToday)); }

// ---- the API ----------------------------------------------------------------

TEST(Redaction, PlaceholdersAndTypeNames) {
  EXPECT_EQ(placeholder(PiiType::personnummer), "[PERSONNUMMER]");
  EXPECT_EQ(placeholder(PiiType::samordningsnummer), "[SAMORDNINGSNUMMER]");
  EXPECT_EQ(placeholder(PiiType::name), "[NAMN]");
  EXPECT_EQ(placeholder(PiiType::phone), "[TELEFON]");
  EXPECT_EQ(placeholder(PiiType::email), "[E-POST]");
  EXPECT_EQ(placeholder(PiiType::address), "[ADRESS]");
  EXPECT_EQ(placeholder(PiiType::postcode), "[POSTNUMMER]");
  EXPECT_EQ(placeholder(PiiType::org_number), "[ORGNR]");
  for (PiiType t : kAllPiiTypes) EXPECT_EQ(parse_pii_type(type_name(t)), t);
  EXPECT_EQ(parse_pii_type("shoe_size"), std::nullopt);
}

TEST(Redaction, RedactReplacesSpansAndKeepsTheRest) {
  const std::string text = "Ring Karin på 070-174 06 12 i dag.";
  EXPECT_EQ(masked(text), "Ring [NAMN] på [TELEFON] i dag.");
  // Overlapping or out-of-range spans are ignored rather than trusted.
  const std::vector<Redaction> bad = {{5, 10, PiiType::name}, {7, 9, PiiType::phone}, {30, 99, PiiType::email}};
  EXPECT_EQ(redact(text, bad), "Ring [NAMN] på 070-174 06 12 i dag.");
  EXPECT_EQ(redact("", {}), "");
}

TEST(Redaction, SpansAreSortedAndDisjoint) {
  const std::string text =
      "Mamman Hawa Ali, 930882-9853, bor på Västra Ringvägen 19, lgh 1203, 212 34 Småstad, "
      "tel. 070-174 06 44, hawa@example.com. Utförare 556234-5677.";
  const std::vector<Redaction> spans = find_pii(text, kToday);
  ASSERT_FALSE(spans.empty());
  for (size_t i = 0; i < spans.size(); ++i) {
    EXPECT_LT(spans[i].begin, spans[i].end);
    EXPECT_LE(spans[i].end, text.size());
    if (i > 0) {
      EXPECT_LE(spans[i - 1].end, spans[i].begin);
    }
  }
}

// ---- identity numbers -----------------------------------------------------------

TEST(Redaction, IdentityNumbersInEveryWrittenForm) {
  // 1985-03-15, birth number 981: check digit 4.
  for (std::string_view form : {"19850315-9819", "198503159819", "850315-9819", "8503159819", "850315 9819",
                                "19850315 9819", "850315\xC2\xA0" "9819", "850315\xE2\x80\x93" "9819",
                                "850315 - 9819", "1985-03-15-9819"}) {
    const std::string text = "Pnr " + std::string(form) + ", bor hos mamma.";
    EXPECT_EQ(found(text), (std::vector<Found>{{std::string(form), PiiType::personnummer}})) << form;
  }
  // Someone aged 100 or more: '+'.
  EXPECT_EQ(found("Brukaren 290103+9814 är 95 år."),
            (std::vector<Found>{{"290103+9814", PiiType::personnummer}}));
}

TEST(Redaction, CoordinationNumbersAreTheirOwnType) {
  // Day 15 + 60 = 75.
  EXPECT_EQ(found("Samordningsnummer 910375-9818."),
            (std::vector<Found>{{"910375-9818", PiiType::samordningsnummer}}));
}

TEST(Redaction, MaskedBirthNumberStillHidesTheBirthDate) {
  EXPECT_EQ(found("Född 120814-XXXX enligt anmälan."),
            (std::vector<Found>{{"120814-XXXX", PiiType::personnummer}}));
  EXPECT_TRUE(found("Koden 991399-XXXX gäller inte.").empty());  // not a date
}

TEST(Redaction, DatesCaseNumbersAndBadChecksumsAreLeftAlone) {
  for (std::string_view text : {
           "Händelsen inträffade den 2023-01-15 kl. 14.30 i korridoren.",
           "Jag ringde den 20230115 och igen den 2023-01-22.",
           "Ärende 2023/145 avslutades.",
           "Dnr 3.1.1-12345/2023 gäller samma brukare.",
           "Personnumret 19850315-9812 har fel kontrollsiffra.",
           "Perioden 20230101-20231231.",
           "Avgiften var 12 345 kr och skulden 1 250 000 kronor.",
           "Kl. 08.15 ringde skolan och kl. 09.40 kom polisen.",
           "Ring 112 eller 1177.",
           "Referens IVO 3.5.1-04567/2024.",
       }) {
    EXPECT_EQ(found(text), std::vector<Found>{}) << text;
  }
}

// ---- phone numbers -----------------------------------------------------------------

TEST(Redaction, PhoneNumbers) {
  for (std::string_view phone : {"070-174 06 35", "0701740642", "+46 70 174 06 58", "+46701740671",
                                 "+46 (0)70-174 06 99", "0046 70 174 06 05", "08-465 004 12", "08-46500499",
                                 "031-390 06 50", "040-628 04 21", "0980-319 210", "(08) 465 004 33",
                                 "070 174 06 19", "+358 40 123 4567", "+47 912 34 567", "0470-123 45",
                                 "031-12 34 56", "020-50 50 50"}) {
    const std::string text = "Nå mig på " + std::string(phone) + " efter fem.";
    EXPECT_EQ(found(text), (std::vector<Found>{{std::string(phone), PiiType::phone}})) << phone;
  }
}

TEST(Redaction, TooShortOrDateLikeNumbersAreNotPhones) {
  EXPECT_EQ(found("Numret 070-174 06 är ofullständigt."), std::vector<Found>{});
  EXPECT_EQ(found("Larmet ringde kl. 02.10 och 02.45."), std::vector<Found>{});
  EXPECT_EQ(found("Öppet kl 08-16 på vardagar."), std::vector<Found>{});
  // A phone number followed by a date keeps the date out of the span.
  EXPECT_EQ(found("Ring 070-123 45 67 2023-01-15."), (std::vector<Found>{{"070-123 45 67", PiiType::phone}}));
}

// ---- e-mail -------------------------------------------------------------------------

TEST(Redaction, EmailAddresses) {
  EXPECT_EQ(found("Svar till anna.lindqvist@example.com."),
            (std::vector<Found>{{"anna.lindqvist@example.com", PiiType::email}}));
  EXPECT_EQ(found("Skriv till björn.öberg@example.se om ni vill."),
            (std::vector<Found>{{"björn.öberg@example.se", PiiType::email}}));
  EXPECT_EQ(found("Skicka till anonym (at) example.com i stället."),
            (std::vector<Found>{{"anonym (at) example.com", PiiType::email}}));
  EXPECT_EQ(found("mailto:sarah.holm@example.com"), (std::vector<Found>{{"sarah.holm@example.com", PiiType::email}}));
  EXPECT_EQ(found("Mötet @ kontoret, se mail@ nedan."), std::vector<Found>{});
}

// ---- addresses and postcodes ---------------------------------------------------------

TEST(Redaction, StreetAddresses) {
  EXPECT_EQ(found("Familjen bor på Storgatan 12 B, 123 45 Småstad."),
            (std::vector<Found>{{"Storgatan 12 B", PiiType::address}, {"123 45", PiiType::postcode}}));
  EXPECT_EQ(found("Adress: Björkvägen 5, lgh 1102."), (std::vector<Found>{{"Björkvägen 5, lgh 1102", PiiType::address}}));
  EXPECT_EQ(found("Min mamma bor på Karl Johans väg 5 i ett boende."),
            (std::vector<Found>{{"Karl Johans väg 5", PiiType::address}}));
  EXPECT_EQ(found("Händelsen inträffade på Stora Nygatan 7."),
            (std::vector<Found>{{"Stora Nygatan 7", PiiType::address}}));
  EXPECT_EQ(found("Han bor i lgh 1204 och hon på Kungsgatan."),
            (std::vector<Found>{{"lgh 1204", PiiType::address}, {"Kungsgatan", PiiType::address}}));
  EXPECT_EQ(found("Skicka beslutet till Box 123, 12345 Småstad."),
            (std::vector<Found>{{"Box 123", PiiType::address}, {"12345", PiiType::postcode}}));
  EXPECT_EQ(found("adress: storgatan 12"), (std::vector<Found>{{"storgatan 12", PiiType::address}}));
}

TEST(Redaction, RoadsAndCommonNounsAreNotAddresses) {
  for (std::string_view text : {"Vägen hem går genom en park.", "Olyckan skedde på motorvägen.",
                                "Bussen går på riksväg 40.", "Hon ser ingen utväg.",
                                "Mötet hölls på plan 3.", "Det var mitt på gatan."}) {
    EXPECT_EQ(found(text), std::vector<Found>{}) << text;
  }
}

TEST(Redaction, Postcodes) {
  EXPECT_EQ(found("Postadress: SE-118 60 Stockholm"), (std::vector<Found>{{"SE-118 60", PiiType::postcode}}));
  EXPECT_EQ(found("Postnummer 753 20, men adressen är skyddad."),
            (std::vector<Found>{{"753 20", PiiType::postcode}}));
  EXPECT_EQ(found("Det kostade 12 345 kr."), std::vector<Found>{});
}

// ---- organisation numbers -------------------------------------------------------------

TEST(Redaction, OrganisationNumbers) {
  EXPECT_EQ(found("Utföraren (556123-4567) svarar inte."),
            (std::vector<Found>{{"556123-4567", PiiType::org_number}}));
  EXPECT_EQ(found("Org.nr 5561234567."), (std::vector<Found>{{"5561234567", PiiType::org_number}}));
  EXPECT_EQ(found("Orgnr 165561234567."), (std::vector<Found>{{"165561234567", PiiType::org_number}}));
  EXPECT_EQ(found("Momsnummer SE556123456701."), (std::vector<Found>{{"SE556123456701", PiiType::org_number}}));
  EXPECT_EQ(found("Fel nummer 556123-4568."), std::vector<Found>{});
}

// ---- names -----------------------------------------------------------------------------

TEST(Redaction, NamesWithTitlesAndVerbsOfSpeech) {
  EXPECT_EQ(masked("Undersköterskan Karin hittade henne på golvet."), "Undersköterskan [NAMN] hittade henne på golvet.");
  EXPECT_EQ(masked("Enligt Ahmed har pappan slagit honom."), "Enligt [NAMN] har pappan slagit honom.");
  EXPECT_EQ(masked("– Jag vågar inte, säger mamman Leila."), "– Jag vågar inte, säger mamman [NAMN].");
  EXPECT_EQ(masked("Grannen Siham hörde skrik."), "Grannen [NAMN] hörde skrik.");
  EXPECT_EQ(masked("Oksana säger att hon inte vågar gå hem."), "[NAMN] säger att hon inte vågar gå hem.");
}

TEST(Redaction, NamesThatAreAlsoWords) {
  EXPECT_EQ(masked("Hon hade en rosa tröja när Rosa kom."), "Hon hade en rosa tröja när [NAMN] kom.");
  EXPECT_EQ(masked("Björn säger att han inte minns."), "[NAMN] säger att han inte minns.");
  EXPECT_EQ(masked("Nallen var en brun björn."), "Nallen var en brun björn.");
  EXPECT_EQ(masked("Utredaren Mattias Berg bor på ett berg."), "Utredaren [NAMN] bor på ett berg.");
  EXPECT_EQ(masked("Brukaren vill bo kvar och får hjälp två gånger per dygn."),
            "Brukaren vill bo kvar och får hjälp två gånger per dygn.");
  EXPECT_EQ(masked("Det var Per som ringde, inte Bo."), "Det var [NAMN] som ringde, inte [NAMN].");
  EXPECT_EQ(masked("Hans mamma Ingrid ringde."), "Hans mamma [NAMN] ringde.");
  EXPECT_EQ(masked("Klara besked saknas."), "Klara besked saknas.");
  EXPECT_EQ(masked("Inga åtgärder trots att mormor Inga larmat."), "Inga åtgärder trots att mormor [NAMN] larmat.");
}

TEST(Redaction, PlacesAndInstitutionsAreNotPeople) {
  EXPECT_EQ(masked("Vid besöket i Lund träffade vi Eva Lund."), "Vid besöket i Lund träffade vi [NAMN].");
  EXPECT_EQ(masked("En kvinna i Bergs kommun."), "En kvinna i Bergs kommun.");
  EXPECT_EQ(masked("En anmälan enligt lex Maria och lex Sarah."), "En anmälan enligt lex Maria och lex Sarah.");
  EXPECT_EQ(masked("Hon vårdas på Astrid Lindgrens barnsjukhus."), "Hon vårdas på Astrid Lindgrens barnsjukhus.");
  EXPECT_EQ(masked("Han fick hjälp på S:t Görans sjukhus."), "Han fick hjälp på S:t Görans sjukhus.");
  EXPECT_EQ(masked("Polisen uppger att Socialtjänsten vet."), "Polisen uppger att Socialtjänsten vet.");
}

TEST(Redaction, GenitivesDoubleBarrelledInitialsAndCase) {
  EXPECT_EQ(masked("Annas pappa kom berusad."), "[NAMN] pappa kom berusad.");
  EXPECT_EQ(masked("Familjen Johanssons grannar hörde skrik."), "Familjen [NAMN] grannar hörde skrik.");
  EXPECT_EQ(masked("Socialsekreteraren Petra Holm-Nyberg ringde."), "Socialsekreteraren [NAMN] ringde.");
  EXPECT_EQ(masked("Grannen såg Lars' bil."), "Grannen såg [NAMN] bil.");
  EXPECT_EQ(masked("A. Svensson har signerat."), "[NAMN] har signerat.");
  EXPECT_EQ(masked("Ärendet handläggs av Ahmed al-Hassan."), "Ärendet handläggs av [NAMN].");
  EXPECT_EQ(masked("Överläkaren Erik von Otter yttrade sig."), "Överläkaren [NAMN] yttrade sig.");
  EXPECT_EQ(masked("jag heter anna svensson och min sambo mats slår mig"),
            "jag heter [NAMN] och min sambo [NAMN] slår mig");
  EXPECT_EQ(masked("PATIENTEN BJÖRN ASK FICK FEL LÄKEMEDEL."), "PATIENTEN [NAMN] FICK FEL LÄKEMEDEL.");
}

// ---- robustness ----------------------------------------------------------------------------

TEST(Redaction, InvalidUtf8IsLeftAsItIs) {
  const std::string text = "Karin \xFF\xFE bor p\xE5 Storgatan 12 \xC3 och ring 070-174 06 12\xE2\x80";
  const std::string out = masked(text);
  EXPECT_NE(out.find("\xFF\xFE"), std::string::npos);
  EXPECT_NE(out.find("[NAMN]"), std::string::npos);
  EXPECT_NE(out.find("[TELEFON]"), std::string::npos);
  EXPECT_NE(out.find("[ADRESS]"), std::string::npos);
  // Every byte sequence, including truncated ones, is safe.
  std::string noise;
  for (int i = 0; i < 4096; ++i) noise.push_back(static_cast<char>((i * 131 + 7) % 256));
  for (size_t len = 0; len < 64; ++len) (void)find_pii(std::string_view(noise).substr(0, len), kToday);
  (void)find_pii(noise, kToday);
}

TEST(Redaction, RandomFragmentsGiveSortedDisjointSpans) {
  // Fragments that start every detector, glued together at random (fixed seed).
  const std::vector<std::string> parts = {
      "070", "-", " ", "174", "06", "12", "+46", "(0)", "(08)", "@", "(at)", "[at]", "example.com", ".",
      ",", ":", "\n", "lgh", "1102", "Box", "Storgatan", "väg", "Karl", "Johans", "12 B", "123 45", "SE-",
      "19850315", "9819", "XXXX", "556123", "4567", "Anna", "björn", "Björn", "Berg", "s", "'", "\xE2\x80\x99",
      "\xC3", "\xA9", "\xE2\x80", "\xF0\x9F\x98\x80", "é", "Ö", "och", "säger", "mamman", "lex", "Maria",
      "enligt", "kommun", "i", "Lund", "von", "al-", "Hassan", "0", "00", "9", "år", "fyra", "nb", "tr"};
  uint64_t state = 42;
  auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>(state >> 33);
  };
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t n = next() % 24;
    for (size_t i = 0; i < n; ++i) text += parts[next() % parts.size()];
    const std::vector<Redaction> spans = find_pii(text, kToday);
    for (size_t i = 0; i < spans.size(); ++i) {
      ASSERT_LT(spans[i].begin, spans[i].end) << text;
      ASSERT_LE(spans[i].end, text.size()) << text;
      if (i > 0) ASSERT_LE(spans[i - 1].end, spans[i].begin) << text;
    }
    (void)redact(text, spans);
  }
}

TEST(Redaction, EdgesOfTheText) {
  EXPECT_EQ(found("Karin"), (std::vector<Found>{{"Karin", PiiType::name}}));
  EXPECT_EQ(found("0701740642"), (std::vector<Found>{{"0701740642", PiiType::phone}}));
  EXPECT_EQ(found("@"), std::vector<Found>{});
  EXPECT_EQ(found("+"), std::vector<Found>{});
  EXPECT_EQ(found("lgh"), std::vector<Found>{});
  EXPECT_EQ(found("(0"), std::vector<Found>{});
}

// ---- the labelled set (all of it fictitious, so misses may be printed) -------------------------------------------------------------------------

struct Counts {
  int gold = 0, gold_found = 0;  // gold spans, and those fully covered by predictions of the same type
  int predicted = 0, predicted_right = 0;  // predictions, and those overlapping gold of the same type
  int gold_covered_any = 0;  // gold spans fully covered by predictions of any type (nothing leaks)
};

bool covered(size_t b, size_t e, const std::vector<Redaction>& spans, std::optional<PiiType> type) {
  // The predictions are sorted and disjoint; walk through them.
  size_t at = b;
  for (const Redaction& r : spans) {
    if (type && r.type != *type) continue;
    if (r.end <= at || r.begin > at) continue;
    at = r.end;
    if (at >= e) return true;
  }
  return at >= e;
}

TEST(Redaction, LabelledSetMeetsTheTargets) {
  std::ifstream in(VAKSAM_SOURCE_DIR "/tests/data/redaction/sv-redaction-set.jsonl");
  ASSERT_TRUE(in) << "labelled set missing";
  std::map<std::string, std::map<PiiType, Counts>> by_split;  // "all", "dev", "heldout"
  int records = 0, lookalikes = 0, lookalikes_hit = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const nlohmann::json rec = nlohmann::json::parse(line);
    ++records;
    const std::string text = rec.at("text").get<std::string>();
    const std::optional<Date> today = parse_iso_date(rec.at("today").get<std::string>());
    ASSERT_TRUE(today);
    const std::vector<Redaction> spans = find_pii(text, *today);
    struct Gold {
      size_t b, e;
      PiiType t;
    };
    std::vector<Gold> gold;
    for (const auto& s : rec.at("spans")) {
      const std::optional<PiiType> t = parse_pii_type(s.at("type").get<std::string>());
      ASSERT_TRUE(t) << s.dump();
      const size_t b = s.at("begin").get<size_t>(), e = s.at("end").get<size_t>();
      ASSERT_EQ(text.substr(b, e - b), s.at("text").get<std::string>()) << rec.at("id");
      gold.push_back({b, e, *t});
    }
    for (const std::string& split : {std::string("all"), rec.at("split").get<std::string>()}) {
      auto& counts = by_split[split];
      for (const Gold& g : gold) {
        Counts& c = counts[g.t];
        ++c.gold;
        if (covered(g.b, g.e, spans, g.t)) {
          ++c.gold_found;
        } else if (split == "all") {
          std::printf("  missed in %s: %s \"%s\"\n", rec.at("id").get<std::string>().c_str(),
                      std::string(type_name(g.t)).c_str(), text.substr(g.b, g.e - g.b).c_str());
        }
        if (covered(g.b, g.e, spans, std::nullopt)) ++c.gold_covered_any;
      }
      for (const Redaction& r : spans) {
        Counts& c = counts[r.type];
        ++c.predicted;
        bool right = false;
        for (const Gold& g : gold) right = right || (g.t == r.type && r.begin < g.e && g.b < r.end);
        if (right) {
          ++c.predicted_right;
        } else if (split == "all") {
          std::printf("  wrong in %s: %s \"%s\"\n", rec.at("id").get<std::string>().c_str(),
                      std::string(type_name(r.type)).c_str(), text.substr(r.begin, r.end - r.begin).c_str());
        }
      }
    }
    if (rec.contains("lookalikes")) {
      for (const auto& l : rec.at("lookalikes")) {
        ++lookalikes;
        const size_t b = l.at("begin").get<size_t>(), e = l.at("end").get<size_t>();
        for (const Redaction& r : spans) {
          if (r.begin < e && b < r.end) {
            ++lookalikes_hit;
            std::printf("  lookalike redacted in %s: \"%s\" as %s\n", rec.at("id").get<std::string>().c_str(),
                        l.at("text").get<std::string>().c_str(), std::string(type_name(r.type)).c_str());
            break;
          }
        }
      }
    }
  }
  EXPECT_GE(records, 300);

  for (const auto& [split, counts] : by_split) {
    std::printf("\n%s (%s)\n", split == "all" ? "whole set" : split.c_str(), split.c_str());
    std::printf("  %-18s %5s %5s %8s %9s %9s\n", "type", "gold", "pred", "recall", "precision", "no-leak");
    int pred = 0, right = 0;
    for (PiiType t : kAllPiiTypes) {
      const auto it = counts.find(t);
      if (it == counts.end()) continue;
      const Counts& c = it->second;
      pred += c.predicted;
      right += c.predicted_right;
      std::printf("  %-18s %5d %5d %8.3f %9.3f %9.3f\n", std::string(type_name(t)).c_str(), c.gold, c.predicted,
                  c.gold ? double(c.gold_found) / c.gold : 1.0, c.predicted ? double(c.predicted_right) / c.predicted : 1.0,
                  c.gold ? double(c.gold_covered_any) / c.gold : 1.0);
    }
    std::printf("  %-18s %5s %5d %8s %9.3f\n", "overall", "", pred, "", pred ? double(right) / pred : 1.0);
  }
  std::printf("\n  lookalikes redacted: %d of %d\n", lookalikes_hit, lookalikes);

  // The targets, on the whole set.
  const auto& all = by_split["all"];
  int pred = 0, right = 0;
  for (const auto& [type, c] : all) {
    pred += c.predicted;
    right += c.predicted_right;
    const double recall = c.gold ? double(c.gold_found) / c.gold : 1.0;
    if (type == PiiType::name) {
      EXPECT_GE(recall, 0.90) << type_name(type);
    } else {
      EXPECT_GE(recall, 0.99) << type_name(type);
    }
  }
  EXPECT_GE(double(right) / pred, 0.90) << "overall precision";
}

}  // namespace
}  // namespace vaksam::privacy
