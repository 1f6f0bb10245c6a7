// Swedish case narratives from a template grammar.
//
// A template is plain text with three kinds of markup:
//   (a|b|c)  one alternative, uniformly; alternatives nest and may be empty
//   [x]      x or nothing, even odds
//   $c       a slot (see Writer::slot): the people in the narrative (victim, actors,
//            children), the unit's vocabulary, and shared word lists
// Spaces doubled by empty alternatives, spaces before punctuation and commas before a
// full stop are dropped while writing, and every sentence starts with a capital.
// Templates never contain a literal ( ) [ ] | or $.
//
// The grammar is organised by what the text says (violence by category, negated,
// historical, hypothetical, hard negative, ordinary) and by register (case kind), so
// that the requested truth decides which tables are used and the register decides
// how it is framed.
#include "synth/narrative.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace vaksam::synth {
namespace {

// ---------------------------------------------------------------------------
// Table plumbing

template <typename T>
struct Span {
  const T* items;
  uint32_t size;
};
template <typename T, size_t N>
constexpr Span<T> span_of(const T (&a)[N]) {
  return Span<T>{a, static_cast<uint32_t>(N)};
}
using Table = Span<const char*>;
constexpr Table kEmpty{nullptr, 0};

// Uniform in [0, n) from one draw (multiply-shift on the top 32 bits; the bias is
// below n / 2^32). Rng::below divides twice per call, which costs more than the rest
// of a sentence.
inline uint32_t draw(Rng& rng, uint32_t n) {
  return static_cast<uint32_t>(((rng.next() >> 32) * n) >> 32);
}
inline bool percent(Rng& rng, uint32_t p) { return draw(rng, 100) < p; }

// ---------------------------------------------------------------------------
// People

// kThem is only used for actors (e.g. "två av personalen").
enum Pron : uint8_t { kShe, kHe, kThey, kMe, kThem };
constexpr const char* kSubj[] = {"hon", "han", "hen", "jag", "de"};
constexpr const char* kObj[] = {"henne", "honom", "hen", "mig", "dem"};
constexpr const char* kPossEn[] = {"hennes", "hans", "hens", "min"};
constexpr const char* kPossEtt[] = {"hennes", "hans", "hens", "mitt"};
constexpr const char* kPossPl[] = {"hennes", "hans", "hens", "mina"};
constexpr const char* kRefl[] = {"sig", "sig", "sig", "mig"};
constexpr const char* kReflEn[] = {"sin", "sin", "sin", "min"};
constexpr const char* kReflEtt[] = {"sitt", "sitt", "sitt", "mitt"};
constexpr const char* kReflPl[] = {"sina", "sina", "sina", "mina"};

enum Sex : uint8_t { kF, kM, kU, kAnySex, kPl };

// An actor (perpetrator or other person): first mention, later mention, sex.
// `full` may use the victim's possessive slots ($p $q $w), which turn reflexive
// when the actor is introduced through $S.
struct ActorDef {
  const char* full;
  const char* later;
  Sex sex;
};
using ActorTable = Span<ActorDef>;

// A victim reference: first mention and later noun mention.
struct RoleDef {
  const char* full;
  const char* later;
};
using RoleTable = Span<RoleDef>;

// Fictitious first names. Common Swedish first names, never with a surname.
constexpr const char* kFemaleNames[] = {
    "Samira", "Leila", "Johanna", "Noor",   "Amira",  "Elsa",   "Maja",    "Fatima", "Sofia",
    "Linnea", "Ebba",   "Mira",    "Aisha",  "Sara",   "Ida",    "Selma",   "Tove",   "Vera",
    "Hanna",  "Yasmin", "Nadia",   "Emilia", "Alva",   "Dalia",  "Zahra",   "Lejla",  "Mona",
    "Tilde",  "Elin",   "Malin",   "Freja",  "Nora",   "Hiba",   "Rania",   "Agnes",  "Signe",
    "Wilma",  "Iris",   "Dilan",   "Rebecka", "Jasmin", "Lina",  "Amal",    "Sanna",  "Petra",
    "Therese", "Miriam", "Ronja",  "Stina",  "Esma",   "Helin",  "Klara",   "Liv",    "Saga"};
constexpr const char* kOldFemaleNames[] = {
    "Ingrid", "Birgitta", "Margareta", "Siv",   "Karin", "Gunnel", "Maj-Britt", "Elsa",
    "Rut",    "Astrid",   "Gun",       "Ulla",  "Inga",  "Märta",  "Berit",     "Solveig",
    "Barbro", "Kerstin",  "Lisbeth",   "Irma",  "Greta", "Dagny",  "Anita",     "Elvira"};
constexpr const char* kMaleNames[] = {
    "Amir",   "Hassan",  "Omar",   "Nils",  "Elias",  "Hugo",   "Oskar",   "Yusuf", "Erik",
    "Ali",    "Karim",   "Jonas",  "Mattias", "Adam", "Viktor", "Leo",     "Anton", "Rasmus",
    "Ludvig", "Mehmet",  "Jamal",  "Tariq", "Emil",   "Axel",   "Filip",   "Noah",  "Kevin",
    "Dragan", "Bilal",   "Hamid",  "Isak",  "Melvin", "Daniel", "Samuel",  "Theo",  "Ahmed",
    "Robert", "Fredrik", "Patrik", "Said",  "Milo",   "Ivar"};
constexpr const char* kOldMaleNames[] = {
    "Gunnar", "Bertil", "Stig", "Göran", "Sven", "Lennart", "Rolf",   "Bengt", "Arne",
    "Olle",   "Åke",    "Ove",  "Kjell", "Leif", "Harry",   "Gösta", "Tore",  "Ingvar"};
constexpr const char* kUnisexNames[] = {"Alex", "Kim",  "Robin", "Charlie", "Sam",  "Love",
                                        "Noa",  "Eli",  "Mika",  "Billie",  "Toni", "Ariel",
                                        "Vide", "Nour",  "Dani"};

// ---------------------------------------------------------------------------
// Shared word lists (slots)

// $L: fictitious towns and districts.
constexpr const char* kTowns[] = {
    "Norrby",     "Solhaga",   "Västra Ekby", "Sjöbacka", "Granhammar", "Tallmo",
    "Björkvik",   "Lindvik",   "Stenåker",    "Bäckstad", "Hagaby",     "Nyhamra",
    "Ängsby",     "Östra Kvarnby", "Älvåsen", "Rönnbacka", "Högbyn",    "Mossviken",
    "Norra Sjölida", "Ekhammar", "Kvarnbo",  "Lärkeby",  "Storvreta", "Fjällbo"};

// $D: a date or period, for preterite sentences and report headers.
constexpr const char* kDates[] = {
    "den (1|2|3|4|5|6|7|8|9|10|11|12|13|14|15|16|17|18|19|20|21|22|23|24|25|26|27|28) "
    "(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)",
    "den (2|4|6|9|11|14|17|19|22|23|25|27|29|30) "
    "(januari|mars|april|maj|juni|augusti|september|oktober|november|december)",
    "i (början|mitten|slutet) av (januari|februari|mars|april|maj|juni|juli|augusti|september|"
    "oktober|november|december)",
    "under vecka (2|3|5|6|8|10|11|13|15|17|19|21|23|24|26|31|33|35|36|38|39|41|43|44|46|48|49)",
    "under (julhelgen|påskhelgen|midsommarhelgen|sportlovet|höstlovet|en helg i (mars|oktober|"
    "november|maj))",
};

// $d: a date without a preposition, after "sedan", "från", "före", "senast".
constexpr const char* kDatesBare[] = {
    "den (1|2|3|4|5|6|7|8|9|10|11|12|13|14|15|16|17|18|19|20|21|22|23|24|25|26|27|28) "
    "(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)",
    "(början|mitten|slutet) av (januari|februari|mars|april|maj|juni|augusti|september|oktober|"
    "november|december)",
    "vecka (2|3|5|6|8|10|11|13|15|17|19|21|23|24|26|31|33|35|36|38|39|41|43|44|46|48|49)",
    "(julhelgen|påskhelgen|midsommar|sportlovet|höstlovet)",
};

// $X: injuries that point to violence.
constexpr const char* kInjuries[] = {
    "(blåmärken|blå märken) på (armarna|överarmarna|ryggen|låren|handlederna|bröstkorgen)",
    "ett blått öga",
    "(ett sår|en spricka) i (läppen|pannan|ögonbrynet)",
    "rivmärken (i ansiktet|på armarna|på halsen)",
    "en svullnad (vid ögat|över kindbenet|på käken)",
    "fingerformade blåmärken på (överarmarna|underarmarna)",
    "(en bruten|en spricka i) (handled|näsbenet|ett revben)",
    "(flera|gamla och nya) blåmärken (i olika färger|i olika stadier av läkning)",
    "märken efter (slag|nypningar) på (armarna|låren)",
};

// $G: organisations met in dialogues (described generically, never real bodies). Texts
// that are not about violence use the neutral ones, so that no violence word slips in.
constexpr const char* kOrganisationsNeutral[] = {
    "en brukarorganisation för personer med (intellektuell funktionsnedsättning|psykisk ohälsa|"
    "neuropsykiatriska funktionsnedsättningar)",
    "en (pensionärsorganisation|förening för äldres rättigheter)",
    "en förening för (anhöriga|anhörigvårdare)",
    "en intresseorganisation för (barn i samhällsvård|placerade barn och unga|föräldrar)",
    "en förening för personer med (missbruksproblem|synnedsättning|hörselnedsättning)",
    "ett (patientråd|brukarråd) i $L",
};
constexpr const char* kOrganisations[] = {
    "en (förening|ideell förening) för våldsutsatta kvinnor",
    "(en tjejjour|en kvinnojour|en ungdomsjour|en jour för våldsutsatta män)",
    "en brukarorganisation för personer med (intellektuell funktionsnedsättning|psykisk ohälsa|"
    "neuropsykiatriska funktionsnedsättningar)",
    "en förening (mot hedersförtryck|som arbetar mot hedersrelaterat våld)",
    "en (pensionärsorganisation|förening för äldres rättigheter)",
    "en förening för (anhöriga|anhörigvårdare)",
    "ett nätverk för (unga hbtqi-personer|hbtqi-personer)",
    "en intresseorganisation för (barn i samhällsvård|placerade barn och unga|föräldrar)",
    "en förening för (personer med missbruksproblem|kvinnor med missbruk)",
    "en förening för (nyanlända kvinnor|kvinnor med utländsk bakgrund)",
};

// ---------------------------------------------------------------------------
// Units: the vocabulary of each kind of operation.

enum UnitKind : uint8_t { kSocial, kInstitution, kHealth, kHome };

struct Unit {
  const char* key;
  UnitKind kind;
  bool elderly;        // care for older people
  bool youth;          // placed children and young people
  const char* full;    // $U at first mention, with a fictitious name
  const char* short_;  // $u, and $U after the first mention
  const char* client;  // $C: the person the unit serves, definite singular
  const char* clients; // $c: definite plural
  const char* client_indef;  // $I
  const char* staff;   // $K: one member of staff, indefinite
  const char* staff_coll;    // $k: the staff
  const char* manager; // $M
  const char* doc;     // $J: where things are documented
  const char* place;   // $H: where in the unit something happened
  const char* relation;  // $P: how the person relates to the unit ("bor på", "har kontakt med")
  ActorTable staff_actors;
  ActorTable co_actors;
};

constexpr ActorDef kIfoStaff[] = {
    {"en kontaktperson som socialtjänsten (anlitat|utsett)", "kontaktpersonen", kAnySex},
    {"(familjehemspappan|pappan i familjehemmet)", "familjehemspappan", kM},
    {"(familjehemsmamman|mamman i familjehemmet)", "familjehemsmamman", kF},
    {"en handläggare", "handläggaren", kAnySex},
    {"en familjebehandlare", "familjebehandlaren", kAnySex},
    {"en ledsagare som kommunen anlitat", "ledsagaren", kAnySex},
};
constexpr ActorDef kIfoCo[] = {
    {"ett annat placerat barn i familjehemmet", "det andra barnet", kAnySex},
    {"en annan ungdom i familjehemmet", "den andra ungdomen", kAnySex},
    {"en annan klient i väntrummet", "den andra klienten", kAnySex},
};
constexpr ActorDef kLssStaff[] = {
    {"en stödassistent", "stödassistenten", kAnySex},
    {"en boendestödjare", "boendestödjaren", kAnySex},
    {"en (medarbetare|anställd) på boendet", "medarbetaren", kAnySex},
    {"en vikarie", "vikarien", kAnySex},
    {"en nattpersonal", "nattpersonalen", kAnySex},
    {"en (stödpedagog|boendehandledare)", "den anställda", kAnySex},
};
constexpr ActorDef kLssCo[] = {
    {"en annan boende", "den andra boende", kAnySex},
    {"en medboende", "medboenden", kAnySex},
    {"en (annan boende|medboende) i lägenheten bredvid", "grannen på boendet", kAnySex},
};
constexpr ActorDef kHvbStaff[] = {
    {"en behandlingsassistent", "behandlingsassistenten", kAnySex},
    {"en (behandlare|behandlingspedagog)", "behandlaren", kAnySex},
    {"en (vikarie|timvikarie)", "vikarien", kAnySex},
    {"en nattpersonal", "nattpersonalen", kAnySex},
    {"en anställd på hemmet", "den anställda", kAnySex},
};
constexpr ActorDef kYouthCo[] = {
    {"en annan ungdom", "den andra ungdomen", kAnySex},
    {"en annan placerad ungdom", "den andra ungdomen", kAnySex},
    {"en äldre ungdom på (hemmet|avdelningen)", "den äldre ungdomen", kAnySex},
    {"två andra ungdomar", "ungdomarna", kPl},
};
constexpr ActorDef kSisStaff[] = {
    {"en behandlingsassistent", "behandlingsassistenten", kAnySex},
    {"en (avdelningspersonal|anställd på avdelningen)", "den anställda", kAnySex},
    {"en vikarierande behandlingsassistent", "vikarien", kAnySex},
    {"en nattpersonal", "nattpersonalen", kAnySex},
    {"(två|flera) av personalen", "personalen", kPl},
};
constexpr ActorDef kElderStaff[] = {
    {"en undersköterska", "undersköterskan", kAnySex},
    {"ett vårdbiträde", "vårdbiträdet", kAnySex},
    {"en nattpersonal", "nattpersonalen", kAnySex},
    {"en (vikarie|timanställd vikarie)", "vikarien", kAnySex},
    {"en (medarbetare|anställd)", "medarbetaren", kAnySex},
};
constexpr ActorDef kElderCo[] = {
    {"en annan boende", "den andra boende", kAnySex},
    {"en medboende", "medboenden", kAnySex},
    {"en (annan boende|medboende) med demenssjukdom", "medboenden", kAnySex},
    {"en boende på samma avdelning", "den andra boende", kAnySex},
};
constexpr ActorDef kHomeStaff[] = {
    {"en (undersköterska|undersköterska i hemtjänsten)", "undersköterskan", kAnySex},
    {"ett vårdbiträde", "vårdbiträdet", kAnySex},
    {"en (hemtjänstpersonal|anställd i hemtjänsten)", "den anställda", kAnySex},
    {"en vikarie", "vikarien", kAnySex},
    {"en (personlig assistent|assistent)", "assistenten", kAnySex},
};
constexpr ActorDef kHomeCo[] = {
    {"en annan brukare på dagverksamheten", "den andra brukaren", kAnySex},
    {"en annan deltagare på träffpunkten", "den andra deltagaren", kAnySex},
};
constexpr ActorDef kShelterStaff[] = {
    {"en (medarbetare|anställd) på boendet", "medarbetaren", kAnySex},
    {"en (boendepersonal|stödperson)", "den anställda", kAnySex},
    {"en (jourkvinna|volontär) på jouren", "jourkvinnan", kF},
};
constexpr ActorDef kShelterCo[] = {
    {"en annan kvinna på boendet", "den andra kvinnan", kF},
    {"en annan placerad kvinna", "den andra kvinnan", kF},
    {"en medboende", "medboenden", kAnySex},
};
constexpr ActorDef kHealthStaff[] = {
    {"en läkare", "läkaren", kAnySex},
    {"en sjuksköterska", "sjuksköterskan", kAnySex},
    {"en undersköterska", "undersköterskan", kAnySex},
    {"en (underläkare|AT-läkare|hyrläkare)", "läkaren", kAnySex},
};
constexpr ActorDef kEdStaff[] = {
    {"en läkare", "läkaren", kAnySex},
    {"en sjuksköterska", "sjuksköterskan", kAnySex},
    {"en undersköterska", "undersköterskan", kAnySex},
    {"en (väktare|ordningsvakt) på akuten", "väktaren", kAnySex},
};
constexpr ActorDef kPsychStaff[] = {
    {"en skötare", "skötaren", kAnySex},
    {"en (mentalskötare|vikarierande skötare)", "skötaren", kAnySex},
    {"en sjuksköterska", "sjuksköterskan", kAnySex},
    {"en (läkare|överläkare)", "läkaren", kAnySex},
    {"(två|flera) skötare", "skötarna", kPl},
};
constexpr ActorDef kMaternityStaff[] = {
    {"en barnmorska", "barnmorskan", kAnySex},
    {"en läkare", "läkaren", kAnySex},
    {"en undersköterska", "undersköterskan", kAnySex},
};
constexpr ActorDef kPatientCo[] = {
    {"en annan patient", "den andra patienten", kAnySex},
    {"en medpatient", "medpatienten", kAnySex},
    {"en patient på samma (avdelning|sal)", "medpatienten", kAnySex},
};
constexpr ActorDef kOtherStaff[] = {
    {"en (handledare|arbetsledare)", "handledaren", kAnySex},
    {"en (medarbetare|anställd)", "medarbetaren", kAnySex},
    {"en vikarie", "vikarien", kAnySex},
    {"en personlig assistent", "assistenten", kAnySex},
};
constexpr ActorDef kOtherCo[] = {
    {"en annan deltagare", "den andra deltagaren", kAnySex},
    {"en annan brukare", "den andra brukaren", kAnySex},
    {"en annan (deltagare|brukare) i gruppen", "den andra deltagaren", kAnySex},
};

constexpr Unit kUnits[] = {
    {"ifo", kSocial, false, false,
     "(socialtjänsten|individ- och familjeomsorgen|socialförvaltningen|socialtjänstens "
     "mottagningsenhet) i $L",
     "(socialtjänsten|förvaltningen|socialtjänsten)", "klienten", "(klienterna|de enskilda)",
     "en klient", "(en handläggare|en socialsekreterare|en familjebehandlare)",
     "(handläggarna|socialsekreterarna|handläggarna)",
     "(enhetschefen|sektionschefen|1:e socialsekreteraren)",
     "(utredningen|journalen|den sociala dokumentationen|akten)",
     "(vid ett hembesök|under ett möte på förvaltningen|i ett telefonsamtal|vid ett "
     "uppföljningsmöte)",
     "(har kontakt med|får stöd av|har ett ärende hos)",
     span_of(kIfoStaff), span_of(kIfoCo)},
    {"lss_group_home", kInstitution, false, false,
     "(gruppbostaden|LSS-boendet|bostaden med särskild service|gruppboendet) "
     "(Solhaga|Granbacken|Lärkan|Tallbacken|Ekudden|Fyrklövern|Vitsippan|Smultronet|Rönnen|"
     "Kastanjen)",
     "(gruppbostaden|boendet|boendet)", "(den boende|brukaren)", "(de boende|brukarna)",
     "(en boende|en brukare)",
     "(en stödassistent|en boendestödjare|en medarbetare|en vikarie|en nattpersonal)",
     "(personalen|personalen|stödpersonalen)", "(enhetschefen|verksamhetschefen|boendets chef)",
     "(genomförandeplanen|den sociala dokumentationen|journalanteckningarna)",
     "(i tvättstugan|i det gemensamma köket|i vardagsrummet|i korridoren|vid kvällsmaten|i "
     "gemensamhetslokalen)",
     "(bor på|bor på|har sin bostad på)",
     span_of(kLssStaff), span_of(kLssCo)},
    {"hvb", kInstitution, false, true,
     "(HVB-hemmet|HVB|behandlingshemmet) (Tallgården|Björkhagen|Ekgården|Solbacken|Havsblick|"
     "Furuhem|Strandgården|Granlunden)",
     "(HVB-hemmet|hemmet|boendet)", "ungdomen", "ungdomarna", "(en ungdom|en placerad ungdom)",
     "(en behandlingsassistent|en behandlare|en nattpersonal|en vikarie)", "personalen",
     "(föreståndaren|verksamhetschefen|behandlingschefen)",
     "(journalen|genomförandeplanen|den sociala dokumentationen)",
     "(i allrummet|vid middagen|i korridoren|under en utflykt|i köket|vid läggningen)",
     "(är placerad på|bor på)",
     span_of(kHvbStaff), span_of(kYouthCo)},
    {"sis_youth_home", kInstitution, false, true,
     "(det särskilda ungdomshemmet|SiS-hemmet|ungdomshemmet) (Granhed|Ekhammar|Norrsjön|Tallås|"
     "Björnbo|Fjällgläntan|Ljusåsen)",
     "(ungdomshemmet|institutionen|avdelningen)", "ungdomen", "ungdomarna",
     "(en ungdom|en placerad ungdom|en intagen ungdom)",
     "(en behandlingsassistent|en vikarie|en nattpersonal|en avdelningspersonal)", "personalen",
     "(institutionschefen|avdelningsföreståndaren|enhetschefen)",
     "(journalen|avvikelserapporten|den sociala dokumentationen)",
     "(på avdelningen|i avskiljningsrummet|i korridoren|i dagrummet|på skolan på institutionen|"
     "vid visitationen)",
     "(är placerad på|vårdas på)",
     span_of(kSisStaff), span_of(kYouthCo)},
    {"sabo", kInstitution, true, false,
     "(äldreboendet|det särskilda boendet|vård- och omsorgsboendet|demensboendet) "
     "(Ekbacken|Solgläntan|Lindhaga|Björkängen|Vårdkasen|Almgården|Syrenen|Aspgården|"
     "Liljan|Tallkotten)",
     "(boendet|äldreboendet|avdelningen)", "(den boende|brukaren)", "(de boende|brukarna)",
     "(en boende|en brukare)",
     "(en undersköterska|ett vårdbiträde|en nattpersonal|en vikarie|en medarbetare)",
     "(personalen|personalen|omvårdnadspersonalen)",
     "(enhetschefen|avdelningschefen|verksamhetschefen)",
     "(genomförandeplanen|den sociala dokumentationen|omvårdnadsjournalen)",
     "(i matsalen|på avdelningen|i korridoren|vid morgonhygienen|vid nattillsynen|i dagrummet)",
     "(bor på|bor på|har flyttat till)",
     span_of(kElderStaff), span_of(kElderCo)},
    {"sheltered_housing", kInstitution, false, false,
     "(det skyddade boendet|ett skyddat boende i $L|jourens skyddade boende|det skyddade "
     "boende som kommunen upphandlat)",
     "(boendet|det skyddade boendet|jouren)", "(den placerade|den boende)",
     "(de placerade|de boende)", "(en placerad kvinna|en boende)",
     "(en boendepersonal|en stödperson|en medarbetare)", "personalen",
     "(föreståndaren|verksamhetsledaren|enhetschefen)",
     "(dokumentationen|genomförandeplanen|säkerhetsplanen)",
     "(på boendet|i det gemensamma köket|i samtalsrummet|i trappuppgången)",
     "(bor på|är placerad på)",
     span_of(kShelterStaff), span_of(kShelterCo)},
    {"primary_care", kHealth, false, false,
     "(Strandvägens vårdcentral|vårdcentralen (Solhaga|Norrby|Ekbacken|Björkdalen|Sjöstaden)|"
     "hälsocentralen i $L)",
     "(vårdcentralen|mottagningen)", "patienten", "patienterna", "en patient",
     "(en läkare|en distriktssköterska|en sjuksköterska|en undersköterska)",
     "(personalen|vårdpersonalen)", "(verksamhetschefen|enhetschefen)", "journalen",
     "(vid ett läkarbesök|på mottagningen|vid ett telefonsamtal med sjuksköterskan|vid ett "
     "återbesök)",
     "(är patient på|går på kontroller på|har kontakt med)",
     span_of(kHealthStaff), span_of(kPatientCo)},
    {"emergency_department", kHealth, false, false,
     "(akutmottagningen|akuten) på (Norrby|Solhaga|Västra Ekby|Sjöbacka|Granhammar|Älvåsen) "
     "(sjukhus|lasarett)",
     "(akuten|akutmottagningen)", "patienten", "patienterna", "en patient",
     "(en läkare|en sjuksköterska|en undersköterska|en underläkare)",
     "(personalen|vårdpersonalen|personalen på akuten)", "(verksamhetschefen|sektionschefen)",
     "journalen",
     "(i triagen|på akutrummet|i väntrummet|vid läkarbedömningen|i korridoren på akuten)",
     "(sökte vård på|kom in till|fördes till)",
     span_of(kEdStaff), span_of(kPatientCo)},
    {"psychiatry", kHealth, false, false,
     "(psykiatriska kliniken i $L|den psykiatriska slutenvården på (Norrby|Solhaga|Sjöbacka) "
     "sjukhus|vuxenpsykiatrin i $L|psykiatriska avdelning (3|7|12|14|21))",
     "(avdelningen|kliniken|psykiatrin)", "patienten", "patienterna", "en patient",
     "(en skötare|en sjuksköterska|en läkare|en mentalskötare)",
     "(personalen|vårdpersonalen)",
     "(avdelningschefen|verksamhetschefen|chefsöverläkaren)", "journalen",
     "(på avdelningen|i dagrummet|i korridoren|vid medicinutdelningen|på salen)",
     "(vårdas på|är inskriven på|har kontakt med)",
     span_of(kPsychStaff), span_of(kPatientCo)},
    {"maternity_care", kHealth, false, false,
     "(barnmorskemottagningen i $L|mödrahälsovården i $L|Solhaga barnmorskemottagning|"
     "förlossningen på (Norrby|Solhaga|Västra Ekby) sjukhus|kvinnokliniken i $L)",
     "(mottagningen|barnmorskemottagningen|förlossningen|mödrahälsovården)",
     "(patienten|den gravida kvinnan)", "(patienterna|de gravida)", "en gravid kvinna",
     "(en barnmorska|en läkare|en undersköterska)", "(personalen|barnmorskorna)",
     "(verksamhetschefen|enhetschefen|vårdenhetschefen)",
     "(journalen|mödrahälsovårdsjournalen)",
     "(vid inskrivningssamtalet|vid ett besök i graviditetsvecka (22|26|30|34)|under "
     "förlossningen|vid efterkontrollen)",
     "(går på kontroller på|är inskriven på|har kontakt med)",
     span_of(kMaternityStaff), span_of(kPatientCo)},
    {"home_care", kHome, true, false,
     "(hemtjänsten i $L|hemtjänstgruppen i $L|hemtjänsten (Norr|Centrum|Öster|Väster|Söder) i "
     "$L|den privata hemtjänstutföraren i $L)",
     "(hemtjänsten|hemtjänstgruppen)", "brukaren", "brukarna", "en brukare",
     "(en undersköterska|ett vårdbiträde|en vikarie|en medarbetare i hemtjänsten)",
     "(personalen|hemtjänstpersonalen)", "(enhetschefen|verksamhetschefen|gruppledaren)",
     "(genomförandeplanen|den sociala dokumentationen)",
     "(i bostaden|vid ett morgonbesök|vid kvällsbesöket|vid duschen|i samband med inköp)",
     "(har hemtjänst från|får hjälp av)",
     span_of(kHomeStaff), span_of(kHomeCo)},
    {"other", kInstitution, false, false,
     "(den dagliga verksamheten (Ekan|Verkstan|Kompassen)|korttidsboendet (Sjöstjärnan|Lyan|"
     "Gläntan)|öppenvården i $L|träffpunkten i $L)",
     "(verksamheten|enheten)", "(deltagaren|brukaren)", "(deltagarna|brukarna)",
     "(en deltagare|en brukare)", "(en handledare|en medarbetare|en vikarie)", "personalen",
     "(enhetschefen|verksamhetschefen)", "(dokumentationen|genomförandeplanen)",
     "(i verkstaden|vid lunchen|i gemensamma lokalen|under en aktivitet)",
     "(är inskriven på|deltar i|går till)",
     span_of(kOtherStaff), span_of(kOtherCo)},
};

// unit_type "" (and anything unknown): the principal, a municipality or a region.
constexpr Unit kPrincipal = {
    "", kSocial, false, false,
    "(socialnämnden i $L|(Norrby|Solhaga|Västra Ekby|Sjöbacka|Granhammar|Tallmo) kommun|"
    "vård- och omsorgsnämnden i $L|Region (Mellersta|Södra Dalen|Norrkusten|Västlandet))",
    "(nämnden|kommunen|huvudmannen|förvaltningen)", "(den enskilde|personen)",
    "(de enskilda|brukarna|invånarna)", "en person",
    "(en handläggare|en medarbetare|en socialsekreterare)", "(medarbetarna|personalen)",
    "(förvaltningschefen|socialchefen|verksamhetschefen)", "(dokumentationen|akten|journalen)",
    "(i ärendet|vid handläggningen|under utredningen)",
    "(har kontakt med|får stöd av|har ett ärende hos)",
    span_of(kIfoStaff), span_of(kIfoCo)};

// ---------------------------------------------------------------------------
// Actors outside the unit: partners, family, others.

constexpr ActorDef kPartnerOfWoman[] = {
    {"$p sambo", "sambon", kM},
    {"$p make", "maken", kM},
    {"$p pojkvän", "pojkvännen", kM},
    {"mannen $v lever med", "mannen", kM},
    {"$p partner", "partnern", kM},
    {"$p sambo sedan (några|flera|fem|tio) år", "sambon", kM},
    {"$p (make|man) sedan många år", "maken", kM},
};
constexpr ActorDef kExPartnerOfWoman[] = {
    {"$p före detta sambo", "den före detta sambon", kM},
    {"$p exman", "exmannen", kM},
    {"$p f.d. make", "exmaken", kM},
    {"$p tidigare pojkvän", "expojkvännen", kM},
    {"$p före detta partner", "expartnern", kM},
};
constexpr ActorDef kOldPartnerOfWoman[] = {
    {"$p dåvarande sambo", "den dåvarande sambon", kM},
    {"$p dåvarande make", "exmaken", kM},
    {"$p första make", "exmaken", kM},
    {"$p exman", "exmannen", kM},
    {"$p före detta sambo", "den före detta sambon", kM},
    {"$p tidigare pojkvän", "expojkvännen", kM},
};
constexpr ActorDef kPartnerOfMan[] = {
    {"$p sambo", "sambon", kF},
    {"$p fru", "frun", kF},
    {"$p hustru", "hustrun", kF},
    {"$p flickvän", "flickvännen", kF},
    {"$p partner", "partnern", kF},
    {"$p pojkvän", "pojkvännen", kM},
    {"$p sambo", "sambon", kM},
};
constexpr ActorDef kExPartnerOfMan[] = {
    {"$p exfru", "exfrun", kF},
    {"$p före detta sambo", "den före detta sambon", kF},
    {"$p tidigare flickvän", "exflickvännen", kF},
    {"$p före detta pojkvän", "expojkvännen", kM},
};
constexpr ActorDef kOldPartnerOfMan[] = {
    {"$p dåvarande fru", "exfrun", kF},
    {"$p dåvarande sambo", "den dåvarande sambon", kF},
    {"$p exfru", "exfrun", kF},
    {"$p dåvarande pojkvän", "expojkvännen", kM},
};
constexpr ActorDef kPartnerOfWomanSame[] = {
    {"$p flickvän", "flickvännen", kF},
    {"$p sambo", "sambon", kF},
    {"$p fru", "frun", kF},
    {"$p före detta flickvän", "exflickvännen", kF},
};
constexpr ActorDef kPartnerOfAnyone[] = {
    {"$p partner", "partnern", kAnySex},
    {"$p sambo", "sambon", kAnySex},
    {"$p före detta partner", "expartnern", kAnySex},
    {"personen som $v (lever|bor) med", "partnern", kAnySex},
};
constexpr ActorDef kPartnerOfTeen[] = {
    {"$p pojkvän", "pojkvännen", kM},
    {"$p (före detta|tidigare) pojkvän", "expojkvännen", kM},
    {"$p flickvän", "flickvännen", kF},
    {"$p pojkvän sedan (ett|två) år", "pojkvännen", kM},
    {"en kille som $v (varit|är) tillsammans med", "pojkvännen", kM},
};

constexpr ActorDef kFamilyOfChild[] = {
    {"$p pappa", "pappan", kM},
    {"$p mamma", "mamman", kF},
    {"$p styvpappa", "styvpappan", kM},
    {"$p mammas sambo", "mammans sambo", kM},
    {"$p storebror", "storebrodern", kM},
    {"$p morbror", "morbrodern", kM},
    {"$p farbror", "farbrodern", kM},
    {"$p styvmamma", "styvmamman", kF},
    {"$p (pappa|biologiska pappa)", "pappan", kM},
    {"$p (mamma|biologiska mamma)", "mamman", kF},
};
constexpr ActorDef kFamilyOfAdult[] = {
    {"$p bror", "brodern", kM},
    {"$p pappa", "pappan", kM},
    {"$p mamma", "mamman", kF},
    {"$p svärmor", "svärmodern", kF},
    {"$p svärfar", "svärfadern", kM},
    {"$p kusin", "kusinen", kAnySex},
    {"$p svåger", "svågern", kM},
    {"$p farbror", "farbrodern", kM},
    {"$p (äldre|yngre) bror", "brodern", kM},
    {"$p syster", "systern", kF},
};
constexpr ActorDef kFamilyOfMidlife[] = {
    {"$p vuxna son", "sonen", kM},
    {"$p vuxna dotter", "dottern", kF},
    {"$p bror", "brodern", kM},
    {"$p (äldre|yngre) syster", "systern", kF},
    {"$p svåger", "svågern", kM},
    {"$p (son|styvson)", "sonen", kM},
};
constexpr ActorDef kFamilyOfElder[] = {
    {"$p son", "sonen", kM},
    {"$p dotter", "dottern", kF},
    {"$p barnbarn", "barnbarnet", kAnySex},
    {"$p svärson", "svärsonen", kM},
    {"$p vuxna son", "sonen", kM},
    {"$p dotter, som bor hos $o,", "dottern", kF},
    {"$p son, som också är $p god man,", "sonen", kM},
    {"$p (yngsta|äldsta) son", "sonen", kM},
    {"$p (yngsta|äldsta) dotter", "dottern", kF},
};

constexpr ActorDef kUnknownActors[] = {
    {"en okänd man", "mannen", kM},
    {"en man som $v (träffat på nätet|lärt känna via en vän|känner sedan tidigare)", "mannen", kM},
    {"en bekant", "bekanten", kAnySex},
    {"en granne", "grannen", kAnySex},
    {"en person i $p närhet", "personen", kU},
    {"en (man|person) som $v (hade|har haft) kontakt med", "personen", kAnySex},
};
constexpr ActorDef kUnknownActorsYoung[] = {
    {"en äldre kille", "killen", kM},
    {"en vuxen man som $v kommit i kontakt med via (ett spel|sociala medier|en chatt)", "mannen",
     kM},
    {"(några|ett par) äldre killar", "killarna", kPl},
    {"en okänd man", "mannen", kM},
    {"en bekant till familjen", "bekanten", kAnySex},
};
constexpr ActorDef kUnknownActorsOld[] = {
    {"en granne", "grannen", kAnySex},
    {"en bekant till familjen", "bekanten", kAnySex},
    {"en (främling|okänd man)", "mannen", kM},
    {"en tidigare (hemhjälp|städare)", "städaren", kAnySex},
    {"en person som $v (kände|hade lärt känna)", "personen", kAnySex},
};

// ---------------------------------------------------------------------------
// Victim references. {full, later}; later mentions also use the name or a pronoun.

constexpr RoleDef kRelChildF[] = {
    {"min dotter $N", "min dotter"},        {"min dotter, $Y år,", "min dotter"},
    {"min systerdotter $N", "min systerdotter"}, {"min brorsdotter, $Y år,", "min brorsdotter"},
    {"min (lilla|yngsta) dotter", "min dotter"},  {"min dotter $N, som är $Y år,", "min dotter"},
};
constexpr RoleDef kRelChildM[] = {
    {"min son $N", "min son"},          {"min son, $Y år,", "min son"},
    {"min systerson $N", "min systerson"}, {"min brorson, $Y år,", "min brorson"},
    {"min (lille|yngste) son", "min son"}, {"min son $N, som är $Y år,", "min son"},
};
constexpr RoleDef kRelChildU[] = {
    {"$N, som är mitt barnbarn,", "$N"},
    {"mitt barnbarn $N, $Y år,", "$N"},
    {"mitt bonusbarn $N", "$N"},
};
constexpr RoleDef kRelAdultF[] = {
    {"min dotter $N", "min dotter"},      {"min syster $N", "min syster"},
    {"min (väninna|bästa vän) $N", "min väninna"}, {"min kusin $N", "min kusin"},
    {"min (svägerska|syster)", "min syster"},  {"min (vuxna|äldsta) dotter", "min dotter"},
    {"min syster, som är $Y år,", "min syster"},
};
constexpr RoleDef kRelAdultM[] = {
    {"min son $N", "min son"},  {"min bror $N", "min bror"},   {"min vän $N", "min vän"},
    {"min kusin $N", "min kusin"}, {"min (vuxna|äldsta) son", "min son"},
    {"min bror, som är $Y år,", "min bror"},
};
constexpr RoleDef kRelAdultU[] = {
    {"min vän $N", "min vän"},
    {"min kusin $N", "min kusin"},
    {"$N, som är en nära vän till mig,", "$N"},
};
constexpr RoleDef kRelElderF[] = {
    {"min mamma", "mamma"},          {"min mamma $N", "mamma"},
    {"min mormor", "mormor"},        {"min farmor", "farmor"},
    {"min moster $N", "min moster"}, {"min svärmor", "svärmor"},
    {"min mamma, som är $Y år,", "mamma"}, {"min (gamla|åldriga) mamma", "mamma"},
};
constexpr RoleDef kRelElderM[] = {
    {"min pappa", "pappa"},          {"min pappa $N", "pappa"},
    {"min morfar", "morfar"},        {"min farfar", "farfar"},
    {"min morbror $N", "min morbror"}, {"min svärfar", "svärfar"},
    {"min pappa, som är $Y år,", "pappa"},
};
constexpr RoleDef kRelElderU[] = {
    {"$N, som är min (granne|släkting),", "$N"},
    {"min anhörige $N", "$N"},
};

constexpr RoleDef kChildF[] = {
    {"en flicka, $Y år,", "flickan"},  {"en $Y-årig flicka", "flickan"},
    {"flickan $N, $Y år,", "$N"},      {"$N, en flicka på $Y år,", "$N"},
    {"en flicka på $Y år", "flickan"}, {"dottern i familjen, $N, $Y år,", "$N"},
};
constexpr RoleDef kChildM[] = {
    {"en pojke, $Y år,", "pojken"},  {"en $Y-årig pojke", "pojken"},
    {"pojken $N, $Y år,", "$N"},     {"$N, en pojke på $Y år,", "$N"},
    {"en pojke på $Y år", "pojken"}, {"sonen i familjen, $N, $Y år,", "$N"},
};
constexpr RoleDef kChildU[] = {
    {"$N, $Y år,", "$N"},
    {"$N, ett barn på $Y år,", "$N"},
    {"eleven $N, $Y år,", "$N"},
};
constexpr RoleDef kYouthRoles[] = {
    {"$I", "$C"},
    {"ungdomen $N", "$N"},
    {"$N, $Y år,", "$N"},
    {"en $Y-årig ungdom", "ungdomen"},
    {"en placerad ungdom, $N,", "$N"},
};
constexpr RoleDef kAdultF[] = {
    {"en kvinna", "kvinnan"},
    {"en kvinna i (20|30|40|50)-årsåldern", "kvinnan"},
    {"$N, $Y år,", "$N"},
    {"en kvinna, $N,", "$N"},
    {"en $Y-årig kvinna", "kvinnan"},
    {"en (ung|yngre) kvinna", "kvinnan"},
};
constexpr RoleDef kAdultM[] = {
    {"en man", "mannen"},
    {"en man i (20|30|40|50)-årsåldern", "mannen"},
    {"$N, $Y år,", "$N"},
    {"en man, $N,", "$N"},
    {"en $Y-årig man", "mannen"},
    {"en (ung|yngre) man", "mannen"},
};
constexpr RoleDef kAdultU[] = {
    {"en person", "personen"},
    {"$N, $Y år,", "$N"},
    {"en person i (20|30|40)-årsåldern", "personen"},
    {"en vuxen person, $N,", "$N"},
};
constexpr RoleDef kElderF[] = {
    {"en äldre kvinna", "kvinnan"},
    {"en $Y-årig kvinna", "kvinnan"},
    {"$N, $Y år,", "$N"},
    {"en kvinna på $Y år", "kvinnan"},
    {"en äldre kvinna, $N,", "$N"},
};
constexpr RoleDef kElderM[] = {
    {"en äldre man", "mannen"},
    {"en $Y-årig man", "mannen"},
    {"$N, $Y år,", "$N"},
    {"en man på $Y år", "mannen"},
    {"en äldre man, $N,", "$N"},
};
constexpr RoleDef kElderU[] = {
    {"en äldre person", "personen"},
    {"$N, $Y år,", "$N"},
};
// The unit's own word for the person it serves.
constexpr RoleDef kClientRoles[] = {
    {"$I", "$C"},
    {"$C $N", "$N"},
    {"$I, $N,", "$N"},
    {"$C", "$C"},
};
// Dialogue: someone whose experience a participant told about.
constexpr RoleDef kDialogueF[] = {
    {"en kvinna", "kvinnan"},
    {"en (deltagare|medlem)", "hon"},
    {"en ung (tjej|kvinna)", "hon"},
    {"en kvinna (från föreningen|som föreningen stöttar)", "kvinnan"},
    {"en av (medlemmarna|kvinnorna)", "hon"},
};
constexpr RoleDef kDialogueM[] = {
    {"en man", "mannen"},
    {"en (deltagare|medlem)", "han"},
    {"en ung (kille|man)", "han"},
    {"en av (medlemmarna|männen)", "han"},
};
constexpr RoleDef kDialogueU[] = {
    {"en (deltagare|medlem)", "personen"},
    {"en av (medlemmarna|deltagarna)", "personen"},
};

// ---------------------------------------------------------------------------
// Violence, by form. Slots used here:
//   $A actor (perpetrator) as subject or object; $S the same where the victim is the
//   subject (possessives turn reflexive: "sin sambo"); $a $b actor pronouns;
//   $V $O victim as subject / object; $v $o victim pronouns; $p $q $w possessives
//   (en / ett / plural), $s $t $y reflexive possessives; $h perfect auxiliary
//   ("har", "ska ha", "hade"), $F duration or frequency, $T point in time, $l where
//   the actor did it, $H a place in the unit, $X an injury, $K $k $c $u unit words.
// Every template of a form names the form with at least one word a reader (and the
// unit test) would recognise.

struct FormGrammar {
  Table vp;    // participle phrase after "$A $h", e.g. "slagit $o"
  Table np;    // noun phrase after "utsatts för", e.g. "misshandel"
  Table past;  // whole sentences in the past; fit plain and historical text
  Table now;   // ongoing; plain text only
  Table inst;  // the actor is staff or a fellow resident; plain and historical
  Table hist;  // historical text only (replaces `now`)
};

constexpr const char* kPhysVp[] = {
    "slagit $o",
    "slagit $o i (ansiktet|huvudet|magen|ryggen)",
    "sparkat $o",
    "knuffat $o (omkull|mot en vägg|in i en dörr|ner på golvet)",
    "slagit och sparkat $o",
    "dragit $o i håret och slagit $o",
    "nypt $o (hårt|så att $v fått blåmärken)",
    "vridit om $p arm (så att $v skrikit av smärta|tills $v föll)",
    "örfilat $o",
    "kastat (saker|en mugg|en sko|ett glas) på $o",
    "tagit hårt i $o så att $v fått $X",
    "misshandlat $o",
    "tryckt upp $o mot väggen och slagit $o",
    "bitit $o i armen",
    "slagit $o med (en sladd|ett skärp|en sked)",
    "gett $o (en örfil|flera örfilar|ett knytnävsslag)",
};
constexpr const char* kPhysNp[] = {
    "misshandel", "fysiskt våld", "slag och sparkar", "upprepad misshandel", "grov misshandel",
    "knuffar och slag", "fysisk misshandel", "örfilar och knuffar", "slag",
};
constexpr const char* kPhysPast[] = {
    "$A (slog|knuffade|sparkade|örfilade) $o $l $T.",
    "$T (slog|knuffade|sparkade) $A $o $l.",
    "$A (slog|knuffade) $o $T så att $v (föll och slog i huvudet|fick $X|började blöda näsblod).",
    "$V blev (slagen|knuffad|sparkad|misshandlad) av $S $l $T.",
    "$V hade $X efter att $A (slagit|knuffat|sparkat) $o $T.",
    "$V (fick|hade) $X och berättade att $A hade (slagit|knuffat|nypt|sparkat) $o.",
    "$k (upptäckte|såg) $X på $O och $v berättade att $A hade (slagit|sparkat|knuffat) $o.",
    "Enligt $O (tog|grep) $A tag i $o och (knuffade|slängde) $o (mot väggen|i golvet) $T.",
    "$A misshandlade $o $l $T[ och $v (fick uppsöka akuten|behövde sys|fick $X)].",
    "$V berättade för $K att $A (slog|sparkade) $o (flera gånger|upprepade gånger) $T.",
    "$T drog $A $o i håret och (slog|knuffade) $o $l.",
    "$A (slog|örfilade) $o (med öppen hand|med knytnäven) $T[ inför andra].",
};
constexpr const char* kPhysNow[] = {
    "$A (slår|knuffar|sparkar) $o när $a (har druckit|blir arg|inte får som $a vill).",
    "$V har ofta $X och har till slut berättat att $A (slår|knuffar|nyper) $o.",
    "$V blir (slagen|misshandlad) (av $S|hemma) (nästan varje vecka|regelbundet|när $A har druckit).",
    "Det förekommer (slag|knuffar|misshandel) i hemmet (nästan varje vecka|regelbundet|allt oftare).",
    "$A tar (hårt|omilt) i $o och (slår|nyper) $o när ingen ser.",
    "$A slår $o (fortfarande|än i dag)[, senast $T].",
    "$V säger att $v (blir slagen|får stryk) (hemma|av $S) (om $v inte gör som $A vill|när $A är arg).",
};
constexpr const char* kPhysInst[] = {
    "$A (slog|knuffade|örfilade|nöp) $O $H $T.",
    "$A tog hårt i $O och knuffade $o $H $T så att $v fick $X.",
    "$A (knuffade|drog) $O (in på rummet|ner i sängen|ner i stolen) $T och slog $o (på armen|i ansiktet).",
    "Vid (morgonhygienen|duschen|förflyttningen|läggningen) $T (slog|nöp|knuffade) $A $O.",
    "$V berättade för $K att $A (hade slagit|hade knuffat|hade nypt) $o $T.",
    "$A har vid (flera|upprepade) tillfällen (slagit|nypt|knuffat) $O[ $H].",
    "$A gick till angrepp mot $O $H $T och (slog|sparkade) $o (flera gånger|i ansiktet).",
    "$A (slog|sparkade) $O $H $T[, och $k (hann inte ingripa|fick gå emellan)].",
    "$A höll fast $O (hårdhänt|med onödigt mycket kraft) $T och (vred|bände) $p arm bakom ryggen.",
    "$A (nöp|slog) $O (på armen|i nacken) $T när $v inte ville (äta|duscha|gå till sängs).",
};
constexpr const char* kPhysHist[] = {
    "$V (blev|hade blivit) (misshandlad|slagen) av $S (flera gånger|upprepade gånger|regelbundet) $F.",
    "$A (slog|misshandlade) $o $F[, ofta när $a hade druckit].",
    "$V berättar att $A (slog|sparkade|knuffade) $o $F.",
};

constexpr const char* kPsychVp[] = {
    "hotat $o",
    "hotat att skada $o",
    "kontrollerat vem $v träffar och vad $v gör",
    "läst $w sms och kontrollerat $p telefon",
    "tagit ifrån $o (telefonen|mobilen|$p telefon) för att kontrollera $o",
    "isolerat $o från (vänner och familj|omvärlden|$y vänner)",
    "förnedrat $o inför andra",
    "(kallat $o nedsättande saker|kallat $o värdelös) och hotat $o",
    "skrämt $o genom att (slå sönder saker|skrika och slå i väggarna)",
    "låst in $o (i lägenheten|i sovrummet|i badrummet)",
    "hotat att avslöja $p sexuella läggning",
    "hotat att se till att $v blir utvisad",
    "hånat och hotat $o upprepade gånger",
    "hindrat $o från att träffa $y vänner",
    "tvingat $o att hela tiden redovisa var $v är, i ett kontrollerande mönster",
    "kränkt och hotat $o",
};
constexpr const char* kPsychNp[] = {
    "hot",          "psykiskt våld",           "hot och kontroll",    "kränkningar och hot",
    "psykisk misshandel", "trakasserier och hot", "kontrollerande beteende och hot",
    "systematiska kränkningar", "upprepade hot", "isolering och kontroll",
};
constexpr const char* kPsychPast[] = {
    "$A hotade $o $T och sa att $a skulle (skada $o|göra $w dagar till ett helvete|se till att $v förlorade allt).",
    "$A låste in $o $l $T (och tog $p telefon|i flera timmar).",
    "$T hotade $A $o och (skrek att $v var värdelös|slog sönder $w saker).",
    "$V blev (hotad|förnedrad|kallad nedsättande saker och hotad) av $S $T.",
    "$A tog $p telefon och pass $T för att $v inte skulle kunna (lämna $b|kontakta någon), ett sätt att kontrollera $o.",
    "$A skickade (hotfulla|kränkande och hotfulla) meddelanden till $o $T.",
    "$A hotade $T att (skada $o|sprida bilder på $o|ta $w saker) om $v (berättade något|pratade med någon).",
};
constexpr const char* kPsychNow[] = {
    "$A kontrollerar (vem $v träffar|allt $v gör) och läser $w (sms|meddelanden).",
    "$V får inte träffa $y vänner utan att $A (är med|godkänner det), och $a kontrollerar $w meddelanden.",
    "$A hotar $o (när $a är arg|regelbundet|så fort $v vill träffa andra).",
    "$V (är rädd för|vågar inte säga emot) $S eftersom $a hotar $o.",
    "$A ringer (hela tiden|flera gånger i timmen) för att kontrollera var $v är.",
    "$A säger att $v inte klarar sig utan $b och hindrar $o från att (arbeta|studera|träffa andra).",
    "$A kränker och förnedrar $o (dagligen|inför andra|så fort de är ensamma).",
};
constexpr const char* kPsychInst[] = {
    "$A (hånade|förnedrade) $O inför (andra|alla andra) $H $T.",
    "$A hotade att låsa in $O (på rummet|i ett rum) om $v inte gjorde som $a sa.",
    "$A har vid upprepade tillfällen (skrikit åt och förnedrat|hånat och hotat) $O.",
    "$A stängde in $O på rummet (som straff|i flera timmar) $T.",
    "$A hotade $O $H $T och (tog ifrån $o mobilen|sa att $v skulle få skylla $r själv).",
    "$A har (hotat|trakasserat) $O (i flera veckor|under en längre tid), bland annat $H.",
    "$A hotade $O med (indragen permission|att bli flyttad|att inte få ringa hem) om $v inte lydde.",
};
constexpr const char* kPsychHist[] = {
    "$A (kontrollerade|hotade) $o $F och bestämde vem $v fick träffa.",
    "$V levde $F under (ständiga hot|hot och kontroll) från $S.",
};

constexpr const char* kSexVp[] = {
    "tvingat $o till sex",
    "våldtagit $o",
    "tafsat på $o",
    "tagit på $o på ett sexuellt sätt mot $p vilja",
    "tvingat $o att utföra sexuella handlingar",
    "spridit nakenbilder på $o",
    "filmat $o naken utan $p samtycke",
    "utsatt $o för sexuella övergrepp",
    "tvingat sig på $o sexuellt",
    "skickat sexuella bilder och meddelanden till $o",
};
constexpr const char* kSexNp[] = {
    "sexuella övergrepp", "sexuellt våld", "en våldtäkt", "sexuella trakasserier",
    "upprepade sexuella övergrepp", "sexuella kränkningar", "ofredande av sexuell karaktär",
};
constexpr const char* kSexPast[] = {
    "$A våldtog $o $l $T.",
    "$A tafsade på $O $l $T (trots att $v sa nej|och skrattade när $v protesterade).",
    "$V berättade för $K att $A tvingade $o till sex $T.",
    "$A (tog|rörde) $o (på brösten|mellan benen) mot $p vilja $T, ett sexuellt övergrepp.",
    "$T tvingade $A $o till (sex|samlag).",
    "$V (blev|hade blivit) våldtagen av $S $T.",
    "$A skickade (nakenbilder|bilder på sitt kön) till $O $T och krävde nakenbilder tillbaka.",
    "$A spred (nakenbilder|en film med sexuellt innehåll) på $O $T.",
};
constexpr const char* kSexNow[] = {
    "$A tvingar $o till sex (när $a har druckit|flera gånger i veckan|trots att $v säger nej).",
    "$V utsätts (regelbundet|fortfarande) för sexuella övergrepp av $S.",
    "$A pressar $o att skicka nakenbilder och hotar att sprida dem.",
    "$A tar på $o på ett sexuellt sätt (trots att $v säger nej|när ingen annan ser).",
};
constexpr const char* kSexInst[] = {
    "$A tog $O (mellan benen|på brösten) $H $T, ett sexuellt övergrepp.",
    "$A gjorde sexuella närmanden mot $O $H $T.",
    "$A har skickat sexuella meddelanden till $O (under flera veckor|på kvällarna).",
    "$A rörde vid $O på ett sexuellt sätt (vid duschen|under morgonhygienen|vid en undersökning) $T.",
    "$V berättade att $A kom in (på rummet|på salen) på natten och tafsade på $o under täcket.",
    "$A (tafsade på|tog sexuellt på) $O $H $T trots att $v sa ifrån.",
};
constexpr const char* kSexHist[] = {
    "$V utsattes för sexuella övergrepp av $S $F.",
    "$A (våldtog|förgrep sig sexuellt på) $o $F.",
};

constexpr const char* kEconVp[] = {
    "tagit $w pengar",
    "tagit lån i $q namn",
    "tömt $q bankkonto",
    "tagit $p pension (varje månad|sedan flera månader)",
    "tvingat $o att föra över pengar",
    "tagit kontroll över $w pengar",
    "använt $q bankkort utan lov",
    "tvingat $o att skriva på (lån|ett avbetalningskontrakt)",
    "stulit pengar ur $p plånbok",
    "pressat $o på pengar",
};
constexpr const char* kEconNp[] = {
    "ekonomiskt våld", "ekonomiska övergrepp", "ekonomiskt utnyttjande", "stölder",
    "utpressning på pengar", "ekonomisk kontroll",
};
constexpr const char* kEconPast[] = {
    "$A tog $q bankkort $T och tog ut (flera tusen kronor|pengar) utan lov.",
    "Det upptäcktes $T att $A hade tagit lån i $q namn.",
    "$A tvingade $o att swisha (pengar|flera tusen kronor) $T.",
    "$T försvann (pengar|flera tusen kronor) från $q konto, och $A (erkände|har pekats ut).",
    "$A tömde $q bankkonto $T.",
    "$V upptäckte $T att $A hade använt $q bankkort utan lov.",
};
constexpr const char* kEconNow[] = {
    "$A tar hand om $p (lön|pension|försörjningsstöd) och ger $o bara (lite pengar till mat|några hundralappar i veckan).",
    "$V får inte ha tillgång till $y egna pengar, och $A bestämmer över ekonomin.",
    "$A kräver $o på pengar (varje gång $a kommer på besök|varje månad) och blir arg om $v säger nej.",
    "$A har tagit över $q bankkonto och $V vet inte vart pengarna tar vägen.",
};
constexpr const char* kEconInst[] = {
    "$A har tagit pengar ur $p plånbok (vid flera tillfällen|under kvällspassen).",
    "$A använde $q bankkort när $a handlade åt $o $T och tog ut pengar till sig själv.",
    "Pengar och smycken har försvunnit från $q rum, och misstanken riktas mot $A.",
    "$A lånade pengar av $O (flera gånger|$T) och betalade aldrig tillbaka, trots att $v inte förstod vad det innebar.",
    "$A tog (kontanter|pengar) från $O $H $T.",
};
constexpr const char* kEconHist[] = {
    "$A (tog $w pengar|tog lån i $q namn) $F.",
    "$V hade ingen kontroll över $y pengar $F, eftersom $A bestämde över ekonomin.",
};

constexpr const char* kHonourNow[] = {
    "$V får inte (ha en pojkvän|träffa vänner på fritiden|gå ut efter skolan|välja $y egna kläder) eftersom familjen är rädd för (vad släkten ska säga|att förlora sin heder).",
    "$w bröder (bevakar|kontrollerar) $o (utanför hemmet|på fritiden|överallt) för att skydda familjens heder.",
    "Familjen anser att $v har dragit skam över dem, och $v (kontrolleras|övervakas) av (släktingar|$w bröder).",
    "$V berättar att $v inte får bestämma över $t eget liv eftersom (familjen|släkten) talar om heder och skam.",
    "Det finns uppgifter om att (släkten|familjen) kräver att $v ska (genomgå en oskuldskontroll|kunna visa att $v är oskuld).",
    "$V lever under hedersförtryck och (får inte ha mobiltelefon|får bara gå till skolan och hem|får inte delta i idrotten).",
    "$A har sagt att $v drar skam över familjen eftersom $v (har en pojkvän|klär sig som $y kompisar|vill bo själv).",
    "(Familjen|Släkten) menar att $v (har vanärat familjen|har fläckat familjens rykte) och $v får inte längre träffa (sina|$y) vänner.",
    "$V har berättat för (skolkuratorn|$K) att $v (lever under|är utsatt för) hedersrelaterat förtryck hemma.",
};
constexpr const char* kHonourHist[] = {
    "Under uppväxten (kontrollerades|begränsades) $V av familjen i hederns namn och fick inte (träffa vänner|ha en pojkvän).",
    "$V växte upp under hedersförtryck och (fick inte gå ut|kontrollerades av $w bröder).",
    "$V berättar att familjen (bestämde allt om $q liv|kontrollerade $o) för att skydda sin heder.",
};

constexpr const char* kForcedNow[] = {
    "$w föräldrar har bestämt att $v ska gifta $r med en (kusin|man i hemlandet|äldre släkting) (i sommar|under sommarlovet|nästa år).",
    "$V är rädd för att bli bortgift (när familjen reser till hemlandet|under sommarlovet|med en man $v aldrig har träffat).",
    "Familjen pressar $o att gifta $r med en man (från $L|i hemlandet|som är släkt med dem) som $v aldrig har träffat.",
    "$V har (vigts|gifts bort) religiöst med en (betydligt äldre man|kusin) mot $s vilja.",
    "Det finns uppgifter om att $V ska (förlovas|giftas bort) mot $s vilja (i sommar|under en resa utomlands).",
    "$V har berättat för (skolkuratorn|$K) att $v ska giftas bort (under sommarlovet|när $v blir äldre|om några år).",
    "$A har hotat att skicka $o (till hemlandet|utomlands) för att giftas bort.",
};
constexpr const char* kForcedHist[] = {
    "$V blev bortgift (som mycket ung|i tonåren|som tonåring) (i hemlandet|med en kusin)[, ett äktenskap som (numera är upplöst|tog slut för länge sedan)].",
    "$V tvingades gifta $r $T (med en man $v inte kände|mot $s vilja).",
    "$V berättar att familjen tvingade $o in i ett äktenskap $T.",
};

constexpr const char* kFgmNow[] = {
    "Det finns (uppgifter|en oro) om att $V ska (resa till släkten i utlandet|åka till hemlandet) under sommarlovet för att (könsstympas|omskäras).",
    "$p (mormor|farmor|mamma) har sagt att $v ska (omskäras|könsstympas) (när de reser till hemlandet|i sommar).",
    "$w föräldrar planerar att låta (könsstympa|omskära) $o (under en resa|i sommar).",
    "$V har berättat för (skolsköterskan|$K) att $v är rädd för att bli (könsstympad|omskuren) (i sommar|under resan).",
    "$p äldre syster är könsstympad och (familjen|släkten) har sagt att det är $p tur (i sommar|nästa gång de reser).",
};
constexpr const char* kFgmHist[] = {
    "$V (blev|är) könsstympad (som barn|i hemlandet|innan familjen kom till Sverige).",
    "Vid (undersökningen|inskrivningen) framkom att $V (könsstympades|omskars) som barn.",
    "$V berättade att $v (könsstympades|omskars) $T.",
};

constexpr const char* kNeglVp[] = {
    "lämnat $o utan mat (i flera dagar|under helgen)",
    "låtit bli att ge $o $y mediciner",
    "medvetet låtit $o ligga kvar i sängen (hela dagen|i flera dagar)",
    "lämnat $o ensam hemma (i flera dagar|över natten)",
    "vägrat ta $o till (tandvården|läkare) trots flera kallelser",
};
constexpr const char* kNeglNp[] = {"vanvård", "grov omsorgssvikt", "allvarlig försummelse",
                                   "omsorgssvikt"};
constexpr const char* kNeglPast[] = {
    "$A lämnade $o ensam (hemma|i lägenheten) (i flera dagar|över helgen) $T utan mat.",
    "$O nekades mat som straff av $A $T.",
    "$A stängde av $q trygghetslarm $T så att $v inte kunde ringa efter hjälp.",
    "$T lät $A medvetet $O ligga kvar i en blöt säng hela natten.",
};
constexpr const char* kNeglNowChild[] = {
    "Det finns tecken på allvarlig omsorgssvikt: $V lämnas ensam hemma (i flera dagar|över nätterna) av $S.",
    "$w tänder är svårt angripna av karies och $A har uteblivit från (alla|flera) tandvårdsbesök.",
    "$V kommer (ofta|nästan varje dag) till (skolan|förskolan) hungrig och i smutsiga kläder, och $A (har inte agerat|bryr sig inte) trots (upprepade|flera) påpekanden.",
    "$A ger inte $o (mat|$y mediciner) (regelbundet|på hela helgerna) och $v har gått ner i vikt.",
};
constexpr const char* kNeglNowAdult[] = {
    "$A, som vårdar $o i hemmet, (låter bli att ge|undanhåller) $o mat och medicin.",
    "$A låter medvetet bli att hjälpa $O med (mat|hygien|toalettbesök), trots att $v är helt beroende av hjälp.",
    "$A lämnar $o ensam utan mat (i flera dagar|över helgerna) fast $a har lovat att ta hand om $o.",
};
constexpr const char* kNeglInst[] = {
    "$A stängde av $q larm $T (för att slippa springa|som straff).",
    "$O fick inte mat (som straff|på hela kvällen) av $A $T.",
    "$A lät medvetet $O sitta i (en nedsmutsad blöja|blöta kläder) i flera timmar $T.",
    "$A har vid upprepade tillfällen låtit bli att ge $O $y mediciner.",
};
constexpr const char* kNeglHist[] = {
    "$V (lämnades ofta ensam|fick ofta gå hungrig) $F, en allvarlig omsorgssvikt.",
    "$A (försummade|vanvårdade) $o $F.",
};

enum Form : uint8_t { kPhys, kPsych, kSexual, kEcon, kHonour, kForced, kFgm, kNeglect, kFormCount };

constexpr FormGrammar kForms[kFormCount] = {
    {span_of(kPhysVp), span_of(kPhysNp), span_of(kPhysPast), span_of(kPhysNow),
     span_of(kPhysInst), span_of(kPhysHist)},
    {span_of(kPsychVp), span_of(kPsychNp), span_of(kPsychPast), span_of(kPsychNow),
     span_of(kPsychInst), span_of(kPsychHist)},
    {span_of(kSexVp), span_of(kSexNp), span_of(kSexPast), span_of(kSexNow), span_of(kSexInst),
     span_of(kSexHist)},
    {span_of(kEconVp), span_of(kEconNp), span_of(kEconPast), span_of(kEconNow),
     span_of(kEconInst), span_of(kEconHist)},
    {kEmpty, kEmpty, kEmpty, span_of(kHonourNow), kEmpty, span_of(kHonourHist)},
    {kEmpty, kEmpty, kEmpty, span_of(kForcedNow), kEmpty, span_of(kForcedHist)},
    {kEmpty, kEmpty, kEmpty, span_of(kFgmNow), kEmpty, span_of(kFgmHist)},
    {span_of(kNeglVp), span_of(kNeglNp), span_of(kNeglPast), span_of(kNeglNowChild),
     span_of(kNeglInst), span_of(kNeglHist)},
};

// Frames that carry a list of forms: "$A $h VP, VP och VP $F." and "$V $h utsatts för
// NP och NP av $S $F." The list is written where the frame has $#.
constexpr const char* kVpFrames[] = {
    "$Q $A $h $# $F.",
    "$Q $A $h $# $F.",
    "$Q $A $h $# $l.",
    "Enligt uppgift $j $A $# $F.",
};
constexpr const char* kNpFrames[] = {
    "$Q $V $h (utsatts|blivit utsatt) för $# av $S $F.",
    "$Q $V $h blivit utsatt för $# av $S $F.",
    "(Det finns uppgifter om|Det handlar om|Misstanken gäller) $# mot $O från $A.",
    "$V (berättar|har berättat) om $# från $S $F.",
};
constexpr const char* kNpFramesNoActor[] = {
    "$Q $V $h (utsatts|blivit utsatt) för $# $F.",
    "(Det finns uppgifter om|Det handlar om|Misstanken gäller) $# mot $O $F.",
};
// Names the perpetrator when the acts did not (honour, forced marriage and fgm are
// told about the family as a whole).
constexpr const char* kActorNamed[] = {
    "Enligt uppgift är det $A som (ligger bakom|står bakom) (detta|det hela).",
    "(Uppgifterna|Misstankarna) gäller framför allt $A.",
    "Det är $A som (pekas ut|nämns) i (anmälan|uppgifterna).",
};

// Bare violence, when no form is named: only the relationship is told.
constexpr const char* kGenericViolence[] = {
    "$Q $V $h utsatts för (våld|våld i nära relation) av $S $F.",
    "Det finns (uppgifter|en misstanke) om att $V (utsätts|har utsatts) för våld av $S.",
    "Det finns uppgifter om våld mot $O från $A.",
    "$V (lever|har levt) med våld från $S (i många år|under lång tid).",
    "$A uppges ha utövat våld mot $O $F.",
};
constexpr const char* kGenericViolenceNoActor[] = {
    "$Q $V $h utsatts för våld $F.",
    "Det finns uppgifter om att $V (utsätts|har utsatts) för våld (hemma|i $L|utanför $u).",
    "$V berättar att $v (har blivit utsatt för|har utsatts för) våld $F[ i $L].",
};
constexpr const char* kGenericViolenceHist[] = {
    "$V utsattes för våld av $S $F.",
    "$V levde med våld från $S $F.",
    "$V har berättat om våld från $S $F.",
};
// Partner violence against a woman: the legal term.
constexpr const char* kKvinnofrid[] = {
    "$A (har dömts|är misstänkt) för grov kvinnofridskränkning mot $O.",
    "Polisen utreder grov kvinnofridskränkning där $A är misstänkt och $V målsägande.",
};
// Family violence by a relative towards a relative: the legal term.
constexpr const char* kFridskrank[] = {
    "$A (är misstänkt|har polisanmälts) för grov fridskränkning mot $O.",
};

// A second perpetrator. $# is a participle phrase of one of the forms, or of these.
constexpr const char* kGenericVp[] = {"utövat våld mot $o", "deltagit i våldet mot $o"};
constexpr const char* kSecondActor[] = {
    "Även $E $h $#.",
    "Enligt $O $j också $E $#.",
    "Dessutom $j $E $#.",
};

// ---------------------------------------------------------------------------
// Lethal-risk markers: strangulation, threats to kill, weapons, stalking, separation.

constexpr const char* kLethalPast[] = {
    "$A tog struptag på $o $l $T så att $v (nästan svimmade|inte kunde andas|fick svårt att andas).",
    "$T tog $A $o om halsen och tryckte till (så att $v inte fick luft|tills $v nästan svimmade).",
    "$A hotade $o med (en kniv|en yxa|en kökskniv) $T.",
    "$A höll en kniv mot $p hals $T och sa att $a skulle döda $o.",
    "$A slog $o i huvudet med (en flaska|en stol|ett järnrör) $T.",
    "$A (hotade $o till livet|sa att $a skulle slå ihjäl $o) $T.",
    "$A försökte strypa $o $l $T.",
    "$Q $A $h (hotat att döda $o|sagt att $a ska slå ihjäl $o) $F.",
    "$Q $A $h (tagit struptag på $o|försökt strypa $o) $F.",
    "$A tryckte en kudde över $p ansikte $T så att $v inte kunde andas.",
};
constexpr const char* kLethalNow[] = {
    "$A förföljer $o och dyker upp (utanför $p arbetsplats|vid $q hem|vid skolan) trots kontaktförbud.",
    "$A har satt en GPS-sändare på $p bil och vet alltid var $v är.",
    "$A skickar (hundratals sms|mängder av meddelanden) varje dag och (hotar att döda $o|dyker upp där $v är).",
    "Sedan $V lämnade $S har våldet (trappats upp|blivit grövre), och $a har (hotat att döda $o|förföljt $o).",
    "$A har sagt att om $a inte får ha $o så ska ingen få det.",
    "$V är rädd att $A ska döda $o (efter separationen|om $v går till polisen).",
    "$A har förföljt $o (sedan separationen|i flera månader) och (står utanför porten|följer efter $o) på kvällarna.",
    "$A (har tillgång till|förvarar) (vapen|en pistol|knivar) hemma och har hotat att använda (det|dem) mot $o.",
};
constexpr const char* kLethalInst[] = {
    "$A (låg över $p rygg|tryckte ner $O mot golvet) vid en fasthållning $T så att $v inte kunde andas.",
    "$A tog struptag på $O $H $T.",
    "$A hotade $O med (en kniv från köket|en sax|ett vasst föremål) $H $T.",
    "$A hotade att döda $O $H $T.",
    "$A tog $O (om halsen|i ett halsgrepp) $H $T så att $v fick svårt att andas.",
};
constexpr const char* kLethalHonour[] = {
    "Släktingar letar efter $o sedan $v lämnade hemmet och har sagt att hedern bara kan återställas med blod.",
    "$w bröder har hotat att döda $o för att $v har dragit skam över familjen.",
    "Familjen har (spårat|letat efter) $o via sociala medier och (dykt upp|stått) utanför $U.",
};
constexpr const char* kLethalHist[] = {
    "$A tog struptag på $o (flera gånger|vid minst ett tillfälle) $F.",
    "$A hotade $F att döda $o.",
    "$A hotade $o med kniv $T.",
    "$A förföljde $o i (flera månader|över ett år) $T innan $a (dömdes|flyttade från $L).",
};

// Children who saw or heard the violence. $B: the children.
constexpr const char* kWitnessNow[] = {
    "$B var hemma (när det hände|vid flera av tillfällena|och såg alltihop).",
    "$B (såg|hörde) (allt|vad som hände) från rummet bredvid.",
    "$B vaknade av bråket och kom ut i hallen och såg vad som hände.",
    "$B är (rädda|oroliga) och vill inte vara hemma när $A är där, efter det de har sett.",
    "(Förskolan|Skolan) har uppmärksammat att $B pratar om våldet hemma och verkar (rädda|oroliga).",
    "$B har bevittnat våldet (flera gånger|vid upprepade tillfällen).",
    "Det (yngsta|äldsta) av barnen har berättat för (förskolepersonalen|läraren) att $A (slår|skriker på och hotar) $O.",
    "$B var (i lägenheten|i samma rum) och (grät|skrek) när det hände.",
};
constexpr const char* kWitnessHist[] = {
    "$B var (små|hemma) när det hände och (minns det fortfarande|har fått stöd för att bearbeta det).",
    "$B (såg|hörde) våldet (under de åren|när de bodde tillsammans).",
    "$B bevittnade våldet $F.",
};
constexpr const char* kKidsFull[] = {
    "$w (två|tre) barn",
    "$w barn, (3|4|5) och (7|8|9|11) år,",
    "de (gemensamma|två) barnen",
    "$w (två|tre) små barn",
    "$w barn, som är (2|4|6) och (8|10|12) år,",
};
constexpr const char* kSiblingsFull[] = {
    "$w syskon", "$w (yngre|små) syskon", "$w två syskon",
};
constexpr const char* kGrandchildrenFull[] = {
    "$w barnbarn", "$w (två|tre) barnbarn", "$w barnbarn, som ofta är på besök,",
};

// Context that names who the victim is. Used to introduce the victim.
constexpr const char* kChildContextSmall[] = {
    "$V går på förskolan (i $L|på dagarna|sedan ett år tillbaka|sedan $s förra födelsedag) (och har svårt att knyta an|och är ofta trött|och har ett yngre syskon|).",
    "Det gäller ett litet barn som går på förskola i $L (och bor med $y föräldrar|sedan $d|och har ett syskon).",
    "$V är ett förskolebarn och (bor med $y föräldrar|har ett yngre syskon|går på förskolan i $L).",
};
constexpr const char* kChildContextSchool[] = {
    "$V går i (lågstadiet|mellanstadiet|skolan) (i $L|och har en elevassistent|och har svårt med läsningen).",
    "Det gäller ett barn i (lågstadieåldern|mellanstadieåldern) som bor i $L.",
    "$V är ett skolbarn (i $L|på $L skola) och (har svårt med koncentrationen|har få kompisar|trivs i skolan).",
};
constexpr const char* kChildContextTeen[] = {
    "$V går på högstadiet (i $L|på $L skola|och har hög frånvaro).",
    "Det gäller en tonåring i $L som (går på högstadiet|har slutat gå till skolan).",
    "$V är (tonåring|en ungdom) från $L och (har slutat gå till skolan|har hög frånvaro i skolan).",
};
constexpr const char* kChildContextOlderTeen[] = {
    "$V går på gymnasiet (i $L|på ett program i $L|men har hög frånvaro).",
    "Det gäller en tonåring i $L som (går på gymnasiet|har hoppat av gymnasiet).",
    "$V är (tonåring|en ungdom) från $L och (har hoppat av gymnasiet|har hög frånvaro i skolan).",
};
constexpr const char* kElderContext[] = {
    "$V är $Y år, har (demenssjukdom|hemtjänst flera gånger om dagen|svårt att uttrycka $r) och är beroende av andra.",
    "$V, som är $Y år, (har demens sedan (några år|ett år)|är beroende av hjälp i vardagen).",
    "$V är pensionär (sedan länge|i $L) och har omfattande omsorgsbehov på grund av $s höga ålder.",
    "$V är en äldre person med (omfattande omsorgsbehov|hemtjänst|demens).",
};
constexpr const char* kElderContextF[] = {
    "$V är en äldre kvinna med (omfattande omsorgsbehov|hemtjänst|demens).",
    "$V är en (skör|sängliggande) äldre kvinna på $Y år.",
};
constexpr const char* kElderContextM[] = {
    "$V är en äldre man med (omfattande omsorgsbehov|hemtjänst|demens).",
    "$V är en (skör|sängliggande) äldre man på $Y år.",
};

// What it did to the victim.
constexpr const char* kConsequenceNow[] = {
    "$V är (rädd|mycket rädd|livrädd) för $A[ och vågar inte gå hem].",
    "$V har flyttat till (en väninna|$s mamma|ett skyddat boende) (i $L|) för att komma bort från $A.",
    "$V fick uppsöka (akuten i $L|vårdcentralen i $L) (efteråt|dagen efter).",
    "$V mår mycket dåligt och (sover dåligt|har svårt att gå till skolan|har slutat äta ordentligt) sedan $d.",
    "$V vill inte vara ensam med $A och (gråter ofta|har svårt att sova).",
    "$V (har polisanmält|har inte vågat polisanmäla) det som hände $D.",
    "$V har slutat (gå ut|träffa vänner) sedan $d och (verkar nedstämd|är rädd hela tiden).",
};
constexpr const char* kConsequenceInst[] = {
    "$V vill inte längre vara kvar på $u och är rädd för $A.",
    "$V har blivit (tystlåten|orolig|rädd) sedan $d och vill inte (vara ensam|gå ut i gemensamma utrymmen).",
    "$V (grät|var mycket upprörd) när anhöriga kom på besök $D.",
};
constexpr const char* kConsequenceHist[] = {
    "$V (har fortfarande mardrömmar|mår fortfarande dåligt) av det $v varit med om (i $L|som ung|för länge sedan).",
    "$V har gått i samtalsterapi (i $L|hos $u) för att bearbeta det som hände.",
    "$V säger att det som hände (fortfarande påverkar $o|har format $q liv)[ sedan $d].",
};

// The violence is over.
constexpr const char* kClosurePartner[] = {
    "(Relationen|Förhållandet) tog slut (för flera år sedan|för länge sedan|när $v flyttade till $L).",
    "I dag har $V ingen kontakt med $A (och bor i $L|sedan länge|alls).",
    "Sedan skilsmässan har $V inte (utsatts för något våld|haft någon kontakt med $A)[ och bor nu i $L].",
    "$A (avled för några år sedan|är död sedan flera år|flyttade utomlands efter separationen).",
    "$A dömdes (till fängelse|för brotten) (i $L tingsrätt|för många år sedan) och de har ingen kontakt i dag.",
    "$V lämnade $S för (flera|många) år sedan och lever i dag ett tryggt liv i $L.",
};
constexpr const char* kClosureFamily[] = {
    "$V har inte haft kontakt med $A sedan $v flyttade hemifrån (till $L|som ung|för länge sedan).",
    "$A är död sedan flera år[ och $V bor i dag i $L].",
    "I dag har $V ingen kontakt med familjen och bor (i $L|långt därifrån|i en annan del av landet).",
    "Det var länge sedan och $V har inte träffat $A på (många|flera) år.",
};
constexpr const char* kClosureStaff[] = {
    "$A slutade på $u (samma år|för länge sedan).",
    "$A arbetar inte längre på $u, och $v har ingen kontakt med $b i dag.",
    "Det var (länge|många år) sedan, och $A (har slutat|är inte längre anställd).",
};
constexpr const char* kClosureCo[] = {
    "$A (flyttade|skrevs ut) från $u (för flera år sedan|kort därefter).",
    "$V har inte haft någon kontakt med $A på (många|flera) år.",
    "Det var (länge|många år) sedan, och de träffas inte längre.",
};
constexpr const char* kClosureOther[] = {
    "Det ligger (många år|långt) tillbaka i tiden och $V har ingen kontakt med $A i dag.",
    "$V beskriver det (som ett avslutat kapitel|som något som ligger bakom $o) (i $t liv|sedan flytten till $L|sedan länge) (och bor i dag i $L|och har fått stöd|).",
    "$V utsätts inte för något våld i dag, (det hela är sedan länge över|det var för länge sedan|sedan flytten till $L) (och $v bor nu i $L|och $v har en ny relation|och $v mår bättre|).",
};
constexpr const char* kHistIntro[] = {
    "$V berättade (vid inskrivningen|i samtal med $K|vid ett besök $D) om våld för (många|flera) år sedan.",
    "Det framkom (i samtal|vid ett besök $D) att $V tidigare har varit utsatt för våld.",
    "I samband med (ett besök|utredningen) $D berättade $V om det $v varit med om tidigare.",
};
constexpr const char* kHistIntroPartner[] = {
    "$V berättade (vid inskrivningen|i samtal med $K|vid ett besök $D) om våld i en tidigare relation.",
    "Det framkom (i samtal|vid ett besök $D) att $V har levt med våld i ett tidigare förhållande.",
};
constexpr const char* kHistIntroChild[] = {
    "$V berättade (vid inskrivningen|i samtal med $K|vid ett besök $D) om våld under uppväxten.",
    "Det framkom (i samtal|vid ett besök $D) att $V utsattes för våld som barn.",
};

// Follow-up that shows nothing was neglected (handling_deficiency = false).
constexpr const char* kFollowAny[] = {
    "Händelsen har dokumenterats i $J och (anhöriga|$V) (har informerats|informerades $D).",
    "$M (kontaktade|informerade) (polisen|anhöriga) samma dag[, $D].",
    "En polisanmälan gjordes $D[ och $V har fått information om stöd i $L].",
    "$V har erbjudits (stödsamtal|kontakt med kurator|stöd från socialtjänsten i $L)[ och tackat ja].",
    "Uppgifterna har förts vidare till (socialtjänsten i $L|ansvarig chef) och följs upp (löpande|varje vecka) av $M.",
};
constexpr const char* kFollowSocial[] = {
    "En riskbedömning enligt FREDA genomfördes $D och en säkerhetsplan har upprättats.",
    "$V har beviljats skyddat boende (i $L|utanför kommunen) (och flyttade dit $D|i avvaktan på utredning).",
    "(Socialtjänsten|Handläggaren) inledde en utredning $D och träffar $O (varje vecka|regelbundet).",
    "En strukturerad bedömning av risken för nytt våld har gjorts (med SARA|med FREDA) och följs upp $D.",
};
constexpr const char* kFollowChild[] = {
    "En orosanmälan gjordes samma dag till socialtjänsten i $L.",
    "$B har fått stödsamtal (på familjeenheten i $L|i en barngrupp) och deras situation har utretts.",
    "Socialtjänsten i $L inledde en barnavårdsutredning $D och $B har fått komma till tals.",
};
constexpr const char* kFollowHealth[] = {
    "Skadorna dokumenterades (noggrant|med foto) i journalen och $V fick information om (stödlinjer för våldsutsatta|stödet i $L).",
    "(Läkaren|$K) frågade om våld i enrum och erbjöd kontakt med kurator $D.",
    "$V fick hjälp att kontakta socialtjänsten i $L innan (utskrivningen|hemgång).",
};
constexpr const char* kFollowStaff[] = {
    "$A har (stängts av|omplacerats) i väntan på utredning (sedan $d|av $M).",
    "En lex Sarah-utredning inleddes $D och händelsen har polisanmälts.",
    "$A är avstängd från arbetet på $u och har inte längre kontakt med $O.",
};
constexpr const char* kFollowCo[] = {
    "$A har flyttats till (en annan avdelning|ett annat boende i $L) $D.",
    "Personalen har förstärkt tillsynen (kvällar och nätter|i gemensamma utrymmen) och $O och $A hålls isär sedan $d.",
    "En ny riskbedömning gjordes samma dag och $M förstärkte bemanningen.",
};
constexpr const char* kFollowHist[] = {
    "$V har erbjudits samtalsstöd (i $L|hos $u) för att bearbeta det $v varit med om.",
    "Uppgifterna om våldet har dokumenterats i $J och beaktas i (vårdplaneringen|utredningen).",
    "$V har fått kontakt med (en kurator|en terapeut) i $L med erfarenhet av våldsutsatthet.",
};

// Handling deficiencies (handling_deficiency = true) when there is violence.
constexpr const char* kDefAny[] = {
    "Händelsen (dokumenterades inte|finns inte dokumenterad) i $J (trots att $M kände till den|förrän $D|över huvud taget).",
    "Det saknas dokumentation om (våldet|det inträffade|uppgifterna om våld) i $J (från $d|för $O).",
    "Ingen på $u har följt upp (hur $V mår|det som hände|uppgifterna om våld) (efteråt|sedan $d).",
    "$M (avfärdade|bagatelliserade) uppgifterna om våld som (ett missförstånd|överdrivna|ett internt bråk)[ när $K tog upp dem].",
    "$k (trodde inte på $O|tog inte uppgifterna på allvar) när $v berättade om våldet (för $K|$D).",
    "Ingen (på $u|) frågade $O om våld, trots att (det fanns tydliga tecken|$K hade sett $X)[ $D].",
    "Uppgifterna om våldet fördes inte vidare (från $u|av $K) till (ansvarig chef|socialtjänsten i $L|rätt instans).",
    "Det dröjde (flera veckor|en månad|över två månader) innan någon på $u agerade på uppgifterna om våld (från $d|mot $O).",
    "Ingen (riskbedömning|bedömning av risken för nytt våld) gjordes (av $u|när $V sökte hjälp $D|trots uppgifterna från $K).",
    "$u saknade (rutiner|en rutin) för hur personalen skulle agera vid våld, och (ingen|inte ens $M) visste vad som skulle göras.",
    "Personalen på $u hade inte fått (någon|tillräcklig) utbildning i att upptäcka och hantera våld[, vilket märktes $D].",
};
constexpr const char* kDefSocial[] = {
    "Ingen (strukturerad riskbedömning|riskbedömning enligt FREDA|FREDA-farlighetsbedömning) har gjorts (av $u|i ärendet|sedan $d)[ trots att $A (fortfarande har kontakt med $O|vet var $v bor)].",
    "Handläggaren gjorde ingen riskbedömning (med FREDA|enligt SARA) innan $V (fick avslag|flyttade hem igen) $D.",
    "Ansökan om skyddat boende (avslogs|förlängdes inte) $D utan att någon riskbedömning gjorts.",
    "$V fick inget skyddat boende och hänvisades till (att bo hos vänner|ett vandrarhem|en släkting) i $L.",
    "Den skyddade adressen röjdes när (förvaltningen skickade ett beslut|handläggaren skickade en kallelse) till $A $D.",
    "Beslutet om stödsamtal för våldsutsatta har inte verkställts (på fyra månader|sedan $d) (av $u|i $L).",
    "Samtalet med $O $D hölls med $A närvarande[, och $A fick tolka].",
    "Ärendet avslutades $D utan att (våldet|uppgifterna om våld) utreddes.",
    "$V fick ingen hjälp av $u att (göra en säkerhetsplan|komma i kontakt med stödet för våldsutsatta i $L).",
};
constexpr const char* kDefChild[] = {
    "Ingen orosanmälan gjordes (av $u|trots $K:s oro) trots att det fanns barn i hemmet där våldet förekom.",
    "(Förskolan i $L|Skolan i $L|$k) gjorde ingen orosanmälan trots (upprepade|flera) tecken på våld (sedan $d|mot barnen).",
    "Situationen för $B (utreddes inte|togs inte upp i utredningen) trots uppgifterna om våld från $d.",
    "Orosanmälan om våldet kom in $D men ingen förhandsbedömning har gjorts (av $u|av socialtjänsten i $L).",
    "$B har inte fått komma till tals i utredningen om våldet (som inleddes $D|hos $u).",
};
constexpr const char* kDefHealth[] = {
    "Ingen på $u frågade om våld, och skadorna dokumenterades inte i journalen $D.",
    "$V skrevs ut $D utan att (frågan om våld ställdes|någon kontakt togs med socialtjänsten i $L) trots tecknen på våld.",
    "Frågan om våld ställdes $D när $A var med i rummet.",
    "Ingen lex Maria-anmälan gjordes (av $u|av $M) förrän (flera veckor senare|efter att anhöriga klagat|$D).",
    "Journalen från $d saknar uppgifter om (skadorna|våldet|vad $V berättade om våldet).",
    "$K hänvisade $O till (polisen|socialtjänsten i $L) utan att erbjuda stöd eller följa upp våldet.",
};
constexpr const char* kDefStaff[] = {
    "$A fick fortsätta arbeta (med $O|på samma avdelning|nattpass) efter händelsen $D.",
    "Ingen lex Sarah-rapport (upprättades|skrevs) förrän (anhöriga klagade|flera veckor senare|IVO fick kännedom om det) $D.",
    "$M valde att inte polisanmäla händelsen $D.",
    "Händelsen (hanterades som ett personalärende|löstes internt) av $M och (anhöriga|$V) informerades aldrig.",
};
constexpr const char* kDefCo[] = {
    "$A bor kvar på samma avdelning och inga åtgärder har vidtagits av $M för att skydda $O.",
    "Personalen höll inte isär $O och $A trots tidigare incidenter (i $J|sedan $d).",
    "Tidigare (incidenter|våldsamma händelser) med $A (rapporterades inte|rapporterades aldrig) till $M.",
    "Ingen riskbedömning gjordes när $A flyttade in $D, trots kända risker för våld.",
};
constexpr const char* kDefHonour[] = {
    "Ingen riskbedömning enligt PATRIARK gjordes (av $u|$D) trots uppgifterna om hedersrelaterat våld.",
    "Handläggaren (kontaktade föräldrarna|pratade med familjen) om uppgifterna $D, vilket ökade risken för $O.",
};
constexpr const char* kDefHist[] = {
    "$V har inte erbjudits något stöd (av $u|) för att bearbeta våldet $v varit med om.",
    "Uppgifterna om våldet (dokumenterades inte|finns inte med i $J) (från $d|hos $u).",
    "Ingen (på $u|) frågade om våld trots att det framgick av tidigare (journaler|utredningar) (från $L|om $O).",
    "$k tog inte hänsyn till våldshistoriken i (utredningen|vårdplaneringen) $D.",
    "(Handläggaren|$K) avfärdade uppgifterna om våldet $D eftersom det (var så länge sedan|hände för länge sedan).",
    "Ingen hänvisning till (traumabehandling|stödsamtal för våldsutsatta) (i $L|) gjordes (av $u|$D).",
};

// ---------------------------------------------------------------------------
// Negated: a violence mention that is ruled out (violence = false).

constexpr const char* kNegAny[] = {
    "Det fanns en misstanke om att $V (utsatts för våld|blivit slagen|misshandlats) (hemma|av $S), men den visade sig vara obefogad.",
    "Vid undersökningen $D fanns inga tecken på (yttre våld|misshandel|våld).",
    "$V svarade nej på frågan om $v (utsätts|har utsatts) för våld, och inget annat (i $J|i ärendet) tyder på våld.",
    "(Riskbedömningen enligt FREDA|Den strukturerade riskbedömningen) som gjordes $D visade ingen förhöjd risk för våld.",
    "Våldsrisken bedömdes som låg efter en strukturerad bedömning (med FREDA|med SARA) $D.",
    "Ingen misstanke om (misshandel|våld) kvarstod efter (utredningen|granskningen) (av $u|som avslutades $D).",
    "Uppgiften om att $V (skulle ha blivit slagen|utsatts för våld) (på $u|hemma) visade sig vara felaktig.",
    "Det finns ingenting (i $J|i ärendet) som tyder på att $V (utsätts för våld|har blivit slagen).",
    "Misstanken om våld mot $O kunde (uteslutas|avskrivas) efter (samtal med alla inblandade|utredningen) $D.",
    "$V förnekar att $v utsätts för våld, och inget annat (i $J|hos $u) tyder på det.",
};
constexpr const char* kNegHealth[] = {
    "Blåmärkena visade sig (komma från|bero på) (ett fall som $k bevittnade|blodförtunnande läkemedel|en blodsjukdom), inte från våld, enligt (läkaren|$K).",
    "Ingen misstanke om misshandel kvarstod efter att (röntgen|läkaren) $D visat att frakturen berodde på benskörhet.",
    "Läkaren bedömde att skadorna (stämde med|kom från) (fallet från cykeln|olyckan i trappan), vilket (ett vittne bekräftade|anhöriga bekräftade), och misstanken om våld avskrevs.",
    "Frågan om våld ställdes rutinmässigt (i enrum|utan anhöriga närvarande) $D och $V svarade nej.",
};
constexpr const char* kNegSocial[] = {
    "Orosanmälan om misstänkt våld mot $O utreddes $D, och det framkom att (skadan uppstod vid en fotbollsmatch|$v hade ramlat från cykeln), vilket (tränaren|en lärare) bekräftade, så misstanken avskrevs.",
    "Utredningen (hos $u|som avslutades $D) visade att uppgifterna om (våld i hemmet|att $V skulle ha blivit slagen) (var felaktiga|byggde på ett missförstånd).",
    "Efter samtal med $O och (skolan i $L|förskolan i $L) bedömdes att det inte förekommer våld i familjen.",
    "$V har inte utsatts för våld enligt utredningen från $d, och det finns inga uppgifter om hot.",
};
constexpr const char* kNegInst[] = {
    "Granskningen av schemat visade att den utpekade medarbetaren inte var i tjänst (vid tillfället|$D), och misstanken om (våld|övergrepp) mot $O avskrevs.",
    "Övervakningsfilmen i entrén visade att $V föll själv $D, och misstanken om (våld|misshandel) avskrevs.",
    "Utredningen visade att blåmärket uppstod vid en förflyttning där (två|flera) i personalen var med, och ingen misstanke om (misshandel|våld) kvarstår enligt $M.",
    "$V har inte utsatts för våld av (personalen|någon medboende) enligt utredningen från $d, som omfattade samtal med alla inblandade.",
};
// Ruled out, but the way the question was asked is itself a deficiency.
constexpr const char* kNegDeficient[] = {
    "Frågan om våld ställdes $D medan $A (var närvarande|satt med i rummet), och $v svarade nej.",
    "$V svarade nej på frågan om våld, men frågan ställdes (med $A som tolk|när $A var med) $D.",
    "Ingen strukturerad riskbedömning gjordes; handläggaren på $u bedömde ändå risken för våld mot $O som låg efter ett kort telefonsamtal $D.",
    "Misstanken om våld avskrevs av $M utan att $V fick frågan i enrum.",
};
// Violence present but denied or retracted (violence = true, negated).
constexpr const char* kDenial[] = {
    "$A förnekar (allt|att ha slagit $o|att något har hänt).",
    "$V har senare tagit tillbaka $y uppgifter, men $k har sett $X vid flera tillfällen.",
    "$V förnekar att $v blivit slagen, men (skadorna|blåmärkena) stämmer inte med $p förklaring.",
    "$A nekar till uppgifterna och säger att $V (hittar på|överdriver).",
};

// ---------------------------------------------------------------------------
// Hypothetical: violence only in routines, plans and population statements.

constexpr const char* kHypDeficient[] = {
    "$U saknar (rutin|rutiner) för att fråga $c om våld.",
    "Det finns ingen rutin på $u för (orosanmälan när barn upplevt våld|hur personalen ska agera vid misstanke om våld).",
    "Personalen på $u har inte fått (någon|tillräcklig) utbildning i våld i nära relationer (sedan $d|på flera år|alls).",
    "FREDA-kortfrågor (används inte|har aldrig införts) (på $u|vid nybesök på $u), enligt $M.",
    "Det saknas en handlingsplan mot (hedersrelaterat våld och förtryck|mäns våld mot kvinnor) (i $L|på $u).",
    "Rutinen för att fråga om våld är inte känd bland (personalen|medarbetarna) på $u och följs inte.",
    "$U har inte säkerställt att $c får frågan om våld.",
    "Det finns inga skyddade boendeplatser för (män|personer med funktionsnedsättning|kvinnor med missbruk) i $L.",
    "Egenkontrollen omfattar inte hur $u arbetar med våld i nära relationer (sedan $d|över huvud taget).",
    "Nämnden i $L har inte följt upp att rutinen för våld i nära relationer används enligt SOSFS 2014:4.",
    "Handläggarna i $L saknar kunskap om (hedersrelaterat våld|våld mot personer med funktionsnedsättning|våld mot äldre).",
    "$M kan inte redovisa hur många av $c som fått frågan om våld (under året|sedan $d).",
    "Riskbedömningar (görs inte|görs sällan) på ett strukturerat sätt (enligt|med) FREDA på $u.",
};
constexpr const char* kHypOk[] = {
    "$U har en rutin för att fråga alla $c om våld (sedan $d|vid inskrivning).",
    "Om $I skulle utsättas för våld ska personalen kontakta $M direkt.",
    "Vid misstanke om våld ska $k på $u (göra en riskbedömning|kontakta socialtjänsten i $L|göra en orosanmälan).",
    "Personalen på $u ska utbildas i våld i nära relationer (under hösten|under våren|nästa år|före $d).",
    "Många av $c har (egna erfarenheter av våld|erfarenhet av våld i nära relationer), enligt $M.",
    "En ny handlingsplan mot hedersrelaterat våld och förtryck (antogs i $L i våras|ska antas i $L under året).",
    "FREDA-kortfrågor används vid (alla nybesök|inskrivning) på $u sedan $d.",
    "$U planerar att införa rutinmässiga frågor om våld (under året|till hösten|från $d).",
    "$M uppger att rutinen för våld i nära relationer (revideras|ses över) (i år|under hösten|$D).",
    "Enligt rutinen på $u ska en riskbedömning göras om någon berättar om våld, (uppger|säger) $M.",
    "(Kvinnor med funktionsnedsättning|Äldre kvinnor|Unga i samhällsvård) är en grupp som (ofta|oftare än andra) utsätts för våld, enligt $M på $u.",
};

// ---------------------------------------------------------------------------
// Hard negatives: violence-like words in another sense, or situations that resemble
// violence but are not (falls, accidents, self-harm, illness, lawful care, one rude
// remark). Each names its sense with a word the unit test looks for.

constexpr const char* kHardAny[] = {
    "$V föll (i badrummet|på väg till toaletten|ur sängen|i korridoren|på isen utanför entrén) $T och slog i (huvudet|höften|armen).",
    "$V ramlade $H och fick (ett sår i pannan|blåmärken på armen|en fraktur på handleden); fallet (sågs|bevittnades) av $K.",
    "$k slog larm (direkt|till $M) när $V (fick andningsbesvär|inte svarade|blev sämre).",
    "Det var (grannen|en anhörig|$K) som slog larm om (bristerna|att $V blivit sämre).",
    "(Det har länge funnits|Nu finns det) hot om nedläggning av $u, vilket skapar oro bland $c.",
    "En våldsam storm $T orsakade strömavbrott och (larmet|hissen|telefonerna) fungerade inte på flera timmar.",
    "Den nya chefen tog tag i problemet med (bemanningen|läkemedelshanteringen|schemat) först efter (flera klagomål|ett halvår).",
    "En (anställd|vikarie) på $u fick sparken $D efter (upprepade sena ankomster|att ha fuskat med tidrapporter).",
    "$k slår på tv:n (direkt efter frukost|i dagrummet) och lämnar $c ensamma i stället för att prata med dem.",
    "$k hotar med strejk på grund av (arbetsmiljön|lönerna|de nya schemana).",
    "Förändringen på $u slog igenom först (efter ett halvår|till hösten|$D), och under tiden (blev det rörigt|var det kaos).",
    "Anslagen till $u (stryps|har strypts) och (aktiviteterna|utflykterna) har ställts in sedan $d.",
    "$V drabbades av ett slag, en stroke, $T och (blev förlamad i ena sidan|fick svårt att tala).",
    "$V kände $r kränkt när $K (gjorde en nedlåtande kommentar|himlade med ögonen|var otrevlig) vid ett tillfälle.",
    "$V skadade $r själv (på rummet|i badrummet) $T och behövde (sys|vård på akuten).",
    "$V har ett självskadebeteende och skar $r $T[, vilket personalen upptäckte].",
    "$V gjorde ett suicidförsök $T och (fördes till akuten|vårdas nu inom psykiatrin).",
    "$V (skakade|frös och skakade) av (feber|frossa) när $k (kom|hittade $o).",
    "Vid måltiden inträffade ett kvävningstillbud när $V fick (bröd|köttbullar) trots att $v ska ha konsistensanpassad kost.",
    "$V sparkade av $r täcket på natten och frös eftersom ingen tittade till $o.",
    "Det blev en smäll i trapphuset när (en dörr slog igen|en lampa föll ner), och $V blev rädd.",
    "$V halkade i duschen $T och slog i (ansiktet|knät) mot kaklet.",
    "$V har fått blåmärken av blodförtunnande medicin, vilket läkaren har bekräftat.",
    "$V tappade balansen (vid förflyttningen|i trappan) och föll[ så att $v bröt handleden].",
};
constexpr const char* kHardSocial[] = {
    "Hyresvärden i $L skickade $D ett hot om avhysning till $O på grund av (hyresskulder|störningar).",
    "$V har fått ett hot om vräkning och handläggaren (svarar inte|har inte återkommit).",
    "Budgeten för (försörjningsstöd|öppenvården) i $L har strypts, och väntetiderna har ökat sedan $d.",
};
constexpr const char* kHardHealth[] = {
    "$V kände att bebisen sparkade mindre och sökte förlossningen[, men fick vänta flera timmar].",
    "$V vårdades enligt LPT och hölls kortvarigt fast enligt läkarens beslut, vilket dokumenterades (korrekt|i journalen).",
    "$V bältades under en kortare stund efter beslut av överläkaren, och åtgärden dokumenterades och följdes upp.",
    "Vid vaccinationen höll (en undersköterska|en sjuksköterska) i $O enligt rutin[, på $p egen begäran].",
    "$V (fick ett epileptiskt anfall|föll ihop i väntrummet) och slog i huvudet.",
};
constexpr const char* kHardInst[] = {
    "$V hölls i avskiljning (i två timmar|under kort tid) efter beslut av chefen, vilket dokumenterades och följdes upp.",
    "$V slog i dörrkarmen med rullstolen och fick ett sår på handen.",
    "Personalen slog larm till räddningstjänsten när brandlarmet gick $T.",
};

// ---------------------------------------------------------------------------
// Ordinary negatives: complaints and reports with no violence at all.

constexpr const char* kOrdAny[] = {
    "$V har väntat (i över ett år|sedan i våras|i flera månader|sedan $d) på (ett beslut|en plats|en tid) utan att få besked från $u.",
    "$k har inte tid (att prata med $O|att gå ut med $O|med $c) på grund av (personalbrist|stress|sjukskrivningar)[ sedan $d].",
    "(Maten|Lunchen) på $u (är ofta kall|serveras för sent|räcker inte till), och $V (har tappat aptiten|tycker inte om den).",
    "Det är (ständigt nya vikarier|mycket personalomsättning) på $u och ingen känner $O.",
    "$M svarar inte på (mejl|telefon) och (anhöriga|de närstående) får ingen information (sedan $d|om vad som händer).",
    "$V fick fel (medicin|dos) $T och (blev dålig|fick åka till akuten).",
    "Besöket $D (ställdes in|blev av först efter flera veckor) utan förklaring från $u.",
    "$J är (ofullständig|inte uppdaterad) och $k vet inte vad som gäller för $O.",
    "$V har fått (ett trycksår|trycksår på hälarna) som upptäcktes (sent|först efter flera veckor|$D).",
    "Det har varit (trångt|stökigt|rörigt) på $u (sedan ombyggnaden|under sommaren|sedan $d).",
    "Ingen har (tagit kontakt|hört av sig) sedan (mötet|vårdplaneringen) $D.",
    "$V får inte den hjälp $v har rätt till från $u, (bl.a.|t.ex.|bland annat) med (dusch|promenader|inköp).",
    "Informationen från $u om (besöken|insatserna) är (otydlig|bristfällig) och kommer ofta för sent[, senast $d].",
    "Lokalerna på $u är (slitna|otillgängliga för rullstol) och det har inte åtgärdats trots (flera påpekanden|löften från $M).",
};
constexpr const char* kOrdHealth[] = {
    "$V väntade i (sju|nio|elva|tolv) timmar på $u $D innan $v fick träffa en läkare.",
    "Remissen från $u (försvann|skickades aldrig) och $V fick vänta (i månader|ett halvår) på undersökningen.",
    "Läkaren (lyssnade inte|tog inte $w besvär på allvar) $D och $V fick vänta på rätt behandling.",
    "Provsvaren från $d (kom bort|blev försenade) och ingen på $u hörde av sig.",
    "$V skickades hem för tidigt från $u och fick åka in igen (samma kväll|dagen efter).",
    "$V fick inte (komma in på förlossningen|någon tid) $D trots (värkar|oro) och fick åka mellan olika kliniker.",
};
constexpr const char* kOrdSocial[] = {
    "Handläggaren har bytts ut (tre gånger|flera gånger) och ärendet hos $u har (legat still|dragit ut på tiden) sedan $d.",
    "Beslutet om (bistånd|försörjningsstöd) från $d (kom för sent|saknar motivering).",
    "Utredningen på $u har tagit över (fyra|sex) månader utan att någon förklarat varför.",
    "$V fick avslag på (ansökan om boendestöd|ansökan om kontaktperson) $D utan att någon pratat med $o.",
};
constexpr const char* kOrdHome[] = {
    "Hemtjänsten i $L kommer (ofta för sent|vid olika tider) och ibland inte alls.",
    "$V har haft (över tjugo|nästan trettio) olika personal på två veckor (sedan $d|i $L).",
    "Personalen hinner inte hjälpa $O med (dusch|frukost|promenader) som det står i beslutet från $d.",
};

// ---------------------------------------------------------------------------
// Time, aspect and framing, by mode. $h perfect auxiliary, $j finite auxiliary for
// inverted clauses, $F duration/frequency, $T point in time, $Q reporting frame.

constexpr const char* kAuxPlain[] = {"har", "har", "har", "har", "ska ha"};
constexpr const char* kAuxFormal[] = {"har", "har", "har", "ska ha"};
constexpr const char* kAuxTip[] = {"ska ha", "ska ha", "har"};
constexpr const char* kAuxHist[] = {"hade", "hade", "har"};
constexpr const char* kFinPlain[] = {"har"};
constexpr const char* kFinHist[] = {"hade"};

constexpr const char* kFreqPlain[] = {
    "(vid flera tillfällen|flera gånger|upprepade gånger|vid upprepade tillfällen)",
    "under (lång tid|det senaste året|flera månader|hösten|våren|sommaren|det senaste halvåret)",
    "(den senaste tiden|vid minst (två|tre) tillfällen|sedan (i våras|i höstas|förra sommaren))",
    "(i (flera|många) år|sedan (mars|augusti|januari|i vintras))",
    "",
};
constexpr const char* kFreqHistPartner[] = {
    "under (flera|många) år",
    "under hela (äktenskapet|förhållandet|relationen)",
    "när de (levde|bodde) tillsammans",
    "under de år de var gifta",
    "fram till (separationen|skilsmässan)",
    "under åren i $L",
};
constexpr const char* kFreqHist[] = {
    "under (flera|många) år",
    "under en period för (flera|många) år sedan",
    "när $v bodde i $L",
    "under åren i $L",
    "under (en lång period|flera år) (på 1990-talet|på 2000-talet|för länge sedan)",
};
constexpr const char* kFreqChild[] = {
    "under hela uppväxten",
    "under uppväxten",
    "när $v var (liten|barn)",
    "under flera år som barn",
    "när $v var i (tioårsåldern|lågstadieåldern)",
};
constexpr const char* kFreqInstHist[] = {
    "under tiden på $u",
    "under den tid $v var på $u",
    "under (flera månader|ett år) för länge sedan",
    "under en period för (flera|många) år sedan",
};
constexpr const char* kTimePlain[] = {
    "(i går|i förrgår|förra veckan|i helgen|förra helgen)",
    "natten till (lördag|söndag|måndag|fredag)",
    "i (måndags|tisdags|onsdags|torsdags|fredags)",
    "$D",
    "(på kvällen|natten till|på eftermiddagen) den (2|5|8|11|14|18|21|23|27) (januari|mars|april|maj|juni|september|oktober|november|december)",
    "(i samband med ett bråk|efter en fest|när $v kom hem (från jobbet|sent))",
    "för (två|tre|ett par) veckor sedan",
    "(förra månaden|i somras|i julas|i påskas)",
};
constexpr const char* kTimeHistPartner[] = {
    "för (flera|många|ett antal|femton|tio) år sedan",
    "under det tidigare äktenskapet",
    "när de bodde ihop i $L",
    "på (1980|1990|2000)-talet",
    "innan skilsmässan för (många|flera) år sedan",
    "under tiden i $L för länge sedan",
};
constexpr const char* kTimeHist[] = {
    "för (flera|många|ett antal|femton|tio) år sedan",
    "på (1980|1990|2000)-talet",
    "när $v bodde i $L för (länge|många år) sedan",
    "under tiden i $L för länge sedan",
    "för länge sedan",
};
constexpr const char* kTimeChild[] = {
    "som barn",
    "när $v var liten",
    "under uppväxten",
    "i tonåren",
    "när $v gick i (lågstadiet|mellanstadiet)",
};
constexpr const char* kTimeInstHist[] = {
    "under tiden på $u för flera år sedan",
    "när $v var på $u för (flera|många) år sedan",
    "för (flera|många) år sedan",
};

constexpr const char* kFrameTip[] = {
    "", "Jag har hört att", "Det sägs att", "Jag har fått veta att", "Grannarna säger att",
    "Jag misstänker att", "Flera har sett att", "Det pratas om att",
};
constexpr const char* kFrameRelative[] = {
    "", "", "$V har berättat för mig att", "Jag vet att", "Jag har fått veta att",
};
constexpr const char* kFrameSelf[] = {"", "", "", "Jag vill berätta att", "Det är så att"};
constexpr const char* kFrameFormal[] = {
    "", "", "Det har framkommit att", "Det uppges att", "$V uppger att", "$V har berättat att",
};
constexpr const char* kFrameDialogue[] = {"$V berättade att", "Det framkom att", "$V beskrev att"};

// Where the actor did it ($l).
constexpr const char* kPlaceHome[] = {
    "(hemma|i lägenheten|i hallen|i köket|i sovrummet|i bilen|i trapphuset|utanför porten)", "",
};
constexpr const char* kPlaceOut[] = {
    "(utomhus|på en fest|i trapphuset|i parken|på väg hem|på stan)", "",
};

// ---------------------------------------------------------------------------
// Registers: openings and closings by case kind.

// Complaint, written by the person concerned.
constexpr const char* kOpenSelf[] = {
    "Jag vill (klaga på|framföra klagomål på|anmäla) hur jag (har blivit|blev) (bemött|behandlad) av $U.",
    "Jag skriver till (IVO|er) eftersom jag (inte vet vart jag ska vända mig med det som hänt på $U|inte har fått någon hjälp av $U) (sedan $d|).",
    "Jag har (haft kontakt med|fått hjälp av|varit inskriven hos) $U (sedan i våras|i flera år|sedan förra året|sedan $d) och vill berätta vad som har hänt.",
    "Det här är ett klagomål på $U[ och hur de har hanterat mitt ärende].",
    "Jag vill att ni tittar på hur $U har (hanterat|skött) mitt ärende[ sedan $d].",
    "Hej, jag (heter $N och|) vill klaga på $U.",
};
// Complaint, written by a relative.
constexpr const char* kOpenRelative[] = {
    "Jag skriver (till er|till IVO) (för att|eftersom) jag är (orolig|förtvivlad|arg) över hur $U (har hanterat|sköter) situationen för $O.",
    "Jag vill klaga på hur $U har (behandlat|bemött) $O.",
    "$V $P $U och jag är (mycket|väldigt|så) orolig för $o.",
    "Jag är (anhörig|närmast anhörig) till $O och vill (framföra klagomål|lämna synpunkter) på $U.",
    "Hej, jag (skriver|hör av mig) angående $O och $U.",
    "Som (anhörig|förälder|närstående) till $O vill jag berätta (vad som har hänt|om hur $U har agerat).",
};
constexpr const char* kEmotion[] = {
    "Jag är (så|väldigt|otroligt) (arg|ledsen|besviken) över att ingen (på $u|) (gör något|lyssnar|tar ansvar).",
    "Hur kan (det|sådant) få (gå till så här|hända) på $u (i $L|i dag)?",
    "Det känns som att (ingen på $u bryr sig|ingen på $u tar det på allvar|vi har blivit lämnade ensamma med det här) (sedan $d|efter allt som hänt $D).",
    "(Vi|Jag) har (försökt|ringt|mejlat) (flera gånger|i veckor|sedan $d) utan att få något svar från $u.",
    "Jag (orkar inte längre|vet inte vad jag ska göra) och (hoppas|tror) att ni kan hjälpa (oss|mig) med $u.",
};
constexpr const char* kCloseComplaint[] = {
    "Jag vill att (IVO|ni|Inspektionen) (granskar|utreder|tittar på) (hur $u har agerat|$u|vad som hände $D)[ så att det inte händer (igen|någon annan)].",
    "Jag (hoppas|förväntar mig) att ni (tar detta på allvar|agerar) (snarast|innan något värre händer) och (granskar|kontaktar) $u.",
    "Tacksam för (svar|återkoppling) (snarast|så snart som möjligt), (mvh|hälsningar) $Z.",
    "(Med vänliga hälsningar|Mvh|Hälsningar) $Z[, (anhörig|dotter|son|syster)].",
    "Jag vill ha (ett svar|besked) om vad ni tänker göra åt $u (senast $d|snarast|innan sommaren).",
};

// Tip (upplysning), often anonymous and uncertain.
constexpr const char* kOpenTip[] = {
    "Jag vill vara anonym men (jag måste berätta om|jag kan inte hålla tyst längre om|jag är orolig för) $O.",
    "Jag vill vara anonym, men (jag|vi) (jobbar|har jobbat) på $U och (är oroliga|vill tipsa om något) (sedan $d|efter det som hänt).",
    "Tips (ang.|angående) $U (från en tidigare anställd|från en anhörig|från en granne|).",
    "Jag (bor granne med|känner|är bekant med) $O och (är orolig|vill att någon tittar på det här).",
    "Anonymt tips om $U, (skrivet|skickat) $D.",
    "Hej, vill vara anonym (pga|eftersom) (jag jobbar kvar|vi bor nära varandra) men (jag är orolig för $O|något är fel på $U).",
};
constexpr const char* kCloseTip[] = {
    "Jag vet inte (säkert|om allt stämmer) men någon (borde|måste) titta på $u.",
    "Snälla gör något (för $O|åt $u|åt situationen på $u) (innan det är för sent|innan något händer igen|nu)!",
    "Jag vågar inte (säga mitt namn|skriva vem jag är) (pga|eftersom) (jag jobbar kvar på $u|vi bor i samma hus i $L).",
    "Kan någon (kolla upp|undersöka) (hur $O har det|vad som händer på $u)?",
    "Jag har inte (sett det själv|några bevis), men (flera|många) (i $L|på $u) pratar om det.",
};

// Lex Sarah report from staff or a unit manager.
constexpr const char* kOpenSarahEvent[] = {
    "(Händelsen|Missförhållandet) inträffade $D (på|inom) $U[ under (kvällen|natten|förmiddagen|eftermiddagen)].",
    "Lex Sarah-anmälan från $U, händelsedatum $d.",
    "Som (enhetschef|verksamhetschef) på $U anmäler jag (ett allvarligt missförhållande|en händelse) som inträffade $D.",
};
constexpr const char* kOpenSarah[] = {
    "Rapport enligt lex Sarah (från|avseende) $U, (upprättad|inkommen) $D.",
    "Anmälan avser (ett allvarligt missförhållande|en påtaglig risk för ett allvarligt missförhållande) (på|inom) $U.",
    "Lex Sarah-rapport från $U, (upprättad|skriven) av $M.",
};
constexpr const char* kSarahHeader[] = {"Beskrivning:", "Vad hände:", "Händelseförlopp:", "", ""};
constexpr const char* kSarahMeasures[] = {"Åtgärder:", "Vidtagna åtgärder:", "Åtgärder som vidtagits:",
                                         "Omedelbara åtgärder:"};
constexpr const char* kCloseSarah[] = {
    "Bedömning: (missförhållandet bedöms som allvarligt|händelsen utgör ett allvarligt missförhållande) (enligt $M|efter utredning $D).",
    "Utredningen (pågår|avslutades $D) och (IVO|tillsynsmyndigheten) informeras om resultatet av $M.",
    "Rapporten har (upprättats|skrivits) av $M $D.",
    "Händelsen har (gåtts igenom|diskuterats) på (arbetsplatsträffen|personalmötet) $D.",
    "(Anhöriga|Gode mannen|Företrädaren) informerades om händelsen och om anmälan $D.",
};
// Lex Maria report from a health care provider.
constexpr const char* kOpenMaria[] = {
    "Anmälan enligt lex Maria (avser|gäller) $O, som (sökte|vårdades på) $U $D.",
    "Händelsen inträffade på $U $D[ under (kvällen|natten|dagen)].",
    "(Vårdgivaren|Verksamheten) anmäler (en vårdskada|risk för allvarlig vårdskada) i samband med ett besök på $U $D.",
    "Lex Maria, $U, händelsedatum $d.",
    "Anmälan gäller omhändertagandet av $O på $U $D.",
};
constexpr const char* kCloseMaria[] = {
    "En händelseanalys (har genomförts|pågår) på $u[ och resultatet skickas till IVO (senast|före) $D].",
    "(Vårdskada|Risk för vårdskada) bedöms (ha förelegat|föreligga) enligt $M $D.",
    "Händelsen har (gåtts igenom|analyserats) med (berörd personal|personalgruppen) $D.",
    "Patienten (och anhöriga informerades|informerades) om anmälan $D.",
    "Åtgärder: (rutinen har setts över|personalen har fått information om rutinen|ärendet följs upp på avdelningsmötet) $D.",
};

// Report of a granted decision not executed within three months.
constexpr const char* kInsatsChild[] = {
    "kontaktfamilj", "kontaktperson", "plats på HVB", "korttidsvistelse", "avlösarservice",
    "familjebehandling", "kontaktperson enligt LSS",
};
constexpr const char* kInsatsAdult[] = {
    "kontaktperson", "boende i gruppbostad", "daglig verksamhet", "ledsagarservice",
    "bostad med särskild service", "stödboende", "boendestöd", "plats på behandlingshem",
};
constexpr const char* kInsatsElder[] = {
    "plats på särskilt boende", "korttidsvistelse", "dagverksamhet", "plats på demensboende",
    "växelvård", "ledsagarservice",
};
constexpr const char* kInsatsViolence[] = {
    "skyddat boende", "stödsamtal för våldsutsatta", "samtalsstöd för barn som upplevt våld",
    "plats på skyddat boende", "stödboende för våldsutsatta kvinnor",
    "behandling för våldsutsatta", "skyddat boende för (kvinnor|män) med medföljande barn",
};
constexpr const char* kOpenNonExec[] = {
    "Beslut om $R (enligt SoL|enligt LSS|) fattades $D men har inte verkställts inom tre månader.",
    "(Ej verkställt beslut|Rapport om ej verkställt beslut) från $U: $R, beviljat $D.",
    "Gynnande beslut om $R från $U har inte verkställts (inom tre månader|trots att mer än tre månader har gått).",
    "Rapportering av ej verkställt beslut från $U, insats: $R, beslutsdatum: $d.",
    "Beslutet om $R för $O fattades $D och har ännu inte verkställts.",
};
constexpr const char* kNonExecReason[] = {
    "Skäl: (brist på lediga platser|resursbrist|personalbrist|ingen lämplig uppdragstagare har hittats) (inom $u|i $L|för $R).",
    "Orsaken är (brist på lediga platser|att ingen lämplig uppdragstagare har hittats|hög arbetsbelastning) (inom $u|i $L|för $R).",
    "Skäl till dröjsmålet: (den enskilde har tackat nej till erbjuden plats|den enskilde har inte svarat på kontaktförsök|lämplig plats saknas) (sedan $d|i $L|för $R).",
    "(Anledning|Orsak): (platsbrist|rekryteringssvårigheter|den enskilde önskar vänta på en viss plats) (inom $u|i $L|sedan $d).",
};
constexpr const char* kCloseNonExec[] = {
    "Beräknat verkställighetsdatum: (preliminärt |)den (1|2|3|4|5|6|7|8|9|10|11|12|13|14|15|16|17|18|19|20|21|22|23|24|25|26|27|28) (januari|februari|mars|april|maj|juni|augusti|september|oktober|november|december).",
    "(Nämnden|Förvaltningen) arbetar för att verkställa beslutet om $R (så snart som möjligt|under nästa kvartal|före $d).",
    "Rapporteras för (kvartal 1|kvartal 2|kvartal 3|kvartal 4) av $M i $L.",
    "Den enskilde (informerades om förseningen|erbjöds annat stöd i väntan på verkställighet) $D.",
};

// Survey answers: short.
constexpr const char* kSurveyPrefix[] = {
    "Svar:",
    "Kommentar:",
    "Fritext:",
    "Övrigt:",
    "Fråga (3|5|8|11|14):",
    "",
    "",
};
constexpr const char* kSurveyHypDeficient[] = {
    "(Nej|Nej tyvärr), (vi har ingen rutin|det finns ingen rutin) på $u för att fråga om våld.",
    "Rutinen för våld i nära relationer (finns men är inte känd|används sällan|följs inte) på $u.",
    "(Delvis|Nej), FREDA-kortfrågor används (sällan|bara av en del handläggare|inte alls) på $u.",
    "Vi har ingen handlingsplan mot hedersrelaterat våld (ännu|och ingen utbildning) på $u.",
    "Vet ej hur många av $c som fått frågan om våld, det (registreras inte|följs inte upp).",
    "(Nej|Inte i dag), personalen på $u har inte (fått|gått) någon utbildning om våld i nära relationer.",
};
constexpr const char* kSurveyHypOk[] = {
    "Ja, (alla|de flesta) (i personalen|medarbetare) på $u har gått utbildningen om våld i nära relationer.",
    "Vi frågar om våld (vid inskrivning|vid alla nybesök|enligt rutinen) på $u.",
    "Ja, rutinen för våld i nära relationer (uppdaterades|reviderades) $D.",
    "(Ja|Ja, sedan i höstas), FREDA-kortfrågor används vid (alla nybesök|inskrivning) på $u.",
    "En handlingsplan mot hedersrelaterat våld (tas fram|ska beslutas) (under året|under hösten|$D).",
    "(Ja|Ja, det gör vi), om någon berättar om våld gör $k en riskbedömning.",
};
constexpr const char* kSurveyOrd[] = {
    "Bemanningen på $u är för låg (på helger|på kvällar|under semestrarna).",
    "Vi har svårt att rekrytera (sjuksköterskor|undersköterskor|socialsekreterare|behandlingsassistenter) till $u.",
    "(Ja|Nej), (men|och) (det fungerar bra|det behövs mer tid|lokalerna är för små) på $u.",
    "Dokumentationen tar för mycket tid från $c (på $u|enligt $M|i $L).",
    "(Samverkan|Kontakten) med (regionen|kommunen|skolan) i $L fungerar (dåligt|sådär|bra).",
};

// Dialogue with user organisations: a summary of several people's experiences.
constexpr const char* kOpenDialogue[] = {
    "Vid dialogmötet med $G (i $L|$D) framkom (bl.a.|bland annat|flera) synpunkter på $U.",
    "Anteckningar från dialog med $G (om|angående) $U, $D.",
    "Representanter för $G berättade om (medlemmarnas|deltagarnas) erfarenheter av $U.",
    "Vid dialogen med $G $D lyftes (bl.a.|bland annat) följande om $U.",
    "Vid mötet med $G diskuterades (bl.a.|bland annat) $U.",
};
constexpr const char* kDialogueMany[] = {
    "Flera (deltagare|medlemmar) (vittnade om|beskrev) liknande erfarenheter av $u[ i $L].",
    "(Flera|Många) upplever att (informationen från $u är bristfällig|det är svårt att få kontakt med $u)[, särskilt (på helger|i $L)].",
    "(Organisationen|Föreningen) menar att (problemen på $u inte är enskilda fall|det har blivit sämre på $u det senaste året).",
    "Det framkom också att (väntetiderna på $u är långa|många i $L inte vet vart de ska vända sig).",
};
constexpr const char* kDialogueManyDeficient[] = {
    "Flera (deltagare|medlemmar) beskrev att de (inte blivit trodda|aldrig fått frågan om våld|fått vänta länge på hjälp) när de sökte hjälp för våld hos $u.",
    "(Organisationen|Föreningen) menar att personalen på $u saknar kunskap om våld i nära relationer.",
    "Många (kvinnor|medlemmar) i $L upplever att ingen frågar om våld, trots att det finns tydliga tecken.",
};
constexpr const char* kCloseDialogue[] = {
    "(Organisationen|Föreningen|Representanterna) (önskar|efterfrågar) (bättre samverkan med $u|mer kunskap om (bemötande|funktionsnedsättningar|psykisk ohälsa) hos personalen på $u|tydligare information från $u).",
    "(Synpunkterna|Uppgifterna) om $u (tas med i|lämnas vidare till) riskanalysen.",
    "Nästa dialogmöte (planeras till $d|hålls $D).",
};

// Other: the inspectorate's own notes or a unit manager's information.
constexpr const char* kOpenOther[] = {
    "Vid (inspektionen|tillsynen) av $U $D framkom följande.",
    "IVO har granskat $U (under hösten|under våren|$D).",
    "Som (enhetschef|verksamhetschef) på $U vill jag (uppmärksamma er på|informera om) en händelse (från $d|).",
    "(Underrättelse|Information) från $U, (inkommen|daterad) $D.",
    "Uppgifter har kommit in om $U (via telefon|per brev|via e-tjänsten) $D.",
};
constexpr const char* kCloseOtherDeficient[] = {
    "IVO (bedömer|konstaterar) att $U (inte har uppfyllt|brister i) (kraven|sitt ansvar)[ enligt SOSFS 2014:4].",
    "(Bristerna|Det) ska åtgärdas och redovisas till IVO senast $d.",
    "IVO förelägger $U att (ta fram|se över) rutiner för (våld i nära relationer|riskbedömning) senast $d.",
};
constexpr const char* kCloseOther[] = {
    "IVO kommer att följa upp (detta|ärendet) (på $u|i $L|hos $M) (under året|vid nästa tillsyn|$D).",
    "Ärendet om $u (avslutas|följs upp vid nästa inspektion) (efter kontakt med $M|$D).",
    "(Uppgifterna|Informationen) om $u (tas med i|beaktas i) den fortsatta tillsynen.",
};

// Introducing the victim when no other sentence has.
constexpr const char* kIntroGeneric[] = {
    "(Det gäller|Ärendet gäller|Det handlar om) $O[, som $P $U].",
    "$V är (aktuell|känd) (hos|på) $U sedan (tidigare|några år|i våras).",
    "(Anmälan|Uppgiften|Informationen) (rör|avser) $O.",
};
constexpr const char* kIntroDialogue[] = {
    "$V berättade om (sin situation|vad $v har varit med om|sina erfarenheter av $U).",
    "(En av berättelserna|Ett exempel som togs upp) gällde $O (i $L|och $U).",
    "$V (beskrev|delade) (sina erfarenheter|sin berättelse) (av|om) $U.",
};

// Unit settings: how the victim relates to the unit, for the first sentence.
constexpr const char* kSettingResident[] = {
    "$V bor på $U sedan (två år|några månader|flera år|i höstas).",
    "$V har bott på $U i (ett par år|flera år|ett halvår).",
    "$V bor på $U sedan (i våras|förra sommaren|en tid tillbaka).",
    "$V är placerad på $U sedan (i våras|i höstas|förra året|början av året).",
};
constexpr const char* kSettingHealth[] = {
    "$V sökte $U $D (för smärtor i bröstet|för yrsel|för ont i magen|för huvudvärk|för sömnproblem).",
    "$V (vårdades|var inskriven) på $U $D.",
    "$V kom till $U $D[ tillsammans med $S].",
};
constexpr const char* kSettingSocial[] = {
    "$V har (kontakt med|ett pågående ärende hos) $U.",
    "$V (sökte|ansökte om) (försörjningsstöd|hjälp|stöd) hos $U $D.",
    "$V har haft kontakt med $U sedan (i våras|förra året|$D).",
};
constexpr const char* kSettingHome[] = {
    "$V har hemtjänst från $U (flera gånger om dagen|varje dag|morgon och kväll).",
    "$V bor kvar hemma med hjälp av $U.",
};

// Measures after an incident, when nothing further is said about violence handling.
constexpr const char* kMeasuresNeutral[] = {
    "(personalen har fått|all personal har fått) (handledning|utbildning|information) (om|i) (rutinerna|bemötande|avvikelsehantering) $D.",
    "rutinen ses över och (tas upp|gås igenom) på arbetsplatsträffen $D.",
    "(anhöriga|gode mannen) har informerats och (ärendet följs upp|en uppföljning är planerad) $D.",
    "(bemanningen har förstärkts|ett extra pass har lagts in) (under kvällar och nätter|under helger) från $d.",
    "händelsen har (diskuterats|gåtts igenom) med (personalgruppen|berörd personal) $D och rutinen har förtydligats.",
};

// ---------------------------------------------------------------------------
// The writer: expands templates into one string.

enum class Reg : uint8_t { complaint, tip, sarah, maria, nonexec, survey, dialogue, other };
enum class Voice : uint8_t { self, relative, third, dialogue };
enum class Kind : uint8_t { none, partner, family, staff, co, unknown };
enum class AgeGroup : uint8_t { child, young, adult, elder };

struct Person {
  const char* full = "";
  const char* later = "";
  const char* name = "";
  Pron pron = kThey;
  bool mentioned = false;
  int last_sentence = -1;  // mentioned again in the same sentence: a pronoun
};
struct Actor {
  const char* full = "en anhörig";
  const char* later = "den anhörige";
  Pron pron = kThey;
  Kind kind = Kind::none;
  bool mentioned = false;
};

struct CharSet {
  bool has[256];
};
constexpr CharSet make_special() {
  CharSet set{};
  for (const char c : {'\0', '(', ')', '[', ']', '|', '$'}) set.has[static_cast<unsigned char>(c)] = true;
  return set;
}
// Characters that end a run of plain text in a template.
constexpr CharSet kSpecial = make_special();
constexpr CharSet make_group_chars() {
  CharSet set{};
  for (const char c : {'\0', '(', ')', '[', ']', '|'}) set.has[static_cast<unsigned char>(c)] = true;
  return set;
}
// Characters that matter when skipping over a group.
constexpr CharSet kGroupChar = make_group_chars();

// Compiled templates: every template of the grammar is parsed once into a small
// program, so that writing never scans over the alternatives it does not take.
enum OpKind : uint8_t { kOpText, kOpSlot, kOpChoice, kOpOptional, kOpEnd };
struct Op {
  OpKind kind;
  char slot;        // kOpSlot
  uint16_t count;   // kOpChoice: number of alternatives
  uint32_t len;     // kOpText
  uint32_t first;   // kOpChoice: index in `starts` of the first alternative
  uint32_t after;   // kOpChoice, kOpOptional: the op after the group
  const char* text; // kOpText
};
struct Compiled;
const Compiled& compiled();
// The program of a template, or -1 if the template is not part of the grammar tables
// (short literals in the code), which are then interpreted directly.
int64_t program_of(const Compiled& c, const char* tpl);
const Op* ops_of(const Compiled& c);
const uint32_t* starts_of(const Compiled& c);

inline bool is_punct(char c) {
  return c == '.' || c == ',' || c == ':' || c == ';' || c == '?' || c == '!';
}

class Writer {
 public:
  Writer(Rng& rng, std::string& out)
      : rng_(rng), out_(out), base_(out.size()), start_(out.size()), compiled_(compiled()),
        ops_(ops_of(compiled_)), starts_(starts_of(compiled_)) {}

