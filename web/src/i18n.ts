// Swedish by default, English selectable. Numbers, dates and sorting follow the
// chosen language's conventions through Intl (sv-SE: "1 234,5", "2024-03-01").
export type Lang = 'sv' | 'en';

const KEY = 'vaksam.lang';
let lang: Lang = (localStorage.getItem(KEY) as Lang) === 'en' ? 'en' : 'sv';

export function currentLang(): Lang {
  return lang;
}

export function setLang(l: Lang): void {
  lang = l;
  localStorage.setItem(KEY, l);
  document.documentElement.lang = l;
}

const locale = () => (lang === 'sv' ? 'sv-SE' : 'en-GB');

export function fmtInt(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(n);
}

export function fmtNum(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

export function fmtPct(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: digits }).format(n);
}

// Dates as ISO (YYYY-MM-DD) in Swedish, "1 Mar 2024" in English.
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso.length === 10 ? iso + 'T00:00:00Z' : iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (iso.length === 10)
    return new Intl.DateTimeFormat(locale(), { year: 'numeric', month: lang === 'sv' ? '2-digit' : 'short', day: '2-digit', timeZone: 'UTC' }).format(d);
  return new Intl.DateTimeFormat(locale(), { year: 'numeric', month: lang === 'sv' ? '2-digit' : 'short', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d);
}

export function fmtMonth(ym: string): string {
  const d = new Date(ym.slice(0, 7) + '-01T00:00:00Z');
  if (Number.isNaN(d.getTime())) return ym;
  return new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(d);
}

let collator: Intl.Collator | null = null;
let collatorLang: Lang | null = null;
export function compareText(a: string, b: string): number {
  if (!collator || collatorLang !== lang) {
    collator = new Intl.Collator(locale(), { numeric: true, sensitivity: 'base' });
    collatorLang = lang;
  }
  return collator.compare(a, b);
}

type Dict = Record<string, [string, string]>;

