// Swedish case narratives for the synthetic dataset, written from a requested truth
// (is it about violence, which kinds, how is it mentioned, is there a handling
// deficiency) by a large template grammar. The texts feed the demo, the pipeline and
// the benchmarks; they must never be used to tune the screening engine.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "synth/rng.h"

namespace vaksam::synth {

enum class Mention { plain, negated, historical, hypothetical };

struct NarrativeRequest {
  std::string_view case_kind;    // complaint, tip, lex_sarah, lex_maria, non_executed_decision,
                                 // survey_response, dialogue_input, other
  std::string_view unit_type;    // ifo, lss_group_home, hvb, sis_youth_home, sabo, sheltered_housing,
                                 // primary_care, emergency_department, psychiatry, maternity_care,
                                 // home_care, other; "" = principal level
  std::string_view subject_sex;  // "female", "male", "" (unknown)
  std::string_view age_band;     // "0-5","6-12","13-17","18-24","25-44","45-64","65-79","80+" or ""
  bool violence = false;         // the text concerns violence (present, alleged or suspected)
  std::vector<std::string_view> categories;  // subset of: physical, psychological, sexual, economic,
      // honour_related, forced_marriage, fgm, neglect, child_victim, child_witness, elder_abuse,
      // partner, family, staff_perpetrator, co_resident, lethal_risk (only when violence)
  Mention mention = Mention::plain;  // negated: a violence mention that is ruled out (violence=false);
                                     // historical: violence in a closed past period (violence=true);
                                     // hypothetical: violence only in routines, plans or population
                                     // statements (violence=false)
  bool handling_deficiency = false;  // a failure in identifying, assessing, documenting, reporting,
                                     // acting on or supporting
  bool hard_negative = false;        // violence=false but violence-like vocabulary in another sense
};

// Noise applied after the text is written. Drawn from a stream forked from the
// caller's RNG, so switching noise off leaves the words otherwise unchanged.
struct NarrativeNoise {
  double typo_per_word = 1.0 / 60;     // an adjacent swap or a dropped letter in a word
  double no_diacritics_share = 0.03;   // whole text written with a, a, o for å, ä, ö
};

// Writes the narrative. Deterministic: the same request and RNG state give the same text.
// Every call advances `rng`. Unknown case kinds, unit types and categories fall back to
// generic wording. Combinations the labels do not allow are written as the nearest
// allowed one: historical without violence as an ordinary text, hypothetical with
// violence as plain violence; handling_deficiency on an ordinary negative is ignored.
// violence=true with negated writes the violence and a denial or retraction (the
// perpetrator denies, the victim takes it back). Honour-related violence, forced
// marriage and fgm are told about "the family" even when `family` is not requested.
std::string write_narrative(const NarrativeRequest& request, Rng& rng);
std::string write_narrative(const NarrativeRequest& request, Rng& rng, const NarrativeNoise& noise);

// Same text, appended to `out` (no allocation once `out` has grown to its working size).
void append_narrative(const NarrativeRequest& request, Rng& rng, const NarrativeNoise& noise,
                      std::string& out);

// For tests: empty if every template of the grammar is well formed (balanced brackets,
// known slots, no long digit runs), else the first problem and its template.
std::string narrative_grammar_problem();

}  // namespace vaksam::synth