  Rng& rng() { return rng_; }
  size_t length() const { return out_.size() - base_; }

  template <typename T>
  const T& pick(Span<T> t) {
    return t.items[draw(rng_, t.size)];
  }

  // Writes one sentence (or a few, if the template holds several) and capitalises it.
  void sentence(const char* tpl) {
    const bool separated = out_.size() > base_ && out_.back() != ' ';
    if (separated) out_.push_back(' ');
    start_ = out_.size();
    ++sentence_no_;
    expand(tpl);
    if (out_.size() == start_) {  // nothing written: drop the separator
      if (separated) out_.pop_back();
      return;
    }
    capitalize(start_);
    ++sentences_;
  }
  void sentence(Table t) { sentence(pick(t)); }
  int sentences() const { return sentences_; }

  // Writes `tpl` after the current text without starting a new sentence.
  void append_inline(const char* tpl) {
    if (out_.size() > base_ && out_.back() != ' ') out_.push_back(' ');
    expand(tpl);
  }

  // --- state the grammar refers to
  const Unit* unit = &kPrincipal;
  Person victim;
  Person kids;
  Actor actor[2];
  Table aux = span_of(kAuxPlain), fin = span_of(kFinPlain), freq = span_of(kFreqPlain),
        time = span_of(kTimePlain), frame = span_of(kFrameFormal);
  const char* insats = "kontaktperson";
  Table organisations = span_of(kOrganisations);
  Kind extra_kinds[3] = {Kind::none, Kind::none, Kind::none};  // perpetrators after the first
  int age = 40;
  Table list[4];  // the forms written by $#
  int list_size = 0;