// [Swedish, English]
const texts: Dict = {
  app_name: ['Vaksam', 'Vaksam'],
  app_tagline: ['Riskbaserad tillsyn: våld i nära relationer', 'Risk-based supervision: violence in close relationships'],
  skip: ['Hoppa till innehållet', 'Skip to content'],
  nav_label: ['Huvudmeny', 'Main menu'],
  nav_overview: ['Översikt', 'Overview'],
  nav_priority: ['Prioritering', 'Prioritisation'],
  nav_cases: ['Ärenden', 'Cases'],
  nav_followup: ['Uppföljning', 'Follow-up'],
  nav_planning: ['Planering', 'Planning'],
  nav_stats: ['Statistik', 'Statistics'],
  nav_import: ['Import', 'Import'],
  nav_account: ['Mitt konto', 'My account'],
  language: ['Språk', 'Language'],
  switch_lang: ['In English', 'På svenska'],
  sign_in: ['Logga in', 'Sign in'],
  sign_out: ['Logga ut', 'Sign out'],
  signed_in_as: ['Inloggad som', 'Signed in as'],
  user_name: ['Användarnamn', 'User name'],
  password: ['Lösenord', 'Password'],
  sign_in_intro: [
    'Logga in med ditt konto. Vad du får se beror på din roll; varje åtkomst till personuppgifter loggas.',
    'Sign in with your account. What you may see depends on your role; every access to personal data is logged.',
  ],
  loading: ['Hämtar …', 'Loading …'],
  not_available: ['Inte tillgängligt ännu', 'Not available yet'],
  not_available_route: [
    'Servern erbjuder inte den här uppgiften ännu ({route}). Vyn visas när tjänsten finns.',
    'The server does not offer this yet ({route}). The view appears when the service exists.',
  ],
  forbidden_role: [
    'Din roll ({role}) ger inte åtkomst till detta. Kontakta en administratör om du behöver det i ditt arbete.',
    'Your role ({role}) does not give access to this. Contact an administrator if your work requires it.',
  ],
  error: ['Något gick fel', 'Something went wrong'],
  retry: ['Försök igen', 'Try again'],
  show_table: ['Visa som tabell', 'Show as table'],
  table_alt: ['Tabell över diagrammet', 'Table of the chart'],
  as_of: ['Data per', 'Data as of'],
  // overview
  key_figures: ['Nyckeltal', 'Key figures'],
  trend_12m: ['{change} % senaste 12 mån mot de 12 före', '{change}% in the last 12 months vs the 12 before'],
  cases_total: ['Ärenden', 'Cases'],
  screened: ['Screenade', 'Screened'],
  violence_flagged: ['Med våldssignal', 'With violence signal'],
  handling_deficiency: ['Tecken på brist i handläggning', 'Signs of deficient handling'],
  units: ['Verksamheter', 'Units'],
  principals: ['Huvudmän', 'Principals'],
  inspections: ['Tillsynsinsatser', 'Inspections'],
  deficiencies: ['Brister', 'Deficiencies'],
  last_import: ['Senaste import', 'Last import'],
  map_title: ['Karta', 'Map'],
  map_level: ['Nivå', 'Level'],
  map_colour_by: ['Färg efter', 'Colour by'],
  priority_score: ['Prioritet (poäng)', 'Priority (score)'],
  level_municipality: ['Kommun', 'Municipality'],
  level_region: ['Region', 'Region'],
  level_unit: ['Verksamhet', 'Unit'],
  level_principal: ['Huvudman', 'Principal'],
  map_hint: [
    'Välj ett område på kartan eller i tabellen för att öppna dess profil.',
    'Choose an area on the map or in the table to open its profile.',
  ],
  map_no_risk: [
    'Ingen riskberäkning finns att visa; kartan visar bara gränserna.',
    'No risk computation to show; the map shows boundaries only.',
  ],
  newest_alarms: ['Senaste larm', 'Newest alarms'],
  no_alarms: ['Inga larm gäller just nu.', 'No alarms in force.'],
  violence_by_month: ['Ärenden med våldssignal per månad', 'Cases with a violence signal by month'],
  month: ['Månad', 'Month'],
  count: ['Antal', 'Count'],
  suppressed_note: [
    'Små tal är undertryckta (visas som ..) så att ingen person kan identifieras.',
    'Small counts are suppressed (shown as ..) so that no person can be identified.',
  ],
  severity: ['Allvarlighet', 'Severity'],
  sev_high: ['Hög', 'High'],
  sev_moderate: ['Måttlig', 'Moderate'],
  sev_low: ['Låg', 'Low'],
  sev_none: ['Ingen', 'None'],
  // priority
  ranked_list: ['Rangordnad lista', 'Ranked list'],
  rank: ['Rang', 'Rank'],
  name: ['Namn', 'Name'],
  score: ['Poäng', 'Score'],
  rank_interval: ['Rangintervall', 'Rank interval'],
  contributions: ['Bidrag', 'Contributions'],
  method_dependent: ['Metodberoende', 'Method-dependent'],
  method_dependent_help: [
    'Flaggningen ändras med en annan rimlig metod: bedöm med extra försiktighet.',
    'The flag changes with another reasonable method: judge with extra care.',
  ],
  alarm: ['Larm', 'Alarm'],
  alarm_since: ['Larm sedan {since}', 'Alarm since {since}'],
  flagged: ['Flaggad', 'Flagged'],
  open_profile: ['Öppna profil', 'Open profile'],
  profile: ['Profil', 'Profile'],
  indicators: ['Indikatorer', 'Indicators'],
  indicator: ['Indikator', 'Indicator'],
  observed: ['Observerat', 'Observed'],
  expected: ['Förväntat', 'Expected'],
  ratio: ['Kvot', 'Ratio'],
  interval: ['Intervall', 'Interval'],
  funnel_plot: ['Trattdiagram', 'Funnel plot'],
  funnel_help: [
    'Varje punkt är en enhet; gränserna visar vad slumpen kan förklara (95 % och 99,8 %, med överspridning). Den valda enheten är markerad.',
    'Each point is one entity; the limits show what chance can explain (95% and 99.8%, with overdispersion). The chosen entity is highlighted.',
  ],
  denominator: ['Nämnare', 'Denominator'],
  value: ['Värde', 'Value'],
  outside_limits: ['Utanför gränserna', 'Outside the limits'],
  yes: ['Ja', 'Yes'],
  no: ['Nej', 'No'],
  evidence_cases: ['Ärenden bakom signalerna', 'Cases behind the signals'],
  freshness: ['Aktualitet', 'Freshness'],
  last_signal: ['Senaste signal', 'Last signal'],
  last_inspection: ['Senaste tillsyn', 'Last inspection'],
  back_to_list: ['Tillbaka till listan', 'Back to the list'],
  time_series: ['Signaler över tid', 'Signals over time'],
  level: ['Nivå', 'Level'],
  this_entity: ['Vald enhet', 'Chosen entity'],
  others: ['Övriga', 'Others'],
  target: ['Riksnivå', 'National level'],
  points: ['poäng', 'points'],
  sensitivity: ['Känslighet', 'Sensitivity'],
  // cases
  triage_queue: ['Ärenden att bedöma', 'Cases to assess'],
  triage_intro: [
    'Ärenden där screeningen fann tecken på våld, de allvarligaste och nyaste först. Varje öppnat ärende loggas.',
    'Cases where screening found signs of violence, most serious and newest first. Every opened case is logged.',
  ],
  case_id: ['Ärende', 'Case'],
  case_kind: ['Ärendetyp', 'Case kind'],
  received: ['Inkom', 'Received'],
  unit: ['Verksamhet', 'Unit'],
  categories: ['Kategorier', 'Categories'],
  decision: ['Beslut', 'Decision'],
  undecided: ['Ej bedömt', 'Not assessed'],
  filter: ['Filtrera', 'Filter'],
  all: ['Alla', 'All'],
  decided_filter: ['Bedömning', 'Assessment'],
  only_undecided: ['Endast ej bedömda', 'Only not assessed'],
  only_decided: ['Endast bedömda', 'Only assessed'],
  previous: ['Föregående', 'Previous'],
  next: ['Nästa', 'Next'],
  showing: ['Visar {from}–{to} av {total}', 'Showing {from}–{to} of {total}'],
  case_text: ['Ärendets text', 'Case text'],
  text_redacted: [
    'Texten är avidentifierad (namn, nummer och adresser är ersatta) enligt din roll.',
    'The text is redacted (names, numbers and addresses replaced) according to your role.',
  ],
  text_full: ['Fullständig text (du har behörighet för enheten).', 'Full text (you are authorised for this unit).'],
  evidence: ['Belägg', 'Evidence'],
  evidence_help: [
    'Markerade ord är de textavsnitt som gav signalerna; numren hänvisar till listan.',
    'Highlighted words are the passages that gave the signals; the numbers refer to the list.',
  ],
  lethal_markers: ['Markörer för dödligt våld', 'Lethal-risk markers'],
  exposed: ['Utsatt', 'Exposed'],
  context: ['Sammanhang', 'Context'],
  flags: ['Signaler att pröva', 'Signals to review'],
  flags_help: [
    'Bekräfta eller avvisa varje signal. Besluten sparas och används för att mäta screeningens kvalitet.',
    'Confirm or reject each signal. The decisions are kept and used to measure the screening’s quality.',
  ],
  confirm: ['Bekräfta', 'Confirm'],
  reject: ['Avvisa', 'Reject'],
  confirmed: ['Bekräftad', 'Confirmed'],
  rejected: ['Avvisad', 'Rejected'],
  not_reviewed: ['Ej prövad', 'Not reviewed'],
  by_on: ['av {who}, {when}', 'by {who}, {when}'],
  triage_decision: ['Bedömning', 'Triage decision'],
  decision_initiate_supervision: ['Inled tillsyn', 'Initiate supervision'],
  decision_no_action: ['Ingen åtgärd', 'No action'],
  decision_forward: ['Överlämna', 'Forward'],
  reason: ['Motivering', 'Reason'],
  forwarded_to: ['Överlämnas till', 'Forwarded to'],
  save_decision: ['Spara bedömningen', 'Save the decision'],
  saved: ['Sparat.', 'Saved.'],
  earlier_decisions: ['Tidigare bedömningar', 'Earlier decisions'],
  none_yet: ['Inga ännu.', 'None yet.'],
  not_screened: ['Ärendet är inte screenat.', 'The case has not been screened.'],
  viewer_no_text: [
    'Din roll ser bara sammanställd statistik, inte enskilda ärenden. Det skyddar de personer som ärendena handlar om.',
    'Your role sees aggregated statistics only, not individual cases. This protects the people the cases are about.',
  ],
  // follow-up
  followup_intro: [
    'Brister från tillsynsbeslut: försenade, snart förfallna och återkommande. Ändra status när en redovisning kommer in eller har prövats.',
    'Deficiencies from inspection decisions: overdue, due soon and recurring. Change the status when an account arrives or has been assessed.',
  ],
  overdue: ['Försenade', 'Overdue'],
  due_soon: ['Förfaller snart', 'Due soon'],
  recurring: ['Återkommande', 'Recurring'],
  other_open: ['Övriga öppna', 'Other open'],
  deadline: ['Sista dag', 'Deadline'],
  status: ['Status', 'Status'],
  category: ['Kategori', 'Category'],
  new_status: ['Ny status', 'New status'],
  status_date: ['Datum', 'Date'],
  note: ['Anteckning', 'Note'],
  change_status: ['Ändra status', 'Change status'],
  required_action: ['Krav på åtgärd', 'Required action'],
  // planning
  planning_intro: [
    'Bygg en tillsynsplan från kapaciteten: de högst prioriterade enheterna, plus en slumpad andel så att rangordningen kan utvärderas och alla kan granskas.',
    'Build an inspection plan from capacity: the highest-priority units, plus a random share so that the ranking can be evaluated and anyone may be inspected.',
  ],
  capacity: ['Kapacitet (antal tillsyner)', 'Capacity (number of inspections)'],
  random_share: ['Slumpad andel (%)', 'Random share (%)'],
  plan_seed: ['Slumpfrö', 'Random seed'],
  build_plan: ['Bygg plan', 'Build plan'],
  plan: ['Plan', 'Plan'],
  selection: ['Urval', 'Selection'],
  by_priority: ['Prioritet', 'Priority'],
  by_lottery: ['Slumpad', 'Random'],
  saved_plans: ['Sparade planer', 'Saved plans'],
  // statistics
  stats_intro: [
    'Könsuppdelad statistik. Små tal undertrycks (..) så att ingen kan identifieras. Intervall är 95 % konfidensintervall.',
    'Sex-disaggregated statistics. Small counts are suppressed (..) so that no one can be identified. Intervals are 95% confidence intervals.',
  ],
  sex: ['Kön', 'Sex'],
  sex_female: ['Kvinnor', 'Women'],
  sex_male: ['Män', 'Men'],
  sex_unknown: ['Okänt', 'Unknown'],
  rate: ['Andel per 100 000', 'Rate per 100,000'],
  lower: ['Nedre gräns', 'Lower limit'],
  upper: ['Övre gräns', 'Upper limit'],
  suppressed: ['Undertryckt', 'Suppressed'],
  breakdown: ['Uppdelning', 'Breakdown'],
  table: ['Tabell', 'Table'],
  notes: ['Anmärkningar', 'Notes'],
  // import
  import_intro: [
    'Ladda upp en CSV- eller JSON Lines-fil. Hela filen importeras eller ingenting; personnummer ersätts med pseudonymer direkt.',
    'Upload a CSV or JSON Lines file. The whole file is imported or nothing; personal identity numbers are replaced by pseudonyms at once.',
  ],
  file: ['Fil', 'File'],
  entity: ['Typ av uppgifter', 'Kind of records'],
  entity_auto: ['Avgör från filnamnet', 'Tell from the file name'],
  upload: ['Ladda upp och validera', 'Upload and validate'],
  report: ['Valideringsrapport', 'Validation report'],
  outcome: ['Utfall', 'Outcome'],
  outcome_imported: ['Importerad', 'Imported'],
  outcome_no_changes: ['Inga ändringar', 'No changes'],
  outcome_validated: ['Validerad', 'Validated'],
  outcome_refused: ['Avvisad – inget importerades', 'Refused – nothing was imported'],
  rows: ['Rader', 'Rows'],
  new: ['Nya', 'New'],
  changed: ['Ändrade', 'Changed'],
  unchanged: ['Oförändrade', 'Unchanged'],
  rejected_rows: ['Avvisade', 'Rejected'],
  errors: ['Fel', 'Errors'],
  line: ['Rad', 'Line'],
  field: ['Fält', 'Field'],
  earlier_imports: ['Tidigare importer', 'Earlier imports'],
  imported_by: ['Importerad av', 'Imported by'],
  finished: ['Klar', 'Finished'],
  choose_file: ['Välj en fil först.', 'Choose a file first.'],
  // account
  who_am_i: ['Vem är jag?', 'Who am I?'],
  role: ['Roll', 'Role'],
  role_administrator: ['Administratör', 'Administrator'],
  role_analyst: ['Analytiker', 'Analyst'],
  role_inspector: ['Inspektör', 'Inspector'],
  role_viewer: ['Läsare', 'Viewer'],
  role_auditor: ['Granskare (logg)', 'Auditor'],
  may_do: ['Vad din roll får göra', 'What your role may do'],
  perm_case_text: ['Ärendetext', 'Case text'],
  perm_case_text_full: ['fullständig', 'full'],
  perm_case_text_full_assigned: ['fullständig för tilldelade enheter, annars avidentifierad', 'full for assigned units, otherwise redacted'],
  perm_case_text_redacted: ['avidentifierad', 'redacted'],
  perm_case_text_none: ['ingen', 'none'],
  perm_case_records: ['Enskilda ärenden', 'Individual cases'],
  perm_pseudonyms: ['Pseudonymer', 'Pseudonyms'],
  perm_aggregates: ['Sammanställd statistik', 'Aggregated statistics'],
  perm_risk_and_followup: ['Riskanalys och uppföljning', 'Risk analysis and follow-up'],
  perm_audit_trail: ['Loggen över åtkomst', 'The audit trail'],
  perm_write: ['Registrera beslut och importera', 'Record decisions and import'],
  perm_administer: ['Hantera användare', 'Manage users'],
  assigned_units: ['Tilldelade verksamheter', 'Assigned units'],
  allowed_routes: ['Tillåtna anrop i API:t', 'Allowed API calls'],
  session_expired: ['Sessionen har gått ut. Logga in igen.', 'The session has expired. Sign in again.'],
  not_found_page: ['Sidan finns inte.', 'The page does not exist.'],
};

