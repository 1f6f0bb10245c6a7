// Swedish inflection paradigms, so that a lexeme's forms are generated, not guessed by a stemmer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vaksam::screen {

// The forms of `lemma` under `paradigm`, lemma first:
//   v1  first conjugation (misshandla: -ar -ade -at -ad -as -ades -ats -ande)
//   v2a second, voiced stem (kväva: -er -de -t -d -da -s -des -ts -ande)
//   v2b second, voiceless stem (strypa: -er -te -t -ta -s -tes -ts -ande)
//   v3  third (klå: -r -dde -tt -dd -dda -s -ddes -tts)
//   n1  nouns in -a/-or (flicka), n2 in -ar (pojke, slag... see below), n3 in -er (kontroll),
//   n5  neuter with no plural ending (hot, övergrepp), a  adjectives (rädd: -a -t -e)
//   x   none: only the forms listed explicitly
// Genitive -s forms are added to nouns. Unknown paradigms yield only the lemma.
std::vector<std::string> inflect(std::string_view lemma, std::string_view paradigm);

}  // namespace vaksam::screen