 private:
  void put(const char* a, const char* b) {
    if (*a == ' ') {
      if (out_.size() == start_ || out_.back() == ' ') {
        if (++a == b) return;
      }
    }
    if (is_punct(*a)) {
      while (out_.size() > start_ && out_.back() == ' ') out_.pop_back();
      if (out_.size() > start_ && out_.back() == ',') out_.pop_back();
    }
    out_.append(a, static_cast<size_t>(b - a));
  }
  void put(const char* s) { put(s, s + std::strlen(s)); }

  static const char* scan_group(const char* p, const char** seps, int* n) {
    int depth = 0;
    for (;; ++p) {
      while (!kGroupChar.has[static_cast<unsigned char>(*p)]) ++p;
      const char c = *p;
      if (c == '(' || c == '[') {
        ++depth;
      } else if (c == ')' || c == ']') {
        if (depth == 0) return p;
        --depth;
      } else if (c == '|') {
        if (depth == 0 && seps != nullptr && *n < 64) seps[(*n)++] = p;
      } else {  // '\0'
        return p;
      }
    }
  }

  void expand(const char* p, const char* end) {
    for (;;) {
      const char* q = p;
      if (end == nullptr) {
        while (!kSpecial.has[static_cast<unsigned char>(*q)]) ++q;
      } else {
        while (q < end && !kSpecial.has[static_cast<unsigned char>(*q)]) ++q;
      }
      if (q > p) put(p, q);
      if ((end != nullptr && q >= end) || *q == '\0') return;
      switch (*q) {
        case '(': {
          const char* seps[64];
          int n = 0;
          const char* close = scan_group(q + 1, seps, &n);
          const uint32_t k = draw(rng_, static_cast<uint32_t>(n + 1));
          const char* a = k == 0 ? q + 1 : seps[k - 1] + 1;
          const char* b = k == static_cast<uint32_t>(n) ? close : seps[k];
          if (b > a) expand(a, b);
          if (*close == '\0') return;
          p = close + 1;
          break;
        }
        case '[': {
          const char* close = scan_group(q + 1, nullptr, nullptr);
          if ((rng_.next() >> 63) != 0 && close > q + 1) expand(q + 1, close);
          if (*close == '\0') return;
          p = close + 1;
          break;
        }
        case '$':
          if (q[1] == '\0') return;
          slot(q[1]);
          p = q + 2;
          break;
        default:  // a stray ) ] or |: written as is (the grammar check rejects these)
          put(q, q + 1);
          p = q + 1;
          break;
      }
    }
  }