export function t(key: string, vars?: Record<string, string | number>): string {
  const pair = texts[key];
  let s = pair ? pair[lang === 'sv' ? 0 : 1] : key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

export function has(key: string): boolean {
  return key in texts;
}

// Code lists the server sends as codes.
const codes: Record<string, Dict> = {
  category: {
    physical: ['Fysiskt våld', 'Physical violence'],
    sexual: ['Sexuellt våld', 'Sexual violence'],
    psychological: ['Psykiskt våld', 'Psychological violence'],
    economic: ['Ekonomiskt våld', 'Economic violence'],
    honour_related: ['Hedersrelaterat våld', 'Honour-related violence'],
    forced_marriage: ['Tvångsäktenskap', 'Forced marriage'],
    fgm: ['Könsstympning', 'Female genital mutilation'],
    neglect: ['Försummelse', 'Neglect'],
    child_victim: ['Barn utsatt', 'Child victim'],
    child_witness: ['Barn som bevittnat våld', 'Child witness'],
    staff_perpetrator: ['Personal utövar', 'Staff perpetrator'],
    co_resident: ['Medboende utövar', 'Co-resident perpetrator'],
    partner: ['Partner utövar', 'Partner perpetrator'],
    family: ['Familjemedlem utövar', 'Family perpetrator'],
    elder_abuse: ['Våld mot äldre', 'Elder abuse'],
    lethal_risk: ['Risk för dödligt våld', 'Lethal risk'],
    violence: ['Våldssignal (helhet)', 'Violence signal (overall)'],
  },
  marker: {
    strangulation: ['Strypning', 'Strangulation'],
    threat_to_kill: ['Dödshot', 'Threat to kill'],
    weapon: ['Vapen', 'Weapon'],
    stalking: ['Förföljelse', 'Stalking'],
    separation: ['Separation', 'Separation'],
    escalation: ['Upptrappning', 'Escalation'],
    pregnancy: ['Graviditet', 'Pregnancy'],
    child_present: ['Barn närvarande', 'Child present'],
  },
  exposed: {
    woman: ['Kvinna', 'Woman'],
    person_with_disability: ['Person med funktionsnedsättning', 'Person with disability'],
    hbtqi_person: ['Hbtqi-person', 'LGBTQI person'],
    elderly_person: ['Äldre person', 'Elderly person'],
    child: ['Barn', 'Child'],
  },
  context: {
    negated: ['nekat', 'negated'],
    pseudo: ['ej våld', 'not violence'],
    possible: ['möjligt', 'possible'],
    denied: ['förnekat', 'denied'],
    alleged: ['påstått', 'alleged'],
    historical: ['tidigare', 'historical'],
    hypothetical: ['hypotetiskt', 'hypothetical'],
    generic: ['allmänt', 'generic'],
    question: ['fråga', 'question'],
    terminator: ['slut', 'terminator'],
  },
  case_kind: {
    complaint: ['Klagomål', 'Complaint'],
    tip: ['Upplysning', 'Tip'],
    lex_sarah: ['Lex Sarah-anmälan', 'Lex Sarah report'],
    lex_maria: ['Lex Maria-anmälan', 'Lex Maria report'],
    non_executed_decision: ['Ej verkställt beslut', 'Decision not executed'],
    survey_response: ['Enkätsvar', 'Survey response'],
    dialogue_input: ['Dialoginspel', 'Input from dialogue'],
    other: ['Övrigt', 'Other'],
    seclusion: ['Avskiljning', 'Seclusion'],
  },
  deficiency_status: {
    open: ['Öppen', 'Open'],
    account_received: ['Redovisning inkommen', 'Account of measures received'],
    accepted: ['Redovisning godtagen', 'Account accepted'],
    verified: ['Kontrollerad vid uppföljning', 'Verified at follow-up'],
    not_accepted: ['Redovisning ej godtagen', 'Account not accepted'],
    escalated: ['Eskalerad', 'Escalated'],
  },
  deficiency_category: {
    risk_assessment: ['Riskbedömning saknas eller är bristfällig', 'No or inadequate risk assessment'],
    children_not_noticed: ['Barn uppmärksammas eller utreds inte', 'Children not noticed or investigated'],
    investigation_documentation: ['Utredning och dokumentation brister', 'Inadequate investigation and documentation'],
    long_term_support: ['Långsiktigt stöd och uppföljning brister', 'Weak long-term support and follow-up'],
    self_monitoring: ['Egenkontroll brister', 'Weak self-monitoring'],
    competence_quality: ['Kompetens och kvalitetsarbete brister', 'Weak competence and quality work'],
    collaboration: ['Samverkan brister', 'Inadequate collaboration'],
    non_execution: ['Beslut verkställs inte', 'Decisions not executed'],
    other: ['Övrig brist', 'Other deficiency'],
  },
  entity: {
    cases: ['Ärenden', 'Cases'],
    units: ['Verksamheter', 'Units'],
    principals: ['Huvudmän', 'Principals'],
    inspections: ['Tillsynsinsatser', 'Inspections'],
    deficiencies: ['Brister', 'Deficiencies'],
    indicators: ['Externa indikatorer', 'External indicators'],
    placements: ['Placeringar', 'Placements'],
  },
};

export function code(list: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '–';
  const pair = codes[list]?.[value];
  return pair ? pair[lang === 'sv' ? 0 : 1] : value.replaceAll('_', ' ');
}

// A server text given in both languages ({name_sv, name_en} or {message_sv, message_en}).
export function pick(o: Record<string, unknown> | null | undefined, base: string): string {
  if (!o) return '';
  const v = o[`${base}_${lang}`] ?? o[`${base}_sv`] ?? o[base];
  return typeof v === 'string' ? v : '';
}