  void expand(const char* tpl) {
    const int64_t at = program_of(compiled_, tpl);
    if (at >= 0) run(static_cast<uint32_t>(at));
    else expand(tpl, nullptr);
  }

  // Runs a compiled program. Draws exactly as expand(p, end) does on the same text.
  void run(uint32_t i) {
    for (;;) {
      const Op& op = ops_[i];
      switch (op.kind) {
        case kOpText:
          put(op.text, op.text + op.len);
          ++i;
          break;
        case kOpSlot:
          slot(op.slot);
          ++i;
          break;
        case kOpChoice:
          run(starts_[op.first + draw(rng_, op.count)]);
          i = op.after;
          break;
        case kOpOptional:
          if ((rng_.next() >> 63) != 0) run(i + 1);
          i = op.after;
          break;
        case kOpEnd:
          return;
      }
    }
  }

  void expand_pick(Table t) { expand(pick(t)); }

  void mention(Person& who, bool object) {
    const bool same_sentence = who.last_sentence == sentence_no_;
    who.last_sentence = sentence_no_;
    if (!who.mentioned) {
      who.mentioned = true;
      expand(who.full);
      return;
    }
    if (who.pron == kMe || same_sentence) {
      put(object ? kObj[who.pron] : kSubj[who.pron]);
      return;
    }
    const uint32_t r = draw(rng_, 10);
    if (r < 5) {
      put(object ? kObj[who.pron] : kSubj[who.pron]);
    } else if (r < 8) {
      expand(who.later);
    } else {
      put(who.name);
    }
  }

  void mention_actor(int i, bool reflexive) {
    Actor& a = actor[i];
    if (a.mentioned) {
      expand(a.later);
      return;
    }
    a.mentioned = true;
    const bool saved = reflexive_;
    reflexive_ = reflexive;
    expand(a.full);
    reflexive_ = saved;
  }

  void put_number(int n) {
    char buf[12];
    int len = 0;
    if (n <= 0) n = 1;
    while (n > 0 && len < 11) {
      buf[len++] = static_cast<char>('0' + n % 10);
      n /= 10;
    }
    char rev[12];
    for (int i = 0; i < len; ++i) rev[i] = buf[len - 1 - i];
    put(rev, rev + len);
  }

  void put_list() {
    for (int i = 0; i < list_size; ++i) {
      if (i > 0) put(i + 1 == list_size ? " och " : ", ");
      expand_pick(list[i]);
    }
  }

  void place() {
    switch (actor[0].kind) {
      case Kind::partner:
      case Kind::family:
        expand_pick(span_of(kPlaceHome));
        break;
      case Kind::staff:
      case Kind::co:
        if (percent(rng_, 60)) expand(unit->place);
        break;
      default:
        expand_pick(span_of(kPlaceOut));
        break;
    }
  }

  void slot(char c) {
    const Pron vp = victim.pron;
    switch (c) {
      case 'V': mention(victim, false); break;
      case 'O': mention(victim, true); break;
      case 'N': put(victim.name); break;
      case 'v':
        victim.last_sentence = sentence_no_;
        put(kSubj[vp]);
        break;
      case 'o':
        victim.last_sentence = sentence_no_;
        put(kObj[vp]);
        break;
      case 'p': put(reflexive_ ? kReflEn[vp] : kPossEn[vp]); break;
      case 'q': put(reflexive_ ? kReflEtt[vp] : kPossEtt[vp]); break;
      case 'w': put(reflexive_ ? kReflPl[vp] : kPossPl[vp]); break;
      case 'r': put(kRefl[vp]); break;
      case 's': put(kReflEn[vp]); break;
      case 't': put(kReflEtt[vp]); break;
      case 'y': put(kReflPl[vp]); break;
      case 'Y': put_number(age); break;
      case 'A': mention_actor(0, false); break;
      case 'S': mention_actor(0, true); break;
      case 'E': mention_actor(1, false); break;
      case 'a': put(kSubj[actor[0].pron]); break;
      case 'b': put(kObj[actor[0].pron]); break;
      case 'e': put(kSubj[actor[1].pron]); break;
      case 'B':
        if (!kids.mentioned) {
          kids.mentioned = true;
          expand(kids.full);
        } else {
          expand(kids.later);
        }
        break;
      case 'U':
        if (!unit_mentioned_) {
          unit_mentioned_ = true;
          expand(unit->full);
        } else {
          expand(unit->short_);
        }
        break;
      case 'u': expand(unit->short_); break;
      case 'C': expand(unit->client); break;
      case 'c': expand(unit->clients); break;
      case 'I': expand(unit->client_indef); break;
      case 'K': expand(unit->staff); break;
      case 'k': expand(unit->staff_coll); break;
      case 'M': expand(unit->manager); break;
      case 'J': expand(unit->doc); break;
      case 'H': expand(unit->place); break;
      case 'P': expand(unit->relation); break;
      case 'h': expand_pick(aux); break;
      case 'j': expand_pick(fin); break;
      case 'F': expand_pick(freq); break;
      case 'T': expand_pick(time); break;
      case 'Q': expand_pick(frame); break;
      case 'l': place(); break;
      case 'D': expand_pick(span_of(kDates)); break;
      case 'd': expand_pick(span_of(kDatesBare)); break;
      case 'X': expand_pick(span_of(kInjuries)); break;
      case 'L': expand_pick(span_of(kTowns)); break;
      case 'G': expand_pick(organisations); break;
      case 'Z':
        put(percent(rng_, 50) ? pick(span_of(kFemaleNames)) : pick(span_of(kMaleNames)));
        break;
      case 'R': expand(insats); break;
      case '#': put_list(); break;
      default: break;
    }
  }

  void capitalize(size_t at) {
    for (size_t i = at; i < out_.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(out_[i]);
      if (c >= 'a' && c <= 'z') {
        out_[i] = static_cast<char>(c - 32);
        return;
      }
      if (c == 0xC3 && i + 1 < out_.size()) {
        const unsigned char d = static_cast<unsigned char>(out_[i + 1]);
        if (d == 0xA5 || d == 0xA4 || d == 0xB6 || d == 0xA9) out_[i + 1] = static_cast<char>(d - 0x20);
        return;
      }
      if ((c >= 'A' && c <= 'Z') || c >= 0x80 || (c >= '0' && c <= '9')) return;
    }
  }

  Rng& rng_;
  std::string& out_;
  size_t base_;
  size_t start_;
  const Compiled& compiled_;
  const Op* ops_;
  const uint32_t* starts_;
  int sentences_ = 0;
  int sentence_no_ = 0;
  bool reflexive_ = false;
  bool unit_mentioned_ = false;
};

// ---------------------------------------------------------------------------
// From the request to a plan.

struct Truth {
  Reg reg = Reg::other;
  const Unit* unit = &kPrincipal;
  Sex sex = kU;
  AgeGroup group = AgeGroup::adult;
  int age = 40;
  bool childhood = false;  // an adult telling about violence suffered as a child
  bool violence = false;
  Mention mention = Mention::plain;
  bool deficiency = false;
  bool hard = false;
  bool form[kFormCount] = {};
  int forms = 0;
  bool partner = false, family = false, staff = false, co = false;
  bool child_victim = false, child_witness = false, elder = false, lethal = false;
  bool historical() const { return violence && mention == Mention::historical; }
};

Reg read_register(std::string_view k) {
  if (k == "complaint") return Reg::complaint;
  if (k == "tip") return Reg::tip;
  if (k == "lex_sarah") return Reg::sarah;
  if (k == "lex_maria") return Reg::maria;
  if (k == "non_executed_decision") return Reg::nonexec;
  if (k == "survey_response") return Reg::survey;
  if (k == "dialogue_input") return Reg::dialogue;
  return Reg::other;
}

const Unit* read_unit(std::string_view k) {
  for (const Unit& u : kUnits)
    if (k == u.key) return &u;
  return &kPrincipal;
}

int age_in_band(std::string_view band, Rng& rng, bool* known) {
  struct Band {
    const char* name;
    int lo, hi;
  };
  static constexpr Band kBands[] = {{"0-5", 1, 5},     {"6-12", 6, 12},  {"13-17", 13, 17},
                                    {"18-24", 18, 24}, {"25-44", 25, 44}, {"45-64", 45, 64},
                                    {"65-79", 65, 79}, {"80+", 80, 96}};
  for (const Band& b : kBands) {
    if (band == b.name) {
      *known = true;
      return b.lo + static_cast<int>(draw(rng, static_cast<uint32_t>(b.hi - b.lo + 1)));
    }
  }
  *known = false;
  return 0;
}

AgeGroup group_of(int age) {
  if (age < 18) return AgeGroup::child;
  if (age < 25) return AgeGroup::young;
  if (age < 65) return AgeGroup::adult;
  return AgeGroup::elder;
}

int between(Rng& rng, int lo, int hi) {
  return lo + static_cast<int>(draw(rng, static_cast<uint32_t>(hi - lo + 1)));
}

Truth read_request(const NarrativeRequest& r, Rng& rng) {
  Truth t;
  t.reg = read_register(r.case_kind);
  t.unit = read_unit(r.unit_type);
  t.sex = r.subject_sex == "female" ? kF : r.subject_sex == "male" ? kM : kU;
  t.violence = r.violence;
  t.hard = r.hard_negative && !r.violence;
  t.mention = r.mention;
  if (t.violence && t.mention == Mention::hypothetical) t.mention = Mention::plain;
  if (!t.violence && t.mention == Mention::historical) t.mention = Mention::plain;
  t.deficiency = r.handling_deficiency;
  if (!t.violence && t.mention == Mention::plain) t.deficiency = false;  // nothing to fail at
  if (t.violence) {
    for (std::string_view c : r.categories) {
      if (c == "physical") t.form[kPhys] = true;
      else if (c == "psychological") t.form[kPsych] = true;
      else if (c == "sexual") t.form[kSexual] = true;
      else if (c == "economic") t.form[kEcon] = true;
      else if (c == "honour_related") t.form[kHonour] = true;
      else if (c == "forced_marriage") t.form[kForced] = true;
      else if (c == "fgm") t.form[kFgm] = true;
      else if (c == "neglect") t.form[kNeglect] = true;
      else if (c == "child_victim") t.child_victim = true;
      else if (c == "child_witness") t.child_witness = true;
      else if (c == "elder_abuse") t.elder = true;
      else if (c == "partner") t.partner = true;
      else if (c == "family") t.family = true;
      else if (c == "staff_perpetrator") t.staff = true;
      else if (c == "co_resident") t.co = true;
      else if (c == "lethal_risk") t.lethal = true;
    }
    for (bool f : t.form) t.forms += f ? 1 : 0;
  }

  bool known = false;
  int age = age_in_band(r.age_band, rng, &known);
  if (!known) {
    if (t.child_victim) age = t.unit->youth ? between(rng, 13, 17) : between(rng, 3, 16);
    else if (t.elder || (t.unit->elderly && percent(rng, 85))) age = between(rng, 68, 95);
    else if (t.unit->youth) age = between(rng, 13, 17);
    else if (t.form[kFgm] || t.form[kForced]) age = between(rng, 8, 19);
    else age = percent(rng, 20) ? between(rng, 18, 24) : between(rng, 25, 64);
  }
  AgeGroup group = group_of(age);
  if (t.child_victim && group != AgeGroup::child) {
    if (t.historical()) {
      t.childhood = true;  // told as an adult, about childhood
    } else {
      age = t.unit->youth ? between(rng, 13, 17) : between(rng, 3, 16);
      group = AgeGroup::child;
    }
  }
  if (t.elder && group != AgeGroup::elder) {
    age = between(rng, 68, 95);
    group = AgeGroup::elder;
  }
  t.age = age;
  t.group = group;
  return t;
}

// ---------------------------------------------------------------------------
// Setting up the people.

const char* pick_name(Rng& rng, Sex sex, AgeGroup group) {
  const bool old = group == AgeGroup::elder && percent(rng, 75);
  switch (sex) {
    case kF: {
      const Table t = old ? span_of(kOldFemaleNames) : span_of(kFemaleNames);
      return t.items[draw(rng, t.size)];
    }
    case kM: {
      const Table t = old ? span_of(kOldMaleNames) : span_of(kMaleNames);
      return t.items[draw(rng, t.size)];
    }
    default:
      return kUnisexNames[draw(rng, static_cast<uint32_t>(std::size(kUnisexNames)))];
  }
}

Pron pron_of(Sex s) {
  switch (s) {
    case kF: return kShe;
    case kM: return kHe;
    case kPl: return kThem;
    default: return kThey;
  }
}

RoleTable relative_roles(Sex sex, AgeGroup group) {
  switch (group) {
    case AgeGroup::child:
      return sex == kF ? span_of(kRelChildF) : sex == kM ? span_of(kRelChildM) : span_of(kRelChildU);
    case AgeGroup::elder:
      return sex == kF ? span_of(kRelElderF) : sex == kM ? span_of(kRelElderM) : span_of(kRelElderU);
    default:
      return sex == kF ? span_of(kRelAdultF) : sex == kM ? span_of(kRelAdultM) : span_of(kRelAdultU);
  }
}

RoleTable third_roles(Writer& w, const Truth& t) {
  Rng& rng = w.rng();
  const bool client_noun = t.unit != &kPrincipal && t.unit->key[0] != 'i' && percent(rng, 45);
  switch (t.group) {
    case AgeGroup::child:
      if (t.unit->youth && percent(rng, 50)) return span_of(kYouthRoles);
      return t.sex == kF ? span_of(kChildF) : t.sex == kM ? span_of(kChildM) : span_of(kChildU);
    case AgeGroup::elder:
      if (client_noun) return span_of(kClientRoles);
      return t.sex == kF ? span_of(kElderF) : t.sex == kM ? span_of(kElderM) : span_of(kElderU);
    default:
      if (client_noun) return span_of(kClientRoles);
      return t.sex == kF ? span_of(kAdultF) : t.sex == kM ? span_of(kAdultM) : span_of(kAdultU);
  }
}

void set_victim(Writer& w, const Truth& t, Voice voice) {
  Rng& rng = w.rng();
  Person& v = w.victim;
  v.pron = pron_of(t.sex);
  v.name = pick_name(rng, t.sex, t.group);
  w.age = t.age;
  RoleTable roles{};
  switch (voice) {
    case Voice::self:
      v.pron = kMe;
      v.full = "jag";
      v.later = "jag";
      v.mentioned = true;
      return;
    case Voice::relative:
      roles = relative_roles(t.sex, t.group);
      break;
    case Voice::dialogue:
      roles = t.sex == kF ? span_of(kDialogueF) : t.sex == kM ? span_of(kDialogueM) : span_of(kDialogueU);
      break;
    case Voice::third:
      roles = third_roles(w, t);
      break;
  }
  const RoleDef& r = roles.items[draw(rng, roles.size)];
  v.full = r.full;
  v.later = r.later;
}

ActorTable partner_table(Rng& rng, const Truth& t) {
  if (t.group == AgeGroup::child && !t.childhood) return span_of(kPartnerOfTeen);
  const bool ex = t.lethal ? percent(rng, 50) : percent(rng, 15);
  switch (t.sex) {
    case kF:
      if (t.historical()) return span_of(kOldPartnerOfWoman);
      if (percent(rng, 7)) return span_of(kPartnerOfWomanSame);
      return ex ? span_of(kExPartnerOfWoman) : span_of(kPartnerOfWoman);
    case kM:
      if (t.historical()) return span_of(kOldPartnerOfMan);
      return ex ? span_of(kExPartnerOfMan) : span_of(kPartnerOfMan);
    default:
      return span_of(kPartnerOfAnyone);
  }
}

void set_actor(Writer& w, const Truth& t, int i, Kind kind) {
  Rng& rng = w.rng();
  ActorTable table{};
  switch (kind) {
    case Kind::partner: table = partner_table(rng, t); break;
    case Kind::family:
      table = (t.group == AgeGroup::child || t.childhood) ? span_of(kFamilyOfChild)
              : t.group == AgeGroup::elder               ? span_of(kFamilyOfElder)
              : (t.age >= 45 && percent(rng, 50))        ? span_of(kFamilyOfMidlife)
                                                         : span_of(kFamilyOfAdult);
      break;
    case Kind::staff: table = t.unit->staff_actors; break;
    case Kind::co: table = t.unit->co_actors; break;
    case Kind::unknown:
      table = t.group == AgeGroup::child ? span_of(kUnknownActorsYoung)
              : t.group == AgeGroup::elder ? span_of(kUnknownActorsOld)
                                           : span_of(kUnknownActors);
      break;
    case Kind::none: return;
  }
  const ActorDef& d = table.items[draw(rng, table.size)];
  Actor& a = w.actor[i];
  a.full = d.full;
  a.later = d.later;
  a.kind = kind;
  Sex sex = d.sex;
  if (sex == kAnySex) sex = percent(rng, kind == Kind::partner ? 70 : 50) ? kM : kF;
  a.pron = pron_of(sex);
}

void set_mode(Writer& w, const Truth& t, Voice voice) {
  const bool formal = t.reg == Reg::sarah || t.reg == Reg::maria || t.reg == Reg::other ||
                      t.reg == Reg::nonexec || t.reg == Reg::survey;
  if (t.historical()) {
    w.aux = span_of(kAuxHist);
    w.fin = span_of(kFinHist);
    const Kind k = w.actor[0].kind;
    if (t.childhood) {
      w.freq = span_of(kFreqChild);
      w.time = span_of(kTimeChild);
    } else if (k == Kind::staff || k == Kind::co) {
      w.freq = span_of(kFreqInstHist);
      w.time = span_of(kTimeInstHist);
    } else if (k == Kind::partner) {
      w.freq = span_of(kFreqHistPartner);
      w.time = span_of(kTimeHistPartner);
    } else {
      w.freq = span_of(kFreqHist);
      w.time = span_of(kTimeHist);
    }
  } else {
    w.aux = t.reg == Reg::tip ? span_of(kAuxTip) : formal ? span_of(kAuxFormal) : span_of(kAuxPlain);
    w.fin = span_of(kFinPlain);
    w.freq = span_of(kFreqPlain);
    w.time = span_of(kTimePlain);
  }
  switch (voice) {
    case Voice::self: w.frame = span_of(kFrameSelf); break;
    case Voice::relative: w.frame = span_of(kFrameRelative); break;
    case Voice::dialogue: w.frame = span_of(kFrameDialogue); break;
    case Voice::third: w.frame = t.reg == Reg::tip ? span_of(kFrameTip) : span_of(kFrameFormal); break;
  }
}

// ---------------------------------------------------------------------------
// Writing the parts.

bool uses_actor(const char* tpl) {
  for (const char* p = tpl; *p != '\0'; ++p)
    if (p[0] == '$' && (p[1] == 'A' || p[1] == 'S' || p[1] == 'a' || p[1] == 'b')) return true;
  return false;
}

// A template from `t`; templates that name the actor only if the actor fits.
const char* pick_fitting(Writer& w, Table t, bool actor_ok) {
  const char* tpl = w.pick(t);
  for (int tries = 0; !actor_ok && uses_actor(tpl) && tries < 12; ++tries) tpl = w.pick(t);
  return tpl;
}

bool inst_actor(const Writer& w) {
  return w.actor[0].kind == Kind::staff || w.actor[0].kind == Kind::co;
}

void form_sentence(Writer& w, const Truth& t, Form f) {
  Rng& rng = w.rng();
  const FormGrammar& g = kForms[f];
  const bool hist = t.historical();
  if (g.vp.size == 0) {  // honour, forced marriage, fgm: told about the family
    w.sentence(pick_fitting(w, hist ? g.hist : g.now, w.actor[0].kind == Kind::family));
    return;
  }
  if (inst_actor(w) && percent(rng, 55)) {
    w.sentence(g.inst);
    return;
  }
  const uint32_t r = draw(rng, 100);
  if (r < (t.reg == Reg::tip ? 50u : 22u)) {  // one form through a frame
    const bool np = percent(rng, 40);
    w.list[0] = np ? g.np : g.vp;
    w.list_size = 1;
    w.sentence(np ? span_of(kNpFrames) : span_of(kVpFrames));
  } else if (r < 60 || (hist && r < 75) || (w.actor[0].kind == Kind::unknown && r < 90)) {
    w.sentence(g.past);
  } else if (hist) {
    w.sentence(g.hist);
  } else {
    Table now = g.now;
    if (f == kNeglect && t.group != AgeGroup::child) now = span_of(kNeglNowAdult);
    w.sentence(now);
  }
}

void violence_acts(Writer& w, const Truth& t) {
  Rng& rng = w.rng();
  Form order[kFormCount];
  int n = 0;
  for (int f = 0; f < kFormCount; ++f)
    if (t.form[f]) order[n++] = static_cast<Form>(f);
  for (int i = n - 1; i > 0; --i) {
    const int j = static_cast<int>(draw(rng, static_cast<uint32_t>(i + 1)));
    const Form tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  if (n == 0) {
    const bool hist = t.historical();
    if (hist) {
      w.sentence(span_of(kGenericViolenceHist));
    } else if (w.actor[0].kind == Kind::unknown && percent(rng, 50)) {
      w.sentence(span_of(kGenericViolenceNoActor));
    } else {
      w.sentence(span_of(kGenericViolence));
    }
    if (!hist && t.partner && t.sex == kF && t.group != AgeGroup::child && w.actor[0].pron == kHe &&
        percent(rng, 30))
      w.sentence(span_of(kKvinnofrid));
    else if (!hist && w.actor[0].kind == Kind::family && percent(rng, 15))
      w.sentence(span_of(kFridskrank));
    return;
  }
  // Several forms that share a frame may go in one sentence.
  bool done[kFormCount] = {};
  int combinable = 0;
  for (int i = 0; i < n; ++i)
    if (kForms[order[i]].vp.size > 0) ++combinable;
  if (combinable >= 2 && percent(rng, 50)) {
    const bool np = percent(rng, 40);
    w.list_size = 0;
    for (int i = 0; i < n && w.list_size < 3; ++i) {
      const FormGrammar& g = kForms[order[i]];
      if (g.vp.size == 0) continue;
      w.list[w.list_size++] = np ? g.np : g.vp;
      done[order[i]] = true;
    }
    w.sentence(np ? span_of(kNpFrames) : span_of(kVpFrames));
  }
  for (int i = 0; i < n; ++i)
    if (!done[order[i]]) form_sentence(w, t, order[i]);
}

void second_actor(Writer& w, const Truth& t) {
  Table vp = span_of(kGenericVp);
  for (int f = 0; f < kFormCount; ++f)
    if (t.form[f] && kForms[f].vp.size > 0) {
      vp = kForms[f].vp;
      break;
    }
  w.list[0] = vp;
  w.list_size = 1;
  w.sentence(span_of(kSecondActor));
}

void lethal_sentence(Writer& w, const Truth& t) {
  Rng& rng = w.rng();
  if (t.historical()) w.sentence(span_of(kLethalHist));
  else if (inst_actor(w) && percent(rng, 70)) w.sentence(span_of(kLethalInst));
  else if (t.form[kHonour] && percent(rng, 40)) w.sentence(span_of(kLethalHonour));
  else if (percent(rng, 50)) w.sentence(span_of(kLethalPast));
  else w.sentence(span_of(kLethalNow));
}

void setting_sentence(Writer& w, const Truth& t) {
  switch (t.unit->kind) {
    case kHealth: w.sentence(span_of(kSettingHealth)); break;
    case kSocial: w.sentence(span_of(kSettingSocial)); break;
    case kHome: w.sentence(span_of(kSettingHome)); break;
    case kInstitution: w.sentence(span_of(kSettingResident)); break;
  }
}

bool actor_known(const Writer& w) {
  const Kind k = w.actor[0].kind;
  return k == Kind::partner || k == Kind::family || k == Kind::staff || k == Kind::co;
}

// Makes sure the victim is named before pronouns and possessives refer to them.
void victim_intro(Writer& w, const Truth& t, Voice voice) {
  if (w.victim.mentioned) return;
  if (voice == Voice::dialogue) w.sentence(span_of(kIntroDialogue));
  else if (percent(w.rng(), 55)) setting_sentence(w, t);
  else w.sentence(span_of(kIntroGeneric));
}

// The violence itself: who, what, lethal markers, children, denial, and for
// historical text the closing of the period.
void violence_core(Writer& w, const Truth& t) {
  Rng& rng = w.rng();
  const bool hist = t.historical();
  if (t.group == AgeGroup::child) {
    w.sentence(t.age < 6    ? span_of(kChildContextSmall)
               : t.age < 13 ? span_of(kChildContextSchool)
               : t.age < 16 ? span_of(kChildContextTeen)
                            : span_of(kChildContextOlderTeen));
  }
  if (t.elder) {
    const bool gendered = t.sex != kU && percent(rng, 35);
    w.sentence(!gendered ? span_of(kElderContext) : t.sex == kF ? span_of(kElderContextF) : span_of(kElderContextM));
  }
  const bool lethal_first = t.lethal && percent(rng, 30);
  if (lethal_first) lethal_sentence(w, t);
  violence_acts(w, t);
  if (!w.actor[0].mentioned && w.actor[0].kind != Kind::unknown) w.sentence(span_of(kActorNamed));
  for (int i = 0; i < 3 && w.extra_kinds[i] != Kind::none; ++i) {
    if (i > 0) set_actor(w, t, 1, w.extra_kinds[i]);
    second_actor(w, t);
  }
  if (t.lethal && !lethal_first) lethal_sentence(w, t);
  if (t.child_witness) {
    w.sentence(hist ? w.pick(span_of(kWitnessHist)) : pick_fitting(w, span_of(kWitnessNow), actor_known(w)));
  }
  if (t.mention == Mention::negated) w.sentence(span_of(kDenial));
  if (hist) {
    switch (w.actor[0].kind) {
      case Kind::partner: w.sentence(span_of(kClosurePartner)); break;
      case Kind::family: w.sentence(span_of(kClosureFamily)); break;
      case Kind::staff: w.sentence(span_of(kClosureStaff)); break;
      case Kind::co: w.sentence(span_of(kClosureCo)); break;
      default: w.sentence(span_of(kClosureOther)); break;
    }
  }
}

void violence_body(Writer& w, const Truth& t, Voice voice, int budget) {
  Rng& rng = w.rng();
  const bool hist = t.historical();
  if (hist && (t.childhood || percent(rng, 45))) {
    w.sentence(t.childhood                          ? span_of(kHistIntroChild)
               : w.actor[0].kind == Kind::partner ? span_of(kHistIntroPartner)
                                                   : span_of(kHistIntro));
  }
  else if (voice != Voice::self && percent(rng, 30)) setting_sentence(w, t);
  victim_intro(w, t, voice);
  violence_core(w, t);
  if (hist) {
    if (percent(rng, 25) && static_cast<int>(w.length()) < budget) w.sentence(span_of(kConsequenceHist));
  } else if (percent(rng, 45) && static_cast<int>(w.length()) < budget) {
    w.sentence(inst_actor(w) && percent(rng, 60) ? w.pick(span_of(kConsequenceInst))
                                                  : pick_fitting(w, span_of(kConsequenceNow), actor_known(w)));
  }
}

void deficiency_sentences(Writer& w, const Truth& t, int count) {
  Rng& rng = w.rng();
  Table specific[6];
  int n = 0;
  if (t.historical()) {
    specific[n++] = span_of(kDefHist);
  } else {
    if (t.unit->kind == kSocial) specific[n++] = span_of(kDefSocial);
    if (t.unit->kind == kHealth) specific[n++] = span_of(kDefHealth);
    if (w.actor[0].kind == Kind::staff) specific[n++] = span_of(kDefStaff);
    if (w.actor[0].kind == Kind::co) specific[n++] = span_of(kDefCo);
    if (t.child_witness || t.child_victim) specific[n++] = span_of(kDefChild);
    if (t.form[kHonour]) specific[n++] = span_of(kDefHonour);
  }
  const char* last = nullptr;
  for (int i = 0; i < count; ++i) {
    const Table table = (n > 0 && percent(rng, 70)) ? specific[draw(rng, static_cast<uint32_t>(n))]
                                                   : span_of(kDefAny);
    const char* tpl = w.pick(table);
    if (tpl == last) tpl = w.pick(table);
    last = tpl;
    w.sentence(tpl);
  }
}

void followup_sentence(Writer& w, const Truth& t) {
  Rng& rng = w.rng();
  Table specific[5];
  int n = 0;
  if (t.historical()) {
    specific[n++] = span_of(kFollowHist);
  } else {
    if (t.unit->kind == kSocial) specific[n++] = span_of(kFollowSocial);
    if (t.unit->kind == kHealth) specific[n++] = span_of(kFollowHealth);
    if (w.actor[0].kind == Kind::staff) specific[n++] = span_of(kFollowStaff);
    if (w.actor[0].kind == Kind::co) specific[n++] = span_of(kFollowCo);
    if (t.child_witness || t.child_victim) specific[n++] = span_of(kFollowChild);
  }
  const Table table = (n > 0 && percent(rng, 70)) ? specific[draw(rng, static_cast<uint32_t>(n))]
                                                 : span_of(kFollowAny);
  w.sentence(table);
}

void negated_body(Writer& w, const Truth& t, Voice voice) {
  Rng& rng = w.rng();
  victim_intro(w, t, voice);
  Table specific = span_of(kNegAny);
  switch (t.unit->kind) {
    case kHealth: specific = span_of(kNegHealth); break;
    case kSocial: specific = span_of(kNegSocial); break;
    default: specific = span_of(kNegInst); break;
  }
  if (t.deficiency) {
    w.sentence(span_of(kNegDeficient));
    if (percent(rng, 40)) w.sentence(specific);
  } else {
    const char* first = w.pick(percent(rng, 55) ? specific : span_of(kNegAny));
    w.sentence(first);
    if (percent(rng, 35)) {
      const char* second = w.pick(span_of(kNegAny));
      if (second != first) w.sentence(second);
    }
  }
  if (t.hard) w.sentence(span_of(kHardAny));
}

void hypothetical_body(Writer& w, const Truth& t, int max_sentences) {
  Rng& rng = w.rng();
  const int n = 1 + static_cast<int>(draw(rng, static_cast<uint32_t>(max_sentences)));
  const char* last = nullptr;
  for (int i = 0; i < n; ++i) {
    const Table table = t.deficiency && (i == 0 || percent(rng, 70)) ? span_of(kHypDeficient) : span_of(kHypOk);
    const char* tpl = w.pick(table);
    if (tpl == last) continue;
    last = tpl;
    w.sentence(tpl);
  }
  if (t.hard) w.sentence(span_of(kHardAny));
}

void hard_body(Writer& w, const Truth& t) {
  Rng& rng = w.rng();
  if (percent(rng, 35)) setting_sentence(w, t);
  Table specific = span_of(kHardAny);
  switch (t.unit->kind) {
    case kHealth: specific = span_of(kHardHealth); break;
    case kSocial: specific = span_of(kHardSocial); break;
    case kInstitution: specific = span_of(kHardInst); break;
    case kHome: break;
  }
  w.sentence(percent(rng, 30) ? specific : span_of(kHardAny));
  if (percent(rng, 30)) w.sentence(span_of(kOrdAny));
}

void ordinary_body(Writer& w, const Truth& t, int max_sentences) {
  Rng& rng = w.rng();
  if (percent(rng, 35)) setting_sentence(w, t);
  Table specific = span_of(kOrdAny);
  switch (t.unit->kind) {
    case kHealth: specific = span_of(kOrdHealth); break;
    case kSocial: specific = span_of(kOrdSocial); break;
    case kHome: specific = span_of(kOrdHome); break;
    case kInstitution: break;
  }
  const int n = 1 + static_cast<int>(draw(rng, static_cast<uint32_t>(max_sentences)));
  const char* last = nullptr;
  for (int i = 0; i < n; ++i) {
    const char* tpl = w.pick(percent(rng, 40) ? specific : span_of(kOrdAny));
    if (tpl == last) continue;
    last = tpl;
    w.sentence(tpl);
  }
}

// The text between opening and closing, for every register.
void body(Writer& w, const Truth& t, Voice voice, int budget) {
  if (t.violence) violence_body(w, t, voice, budget);
  else if (t.mention == Mention::negated) negated_body(w, t, voice);
  else if (t.mention == Mention::hypothetical) hypothetical_body(w, t, 3);
  else if (t.hard) hard_body(w, t);
  else ordinary_body(w, t, 3);
}

// What was done about it: deficiencies, or (sometimes) a follow-up that shows none.
void handling(Writer& w, const Truth& t, int most) {
  Rng& rng = w.rng();
  if (!t.violence) return;  // the negated and hypothetical bodies carry their own
  if (t.deficiency) deficiency_sentences(w, t, 1 + static_cast<int>(draw(rng, static_cast<uint32_t>(most))));
  else if (percent(rng, 55)) followup_sentence(w, t);
}

void write_complaint(Writer& w, const Truth& t, Voice voice, int budget) {
  Rng& rng = w.rng();
  if (percent(rng, 85)) w.sentence(voice == Voice::self ? span_of(kOpenSelf) : span_of(kOpenRelative));
  body(w, t, voice, budget);
  if (t.violence && t.deficiency) deficiency_sentences(w, t, 1 + static_cast<int>(draw(rng, 2)));
  if (percent(rng, 50) && static_cast<int>(w.length()) < budget) w.sentence(span_of(kEmotion));
  if (percent(rng, 60)) w.sentence(span_of(kCloseComplaint));
}

void write_tip(Writer& w, const Truth& t, Voice voice, int budget) {
  Rng& rng = w.rng();
  if (percent(rng, 75)) w.sentence(span_of(kOpenTip));
  body(w, t, voice, budget);
  if (t.violence && t.deficiency) deficiency_sentences(w, t, 1);
  if (percent(rng, 50)) w.sentence(span_of(kCloseTip));
}

void write_sarah(Writer& w, const Truth& t, Voice voice, int budget) {
  Rng& rng = w.rng();
  const bool event = !t.historical() && t.mention != Mention::hypothetical;
  w.sentence((event && percent(rng, 65)) ? span_of(kOpenSarahEvent) : span_of(kOpenSarah));
  w.sentence(span_of(kSarahHeader));
  body(w, t, voice, budget);
  if (t.violence && t.deficiency) deficiency_sentences(w, t, 1 + static_cast<int>(draw(rng, 2)));
  if (percent(rng, 75)) {
    w.sentence(span_of(kSarahMeasures));
    if (t.violence && !t.deficiency) followup_sentence(w, t);
    else w.sentence(span_of(kMeasuresNeutral));
  }
  if (percent(rng, 45) && static_cast<int>(w.length()) < budget) w.sentence(span_of(kCloseSarah));
}

void write_maria(Writer& w, const Truth& t, Voice voice, int budget) {
  Rng& rng = w.rng();
  w.sentence(span_of(kOpenMaria));
  body(w, t, voice, budget);
  handling(w, t, 2);
  if (percent(rng, 60)) w.sentence(span_of(kCloseMaria));
}

void write_nonexec(Writer& w, const Truth& t, Voice voice, int budget) {
  Rng& rng = w.rng();
  const Table generic = t.group == AgeGroup::child   ? span_of(kInsatsChild)
                        : t.group == AgeGroup::elder ? span_of(kInsatsElder)
                                                     : span_of(kInsatsAdult);
  w.insats = (t.violence && t.deficiency) ? w.pick(span_of(kInsatsViolence)) : w.pick(generic);
  w.sentence(span_of(kOpenNonExec));
  if (percent(rng, 80)) w.sentence(span_of(kNonExecReason));
  if (t.violence) {
    victim_intro(w, t, voice);
    violence_core(w, t);
    if (t.deficiency && percent(rng, 40)) deficiency_sentences(w, t, 1);
  } else if (t.mention != Mention::plain || t.hard || percent(rng, 50)) {
    body(w, t, voice, budget);
  }
  if (percent(rng, 60)) w.sentence(span_of(kCloseNonExec));
}

void write_survey(Writer& w, const Truth& t, Voice voice) {
  Rng& rng = w.rng();
  w.sentence(span_of(kSurveyPrefix));
  if (t.violence) {
    victim_intro(w, t, voice);
    violence_core(w, t);
    if (t.deficiency) deficiency_sentences(w, t, 1);
  } else if (t.mention == Mention::hypothetical) {
    w.sentence(t.deficiency ? span_of(kSurveyHypDeficient) : span_of(kSurveyHypOk));
    if (percent(rng, 40)) hypothetical_body(w, t, 1);
  } else if (t.mention == Mention::negated) {
    negated_body(w, t, voice);
  } else if (t.hard) {
    hard_body(w, t);
  } else {
    w.sentence(span_of(kSurveyOrd));
    if (percent(rng, 40)) w.sentence(span_of(kSurveyOrd));
  }
}

void write_dialogue(Writer& w, const Truth& t, Voice voice, int budget) {
  Rng& rng = w.rng();
  w.sentence(span_of(kOpenDialogue));
  body(w, t, voice, budget);
  handling(w, t, 1);
  if (percent(rng, 70)) {
    w.sentence((t.deficiency && t.mention != Mention::negated) ? span_of(kDialogueManyDeficient)
                                                               : span_of(kDialogueMany));
  }
  if (percent(rng, 45) && static_cast<int>(w.length()) < budget) w.sentence(span_of(kCloseDialogue));
}

void write_other(Writer& w, const Truth& t, Voice voice, int budget) {
  Rng& rng = w.rng();
  w.sentence(span_of(kOpenOther));
  body(w, t, voice, budget);
  handling(w, t, 2);
  if (percent(rng, 55)) w.sentence(t.deficiency ? span_of(kCloseOtherDeficient) : span_of(kCloseOther));
}

// ---------------------------------------------------------------------------
// Noise: typos and texts typed without å, ä, ö.

uint64_t threshold(double p) {
  if (!(p > 0)) return 0;
  if (p >= 1) return UINT64_MAX;
  return static_cast<uint64_t>(p * 0x1.0p64);
}

inline bool ascii_lower(char c) { return c >= 'a' && c <= 'z'; }

// Swaps two adjacent different letters, or drops one, inside the word [b, e).
// Only ASCII letters are touched, so the text stays valid UTF-8.
bool make_typo(std::string& s, size_t b, size_t e, Rng& rng) {
  if (e - b < 4) return false;
  const bool swap = (rng.next() >> 63) != 0;
  uint32_t candidates = 0;
  for (size_t k = b + 1; k + 1 < e; ++k) {
    if (swap ? (ascii_lower(s[k]) && ascii_lower(s[k + 1]) && s[k] != s[k + 1]) : ascii_lower(s[k]))
      ++candidates;
  }
  if (candidates == 0) return false;
  uint32_t chosen = draw(rng, candidates);
  for (size_t k = b + 1; k + 1 < e; ++k) {
    if (swap ? (ascii_lower(s[k]) && ascii_lower(s[k + 1]) && s[k] != s[k + 1]) : ascii_lower(s[k])) {
      if (chosen-- == 0) {
        if (swap) {
          const char c = s[k];
          s[k] = s[k + 1];
          s[k + 1] = c;
        } else {
          s.erase(k, 1);
        }
        return true;
      }
    }
  }
  return false;
}

void strip_diacritics(std::string& s, size_t from) {
  size_t out = from;
  for (size_t i = from; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0xC3 && i + 1 < s.size()) {
      const unsigned char d = static_cast<unsigned char>(s[i + 1]);
      char r = 0;
      if (d == 0xA5 || d == 0xA4) r = 'a';
      else if (d == 0xB6) r = 'o';
      else if (d == 0x85 || d == 0x84) r = 'A';
      else if (d == 0x96) r = 'O';
      if (r != 0) {
        s[out++] = r;
        ++i;
        continue;
      }
    }
    s[out++] = static_cast<char>(c);
  }
  s.resize(out);
}

// Typos are placed by byte distance rather than by walking every word: gaps drawn
// uniformly in [0, 2 * mean) bytes, where the mean is the mean word length (with its
// space) divided by the rate per word. The first gap comes from the stationary
// distribution of that renewal process (density falling linearly from 1/mean to 0), so
// short texts get their share too. The word under the chosen byte gets the typo, or
// the next word that can take one. (std::sqrt is exactly rounded, so this is
// deterministic.)
constexpr double kBytesPerWord = 6.4;

void apply_noise(std::string& s, size_t from, Rng& rng, const NarrativeNoise& noise) {
  const bool strip = rng.next() < threshold(noise.no_diacritics_share);
  if (noise.typo_per_word > 0) {
    const double mean = kBytesPerWord / noise.typo_per_word;
    const uint32_t span = mean >= 1e9 ? 2000000000u : static_cast<uint32_t>(2 * mean) + 1;
    const double first = 2 * mean * (1 - std::sqrt(1 - rng.uniform()));
    size_t at = from + (first >= 1e9 ? 2000000000u : static_cast<size_t>(first));
    while (at < s.size()) {
      size_t b = at;
      while (b > from && s[b - 1] != ' ') --b;
      size_t e = at;
      while (e < s.size() && s[e] != ' ') ++e;
      if (make_typo(s, b, e, rng)) {
        at = e - 1 + draw(rng, span);  // the word may have lost a letter
      } else {
        at = e + 1;
      }
    }
  }
  if (strip) strip_diacritics(s, from);
}


// ---------------------------------------------------------------------------
// Grammar check, for tests.

constexpr Table kAllTables[] = {
    span_of(kSubj),
    span_of(kObj),
    span_of(kPossEn),
    span_of(kPossEtt),
    span_of(kPossPl),
    span_of(kRefl),
    span_of(kReflEn),
    span_of(kReflEtt),
    span_of(kReflPl),
    span_of(kFemaleNames),
    span_of(kOldFemaleNames),
    span_of(kMaleNames),
    span_of(kOldMaleNames),
    span_of(kUnisexNames),
    span_of(kTowns),
    span_of(kDates),
    span_of(kDatesBare),
    span_of(kInjuries),
    span_of(kOrganisationsNeutral),
    span_of(kOrganisations),
    span_of(kPhysVp),
    span_of(kPhysNp),
    span_of(kPhysPast),
    span_of(kPhysNow),
    span_of(kPhysInst),
    span_of(kPhysHist),
    span_of(kPsychVp),
    span_of(kPsychNp),
    span_of(kPsychPast),
    span_of(kPsychNow),
    span_of(kPsychInst),
    span_of(kPsychHist),
    span_of(kSexVp),
    span_of(kSexNp),
    span_of(kSexPast),
    span_of(kSexNow),
    span_of(kSexInst),
    span_of(kSexHist),
    span_of(kEconVp),
    span_of(kEconNp),
    span_of(kEconPast),
    span_of(kEconNow),
    span_of(kEconInst),
    span_of(kEconHist),
    span_of(kHonourNow),
    span_of(kHonourHist),
    span_of(kForcedNow),
    span_of(kForcedHist),
    span_of(kFgmNow),
    span_of(kFgmHist),
    span_of(kNeglVp),
    span_of(kNeglNp),
    span_of(kNeglPast),
    span_of(kNeglNowChild),
    span_of(kNeglNowAdult),
    span_of(kNeglInst),
    span_of(kNeglHist),
    span_of(kVpFrames),
    span_of(kNpFrames),
    span_of(kNpFramesNoActor),
    span_of(kActorNamed),
    span_of(kGenericViolence),
    span_of(kGenericViolenceNoActor),
    span_of(kGenericViolenceHist),
    span_of(kKvinnofrid),
    span_of(kFridskrank),
    span_of(kGenericVp),
    span_of(kSecondActor),
    span_of(kLethalPast),
    span_of(kLethalNow),
    span_of(kLethalInst),
    span_of(kLethalHonour),
    span_of(kLethalHist),
    span_of(kWitnessNow),
    span_of(kWitnessHist),
    span_of(kKidsFull),
    span_of(kSiblingsFull),
    span_of(kGrandchildrenFull),
    span_of(kChildContextSmall),
    span_of(kChildContextSchool),
    span_of(kChildContextTeen),
    span_of(kChildContextOlderTeen),
    span_of(kElderContext),
    span_of(kElderContextF),
    span_of(kElderContextM),
    span_of(kConsequenceNow),
    span_of(kConsequenceInst),
    span_of(kConsequenceHist),
    span_of(kClosurePartner),
    span_of(kClosureFamily),
    span_of(kClosureStaff),
    span_of(kClosureCo),
    span_of(kClosureOther),
    span_of(kHistIntro),
    span_of(kHistIntroPartner),
    span_of(kHistIntroChild),
    span_of(kFollowAny),
    span_of(kFollowSocial),
    span_of(kFollowChild),
    span_of(kFollowHealth),
    span_of(kFollowStaff),
    span_of(kFollowCo),
    span_of(kFollowHist),
    span_of(kDefAny),
    span_of(kDefSocial),
    span_of(kDefChild),
    span_of(kDefHealth),
    span_of(kDefStaff),
    span_of(kDefCo),
    span_of(kDefHonour),
    span_of(kDefHist),
    span_of(kNegAny),
    span_of(kNegHealth),
    span_of(kNegSocial),
    span_of(kNegInst),
    span_of(kNegDeficient),
    span_of(kDenial),
    span_of(kHypDeficient),
    span_of(kHypOk),
    span_of(kHardAny),
    span_of(kHardSocial),
    span_of(kHardHealth),
    span_of(kHardInst),
    span_of(kOrdAny),
    span_of(kOrdHealth),
    span_of(kOrdSocial),
    span_of(kOrdHome),
    span_of(kAuxPlain),
    span_of(kAuxFormal),
    span_of(kAuxTip),
    span_of(kAuxHist),
    span_of(kFinPlain),
    span_of(kFinHist),
    span_of(kFreqPlain),
    span_of(kFreqHistPartner),
    span_of(kFreqHist),
    span_of(kFreqChild),
    span_of(kFreqInstHist),
    span_of(kTimePlain),
    span_of(kTimeHistPartner),
    span_of(kTimeHist),
    span_of(kTimeChild),
    span_of(kTimeInstHist),
    span_of(kFrameTip),
    span_of(kFrameRelative),
    span_of(kFrameSelf),
    span_of(kFrameFormal),
    span_of(kFrameDialogue),
    span_of(kPlaceHome),
    span_of(kPlaceOut),
    span_of(kOpenSelf),
    span_of(kOpenRelative),
    span_of(kEmotion),
    span_of(kCloseComplaint),
    span_of(kOpenTip),
    span_of(kCloseTip),
    span_of(kOpenSarahEvent),
    span_of(kOpenSarah),
    span_of(kSarahHeader),
    span_of(kSarahMeasures),
    span_of(kCloseSarah),
    span_of(kOpenMaria),
    span_of(kCloseMaria),
    span_of(kInsatsChild),
    span_of(kInsatsAdult),
    span_of(kInsatsElder),
    span_of(kInsatsViolence),
    span_of(kOpenNonExec),
    span_of(kNonExecReason),
    span_of(kCloseNonExec),
    span_of(kSurveyPrefix),
    span_of(kSurveyHypDeficient),
    span_of(kSurveyHypOk),
    span_of(kSurveyOrd),
    span_of(kOpenDialogue),
    span_of(kDialogueMany),
    span_of(kDialogueManyDeficient),
    span_of(kCloseDialogue),
    span_of(kOpenOther),
    span_of(kCloseOtherDeficient),
    span_of(kCloseOther),
    span_of(kIntroGeneric),
    span_of(kIntroDialogue),
    span_of(kSettingResident),
    span_of(kSettingHealth),
    span_of(kSettingSocial),
    span_of(kSettingHome),
    span_of(kMeasuresNeutral),
};
constexpr ActorTable kAllActors[] = {
    span_of(kIfoStaff),
    span_of(kIfoCo),
    span_of(kLssStaff),
    span_of(kLssCo),
    span_of(kHvbStaff),
    span_of(kYouthCo),
    span_of(kSisStaff),
    span_of(kElderStaff),
    span_of(kElderCo),
    span_of(kHomeStaff),
    span_of(kHomeCo),
    span_of(kShelterStaff),
    span_of(kShelterCo),
    span_of(kHealthStaff),
    span_of(kEdStaff),
    span_of(kPsychStaff),
    span_of(kMaternityStaff),
    span_of(kPatientCo),
    span_of(kOtherStaff),
    span_of(kOtherCo),
    span_of(kPartnerOfWoman),
    span_of(kExPartnerOfWoman),
    span_of(kOldPartnerOfWoman),
    span_of(kPartnerOfMan),
    span_of(kExPartnerOfMan),
    span_of(kOldPartnerOfMan),
    span_of(kPartnerOfWomanSame),
    span_of(kPartnerOfAnyone),
    span_of(kPartnerOfTeen),
    span_of(kFamilyOfChild),
    span_of(kFamilyOfAdult),
    span_of(kFamilyOfMidlife),
    span_of(kFamilyOfElder),
    span_of(kUnknownActors),
    span_of(kUnknownActorsYoung),
    span_of(kUnknownActorsOld),
};
constexpr RoleTable kAllRoles[] = {
    span_of(kRelChildF),
    span_of(kRelChildM),
    span_of(kRelChildU),
    span_of(kRelAdultF),
    span_of(kRelAdultM),
    span_of(kRelAdultU),
    span_of(kRelElderF),
    span_of(kRelElderM),
    span_of(kRelElderU),
    span_of(kChildF),
    span_of(kChildM),
    span_of(kChildU),
    span_of(kYouthRoles),
    span_of(kAdultF),
    span_of(kAdultM),
    span_of(kAdultU),
    span_of(kElderF),
    span_of(kElderM),
    span_of(kElderU),
    span_of(kClientRoles),
    span_of(kDialogueF),
    span_of(kDialogueM),
    span_of(kDialogueU),
};

constexpr std::string_view kSlots = "VONvopqwrstyYASabEeBUuCcIKkMJHPhjFTQlDdXLGZR#";

// Empty if `tpl` is well formed, else what is wrong with it.
std::string check_template(const char* tpl) {
  const std::string_view t(tpl);
  char stack[32];
  int depth = 0;
  int digits = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    digits = (c >= '0' && c <= '9') ? digits + 1 : 0;
    if (digits >= 5) return "a long digit sequence";
    if (c == '(' || c == '[') {
      if (depth == 32) return "nested too deep";
      stack[depth++] = c;
    } else if (c == ')' || c == ']') {
      if (depth == 0 || stack[depth - 1] != (c == ')' ? '(' : '[')) return "unbalanced brackets";
      --depth;
    } else if (c == '|') {
      if (depth == 0 || stack[depth - 1] != '(') return "| outside ( )";
    } else if (c == '$') {
      if (i + 1 == t.size() || kSlots.find(t[i + 1]) == std::string_view::npos) return "unknown slot";
      ++i;
    } else if (c == ' ' && i + 1 < t.size() && t[i + 1] == ' ') {
      return "double space";
    }
  }
  if (depth != 0) return "unclosed bracket";
  return "";
}

struct Compiled {
  std::vector<Op> ops;
  std::vector<uint32_t> starts;
  // Open addressing from template address to program start.
  static constexpr size_t kBuckets = size_t{1} << 14;
  std::vector<const char*> keys = std::vector<const char*>(kBuckets, nullptr);
  std::vector<uint32_t> values = std::vector<uint32_t>(kBuckets, 0);

  static size_t bucket(const char* p) {
    return static_cast<size_t>((reinterpret_cast<uintptr_t>(p) * 0x9E3779B97F4A7C15ULL) >> 50) &
           (kBuckets - 1);
  }

  void add(const char* tpl) {
    size_t b = bucket(tpl);
    while (keys[b] != nullptr) {
      if (keys[b] == tpl) return;
      b = (b + 1) & (kBuckets - 1);
    }
    keys[b] = tpl;
    values[b] = static_cast<uint32_t>(ops.size());
    sequence(tpl);
    ops.push_back(Op{kOpEnd, 0, 0, 0, 0, 0, nullptr});
  }

  int64_t find(const char* tpl) const {
    for (size_t b = bucket(tpl);; b = (b + 1) & (kBuckets - 1)) {
      if (keys[b] == tpl) return values[b];
      if (keys[b] == nullptr) return -1;
    }
  }

  // Compiles text up to the end of the current sequence: ')' '|' ']' or the end.
  const char* sequence(const char* p) {
    for (;;) {
      const char* q = p;
      while (!kSpecial.has[static_cast<unsigned char>(*q)]) ++q;
      if (q > p) ops.push_back(Op{kOpText, 0, 0, static_cast<uint32_t>(q - p), 0, 0, p});
      switch (*q) {
        case '$':
          if (q[1] == '\0') return q + 1;
          ops.push_back(Op{kOpSlot, q[1], 0, 0, 0, 0, nullptr});
          p = q + 2;
          break;
        case '(': {
          const size_t at = ops.size();
          ops.push_back(Op{kOpChoice, 0, 0, 0, 0, 0, nullptr});
          uint32_t alternative[64];
          int n = 0;
          const char* r = q + 1;
          for (;;) {
            const uint32_t start = static_cast<uint32_t>(ops.size());
            if (n < 64) alternative[n++] = start;
            r = sequence(r);
            ops.push_back(Op{kOpEnd, 0, 0, 0, 0, 0, nullptr});
            if (*r != '|') break;
            ++r;
          }
          ops[at].count = static_cast<uint16_t>(n);
          ops[at].first = static_cast<uint32_t>(starts.size());
          starts.insert(starts.end(), alternative, alternative + n);
          ops[at].after = static_cast<uint32_t>(ops.size());
          if (*r != ')') return r;
          p = r + 1;
          break;
        }
        case '[': {
          const size_t at = ops.size();
          ops.push_back(Op{kOpOptional, 0, 0, 0, 0, 0, nullptr});
          const char* r = sequence(q + 1);
          ops.push_back(Op{kOpEnd, 0, 0, 0, 0, 0, nullptr});
          ops[at].after = static_cast<uint32_t>(ops.size());
          if (*r != ']') return r;
          p = r + 1;
          break;
        }
        default:  // '\0', ')', '|', ']'
          return q;
      }
    }
  }
};

const Compiled& compiled() {
  static const Compiled* const instance = [] {
    auto* c = new Compiled;
    c->ops.reserve(65536);
    for (const Table& t : kAllTables)
      for (uint32_t i = 0; i < t.size; ++i) c->add(t.items[i]);
    for (const ActorTable& t : kAllActors)
      for (uint32_t i = 0; i < t.size; ++i) {
        c->add(t.items[i].full);
        c->add(t.items[i].later);
      }
    for (const RoleTable& t : kAllRoles)
      for (uint32_t i = 0; i < t.size; ++i) {
        c->add(t.items[i].full);
        c->add(t.items[i].later);
      }
    auto unit = [&](const Unit& u) {
      for (const char* s : {u.full, u.short_, u.client, u.clients, u.client_indef, u.staff,
                            u.staff_coll, u.manager, u.doc, u.place, u.relation})
        c->add(s);
    };
    for (const Unit& u : kUnits) unit(u);
    unit(kPrincipal);
    return c;
  }();
  return *instance;
}

int64_t program_of(const Compiled& c, const char* tpl) { return c.find(tpl); }
const Op* ops_of(const Compiled& c) { return c.ops.data(); }
const uint32_t* starts_of(const Compiled& c) { return c.starts.data(); }

}  // namespace

// ---------------------------------------------------------------------------

void append_narrative(const NarrativeRequest& request, Rng& rng, const NarrativeNoise& noise,
                      std::string& out) {
  const size_t from = out.size();
  Rng noise_rng = rng.fork(uint64_t{0x4E4F495345ULL});  // "NOISE"; does not advance rng
  const Truth t = read_request(request, rng);
  Writer w(rng, out);
  w.unit = t.unit;

  Voice voice = Voice::third;
  if (t.reg == Reg::complaint) {
    const bool can_write = (t.group != AgeGroup::child || t.age >= 13) && !t.childhood;
    const uint32_t self_share = t.group == AgeGroup::elder ? 15 : t.unit->kind == kHealth ? 55 : 35;
    voice = (can_write && percent(rng, self_share)) ? Voice::self : Voice::relative;
    if (t.childhood && percent(rng, 50)) voice = Voice::self;
  } else if (t.reg == Reg::dialogue) {
    voice = Voice::dialogue;
  }
  set_victim(w, t, voice);

  // Perpetrators, in order of what the text is mostly about.
  Kind kinds[4] = {Kind::none, Kind::none, Kind::none, Kind::none};
  int n = 0;
  if (t.violence) {
    const bool want[4] = {t.partner, t.family, t.staff, t.co};
    const Kind as[4] = {Kind::partner, Kind::family, Kind::staff, Kind::co};
    for (int i = 0; i < 4; ++i)
      if (want[i]) kinds[n++] = as[i];
    if (n == 0) kinds[n++] = Kind::unknown;
  } else if (t.mention == Mention::negated) {
    kinds[n++] = percent(rng, 60) ? Kind::partner : Kind::family;
  }
  for (int i = 0; i < n && i < 2; ++i) set_actor(w, t, i, kinds[i]);
  for (int i = 1; i < n; ++i) w.extra_kinds[i - 1] = kinds[i];
  if (t.child_victim || (t.group == AgeGroup::child && !t.childhood)) {
    w.kids.full = w.pick(span_of(kSiblingsFull));
    w.kids.later = "syskonen";
  } else if (t.group == AgeGroup::elder) {
    w.kids.full = w.pick(span_of(kGrandchildrenFull));
    w.kids.later = "barnbarnen";
  } else {
    w.kids.full = w.pick(span_of(kKidsFull));
    w.kids.later = "barnen";
  }
  set_mode(w, t, voice);
  if (!t.violence && t.mention == Mention::plain) w.organisations = span_of(kOrganisationsNeutral);

  const int budget = 260 + static_cast<int>(draw(rng, 380));
  switch (t.reg) {
    case Reg::complaint: write_complaint(w, t, voice, budget); break;
    case Reg::tip: write_tip(w, t, voice, budget); break;
    case Reg::sarah: write_sarah(w, t, voice, budget); break;
    case Reg::maria: write_maria(w, t, voice, budget); break;
    case Reg::nonexec: write_nonexec(w, t, voice, budget); break;
    case Reg::survey: write_survey(w, t, voice); break;
    case Reg::dialogue: write_dialogue(w, t, voice, budget); break;
    case Reg::other: write_other(w, t, voice, budget); break;
  }
  apply_noise(out, from, noise_rng, noise);
}

std::string write_narrative(const NarrativeRequest& request, Rng& rng, const NarrativeNoise& noise) {
  std::string out;
  out.reserve(1024);
  append_narrative(request, rng, noise, out);
  return out;
}

std::string write_narrative(const NarrativeRequest& request, Rng& rng) {
  return write_narrative(request, rng, NarrativeNoise{});
}

std::string narrative_grammar_problem() {
  auto check = [](const char* tpl) -> std::string {
    std::string why = check_template(tpl);
    return why.empty() ? why : why + ": " + tpl;
  };
  for (const Table& t : kAllTables)
    for (uint32_t i = 0; i < t.size; ++i)
      if (std::string why = check(t.items[i]); !why.empty()) return why;
  for (const ActorTable& t : kAllActors)
    for (uint32_t i = 0; i < t.size; ++i)
      for (const char* s : {t.items[i].full, t.items[i].later})
        if (std::string why = check(s); !why.empty()) return why;
  for (const RoleTable& t : kAllRoles)
    for (uint32_t i = 0; i < t.size; ++i)
      for (const char* s : {t.items[i].full, t.items[i].later})
        if (std::string why = check(s); !why.empty()) return why;
  auto units = [&](const Unit& u) -> std::string {
    for (const char* s : {u.full, u.short_, u.client, u.clients, u.client_indef, u.staff, u.staff_coll,
                          u.manager, u.doc, u.place, u.relation})
      if (std::string why = check(s); !why.empty()) return why;
    return "";
  };
  for (const Unit& u : kUnits)
    if (std::string why = units(u); !why.empty()) return why;
  return units(kPrincipal);
}

}  // namespace vaksam::synth
