import type { ApiErrorCode, AppError, ErrorCode, ErrorDetail, ErrorParams, Problem } from '../http/errors';
import type { IdProblem } from '../shared/swedish-ids';
import { label } from './web.labels.sv';

// The API names every problem by a stable code (src/http/errors.ts); its English messages are the
// API contract's and are never read here. People using the pages read Swedish: each code has its
// text in SV below, and the compiler refuses a code without one. The rules themselves stay where
// they are, in the API's schemas and services.

type Text = (p: ErrorParams) => string;

const str = (p: ErrorParams, key: string): string => String(p[key] ?? '');

/** Numbers up to twelve in words, as Swedish plain language writes them; larger ones as digits. */
const WORDS = [
  'noll',
  'ett',
  'två',
  'tre',
  'fyra',
  'fem',
  'sex',
  'sju',
  'åtta',
  'nio',
  'tio',
  'elva',
  'tolv',
];
const count = (p: ErrorParams, key: string): string => {
  const n = Number(p[key]);
  return Number.isInteger(n) && n >= 0 && n < WORDS.length ? WORDS[n]! : n.toLocaleString('sv-SE');
};
const digits = (p: ErrorParams, key: string): string => Number(p[key]).toLocaleString('sv-SE');
const onLine = (p: ErrorParams) => (p.line === undefined ? '' : ` på rad ${digits(p, 'line')}`);

const ID_PROBLEMS: Record<IdProblem, string> = {
  org_format: 'ska vara tio siffror som NNNNNN-NNNN (eventuellt med 16 före)',
  org_digits: 'siffra 3–4 ska vara minst 20',
  check_digit: 'kontrollsiffran stämmer inte',
  personal_format: 'ska skrivas ÅÅMMDD-NNNN eller ÅÅÅÅMMDD-NNNN',
  birth_date: 'födelsedatumet finns inte',
};
const idProblem = (p: ErrorParams): string => {
  const reason = str(p, 'reason');
  return Object.hasOwn(ID_PROBLEMS, reason) ? ID_PROBLEMS[reason as IdProblem] : 'numret godtas inte';
};

const JAV_CONFIRM =
  'Bekräfta att du inte är jävig genom att kryssa i rutan. Är du jävig ska en annan delegat fatta beslutet.';

/** Every code's Swedish text: the one place the pages turn an API problem into words. */
export const SV: Record<ErrorCode, Text> = {
  // Any field
  required: (p) => (p.expected === 'boolean' ? 'Välj ja eller nej.' : 'Fältet måste fyllas i.'),
  empty: () => 'Fältet får inte vara tomt.',
  too_short: (p) => `Minst ${digits(p, 'min')} tecken.`,
  too_long: (p) => `Högst ${digits(p, 'max')} tecken.`,
  too_few: (p) => `Minst ${digits(p, 'min')} stycken.`,
  too_many: (p) => `Högst ${digits(p, 'max')} stycken.`,
  number_too_small: (p) =>
    p.greaterThan === 0
      ? 'Ange ett tal större än noll.'
      : p.greaterThan !== undefined
        ? `Ange ett tal större än ${digits(p, 'greaterThan')}.`
        : `Värdet får vara lägst ${digits(p, 'min')}.`,
  number_too_large: (p) =>
    p.lessThan !== undefined
      ? `Ange ett tal mindre än ${digits(p, 'lessThan')}.`
      : `Värdet får vara högst ${digits(p, 'max')}.`,
  not_a_number: () => 'Ange ett tal.',
  not_an_integer: () => 'Ange ett heltal.',
  invalid_type: () => 'Uppgiften godtas inte.',
  invalid_option: () => 'Välj ett av alternativen.',
  must_be_true: () => 'Kryssa i rutan för att bekräfta.',
  invalid_id: () => 'Ogiltig identitet.',
  invalid_format: () => 'Uppgiften är inte skriven på rätt sätt.',
  unknown_field: () => 'Fältet hör inte till formuläret.',
  not_allowed: () => 'Fältet ska lämnas tomt här.',
  invalid: () => 'Uppgiften godtas inte.',
  // Text
  nul_character: (p) =>
    `Texten innehåller ett otillåtet tecken (NUL)${onLine(p)}. Ta bort det och försök igen.`,
  lone_surrogate: (p) =>
    `Texten innehåller ett ogiltigt tecken${onLine(p)}. Skriv in den på nytt och försök igen.`,
  control_characters: () => 'Fältet innehåller tecken som inte är tillåtna.',
  // Dates and periods
  invalid_date_format: () => 'Ange ett datum som ÅÅÅÅ-MM-DD.',
  invalid_date: () => 'Datumet finns inte i kalendern.',
  date_before_year_1000: () => 'Ange ett datum från år 1000 och framåt.',
  invalid_instant: () => 'Ange datum och klockslag.',
  instant_before_year_1000: () => 'Ange en tidpunkt från år 1000 och framåt.',
  invalid_instant_value: () => 'Tidpunkten finns inte i kalendern.',
  date_in_future: () => 'Datumet får inte ligga i framtiden.',
  date_outside_planning: (p) => `Datumet måste ligga inom ${count(p, 'years')} år från i dag.`,
  period_order: () => 'Periodens slut får inte vara före dess början.',
  time_order: () => 'Sluttiden måste vara efter starttiden.',
  period_too_long: (p) => `Perioden får vara högst ${digits(p, 'days')} dagar.`,
  range_order: (p) => `Värdet får inte vara större än ${str(p, 'other')}.`,
  beyond_log: (p) => `Loggen har bara ${digits(p, 'events')} händelser.`,
  cursor_invalid: () => 'Sidan kan inte visas längre. Börja om från första sidan.',
  idempotency_key_invalid: () => 'Nyckeln ska vara 1–255 synliga ASCII-tecken.',
  // Identity numbers and registers
  invalid_org_number: (p) => `Ogiltigt organisationsnummer: ${idProblem(p)}.`,
  invalid_personal_number: (p) => `Ogiltigt personnummer: ${idProblem(p)}.`,
  person_has_no_org_number: () => 'En person har inget organisationsnummer.',
  organisation_has_no_personal_number: () => 'En organisation har inget personnummer.',
  association_unknown: () => 'Föreningen finns inte i registret.',
  application_unknown: () => 'Ansökan finns inte.',
  one_of_required: () => 'Fyll i ett av fälten, inte båda.',
  search_term_required: () => 'Ange ett namn eller ett organisationsnummer att söka på.',
  case_number_not_allowed: () => 'Ansökans ärende har redan ett diarienummer.',
  // Applications, findings, screenings
  single_sex_category: () =>
    'Bara en uppgift om diskriminering eller om jämställdhet mellan kvinnor och män kan gälla en tillåten verksamhet för ett kön.',
  finding_not_of_application: () => 'Uppgiften hör inte till den här ansökan.',
  finding_not_of_association: () => 'Uppgiften hör inte till någon av föreningens ansökningar.',
  screening_not_of_application: () => 'Granskningen hör inte till den här ansökan.',
  not_a_sanctions_hit: () => 'Granskningen har ingen sådan träff på sanktionslistorna.',
  sanctions_hit_not_cleared: () =>
    'Granskningen har en träff på EU:s eller FN:s sanktionslista som en samordnare inte har bedömt. Stödet kan inte beviljas förrän samordnaren har registrerat att träffen inte gäller föreningen.',
  // Decisions and kommunicering
  kommunicering_required: () =>
    'Välj kommuniceringen som beslutet grundas på, eller ange ett undantag och varför. Ett beslut som går föreningen emot kräver att föreningen först har fått ta del av underlaget och kunnat yttra sig (förvaltningslagen 25 §).',
  justification_required: (p) =>
    p.outcome === 'denied'
      ? 'Motivera avslaget. Ett avslag ska innehålla de skäl som bestämt utgången (förvaltningslagen 32 §).'
      : `Motivera beslutet. Att ${p.outcome === 'approved' ? 'bevilja' : 'avslå'} när rekommendationen är ”${label('recommendation', p.recommendation)}” kräver en skriftlig motivering.`,
  reason_required: () => 'Ange ett skäl.',
  note_required: () => 'Skriv en anteckning.',
  referral_outcome_required: () =>
    'Välj beskedet till bokningspersonalen: inget hinder eller kan inte bekräftas.',
  conditions_only_on_approval: () => 'Bara ett beviljande kan ha villkor.',
  letter_mentions_watchlist: () =>
    'Motiveringen står i beslutsbrevet och får inte nämna bevakningslistan eller rekommendationen. Beskriv det dokumenterade agerandet och din bedömning.',
  communication_or_exemption: () => 'Välj antingen en kommunicering eller ett undantag, inte båda.',
  exemption_not_needed: () => 'Ett beslut till föreningens fördel behöver inget undantag från kommunicering.',
  communication_not_of_case: () => 'Kommuniceringen hör inte till det här ärendet.',
  reply_by_before_sent: () => 'Sista svarsdag kan inte vara före den dag brevet skickas.',
  reply_by_too_late: (p) =>
    `Sista svarsdag får vara högst ${count(p, 'months')} månader efter den dag brevet skickas.`,
  received_before_sent: () => 'Svaret kan inte ha kommit före den dag brevet skickades.',
  case_officer_required: () => 'Välj en aktiv handläggare.',
  jav_not_confirmed: () => JAV_CONFIRM,
  paragraph_format: () => 'Ange paragrafen i protokollet, till exempel § 45.',
  check_number_format: () => 'Ange kontrollnumret som PK-XXXXX-XXXXX.',
  meeting_before_prepared: () => 'Sammanträdet kan inte ha hållits innan beslutsförslaget gjordes.',
  criteria_required: () => 'Välj minst ett kriterium som beslutet grundas på.',
  not_conduct_criterion: (p) =>
    `”${str(p, 'criterion')}” är inte ett kriterium om föreningens agerande. Välj bland ${str(p, 'known')}.`,
  too_many_decisions: (p) =>
    `Perioden har fler än ${digits(p, 'max')} delegationsbeslut. Välj en kortare period.`,
  // Watchlist
  review_by_past: () => 'Datumet för översyn har redan passerat.',
  review_by_too_far: () => 'Datumet för översyn får ligga högst ett år framåt.',
  published_in_future: (p) =>
    `Filen säger att den publicerades ${str(p, 'publishedOn')}, ett datum som inte har kommit än.`,
  no_entities: () => 'Filen innehåller inga poster.',
  sanctions_list_invalid: () => 'Filen är inte en giltig sanktionslista.',
  invalid_category: (p) => `Ange en av koderna ${str(p, 'categories')}. Se listan på importsidan.`,
  csv_header_missing: () => 'Första raden ska vara rubrikraden.',
  csv_header_columns: (p) => `Rubrikraden saknar kolumnerna ${str(p, 'columns')}.`,
  csv_field_count: (p) => `Raden har ${digits(p, 'found')} fält men ska ha ${digits(p, 'expected')}.`,
  csv_unterminated_quote: () => 'Ett fält inom citattecken avslutas aldrig.',
  csv_after_quote: () => 'Oväntat tecken efter ett avslutande citattecken.',
  // Conflicts and refusals
  support_status: (p) =>
    p.status === 'withdrawn'
      ? 'Föreningens stöd är redan indraget.'
      : 'Föreningen har redan stöd; det finns inget att återuppta.',
  communication_open: (p) =>
    `Föreningen får svara till och med ${str(p, 'replyBy')} och inget svar är registrerat. Vänta tills svarstiden har gått ut, eller registrera svaret först.`,
  reply_deadline_not_passed: (p) =>
    `Sista svarsdag (${str(p, 'replyBy')}) har inte passerat än. Först därefter kan du registrera att inget svar kom.`,
  reply_already_recorded: () => 'Svaret på kommuniceringen är redan registrerat.',
  no_reply_already_recorded: () => 'Det är redan registrerat att inget svar kom.',
  reply_just_recorded: () => 'Någon annan registrerade nyss svaret på kommuniceringen.',
  reminder_completed: () => 'Påminnelsen är redan markerad som utförd.',
  not_your_reminder: (p) =>
    `Påminnelsen gäller rollen ${label('role', p.assigneeRole).toLowerCase()}. Bara den rollen kan markera den som utförd.`,
  other_role_reminders: () => 'Du kan bara se påminnelser som gäller din egen roll.',
  referral_resolved: () => 'Hänvisningen är redan besvarad.',
  case_number_in_use: (p) => `Diarienumret ${str(p, 'caseNumber')} används redan.`,
  open_withdrawal_case: (p) =>
    `Föreningen har redan ett öppet ärende om indragning, ${str(p, 'caseNumber')}. Ange det numret eller inget.`,
  last_admin: () => 'Det måste finnas minst en aktiv systemförvaltare. Ge någon annan rollen först.',
  hit_already_cleared: () => 'En samordnare har redan registrerat att träffen inte gäller föreningen.',
  newer_screening: () =>
    'Ansökan har granskats på nytt efter den här granskningen. Fatta beslutet på den senaste granskningen.',
  decision_pending: () => 'Det finns redan ett beslutsförslag om ansökan som väntar på godkännande.',
  support_decision_pending: () =>
    'Det finns redan ett beslutsförslag om föreningens stöd som väntar på godkännande.',
  supersedes_not_final: () => 'Beslutet som ersätts måste vara det gällande beslutet om ansökan.',
  final_decision_exists: () =>
    'Ansökan har redan ett beslut. Ett nytt beslut måste ange att det ersätter det beslutet.',
  decision_not_pending: (p) =>
    `Beslutsförslaget väntar inte längre på godkännande. Status nu: ${label('decisionStatus', p.status).toLowerCase()}.`,
  screened_again: () =>
    'Ansökan har granskats på nytt sedan beslutet fattades. Återlämna beslutet så att ett nytt beslut kan fattas på den senaste granskningen.',
  decision_just_closed: () => 'Beslutet godkändes eller återlämnades nyss av någon annan.',
  letter_not_final: () => 'Beslutsbrevet skrivs när beslutet fattas. Det här är ännu ett beslutsförslag.',
  entry_not_active: (p) =>
    p.status === 'expired' ? 'Posten har redan gått ut.' : 'Posten är redan avregistrerad.',
  entry_from_sanctions_list: (p) =>
    `Posten kommer från ${p.source === 'un' ? 'FN:s' : 'EU:s'} sanktionslista och finns kvar så länge listan tar upp den. Om en träff på posten gäller någon annan, registrera det på granskningen.`,
  older_list_file: (p) =>
    `Filen publicerades ${str(p, 'publishedOn')}. Den lista som redan är importerad publicerades senare, ${str(p, 'importedPublishedOn')}. En äldre fil skulle ta tillbaka poster som listan har tagit bort.`,
  import_running: () => 'En import av listan pågår redan. Vänta tills den är klar.',
  association_registered: (p) =>
    `En förening med organisationsnummer ${str(p, 'orgNumber')} är redan registrerad.`,
  jav_finding: () =>
    'Du är jävig: du har själv registrerat en uppgift som beslutet grundar sig på. En annan delegat måste fatta beslutet.',
  jav_watchlist: () =>
    'Du är jävig: du har själv lagt upp en post i bevakningslistan som gav träff i ärendet. En annan delegat måste fatta beslutet.',
  four_eyes: () => 'Du är föredragande i ärendet. En annan person som har delegation måste fatta beslutet.',
  no_delegation: () => 'Du har inte delegation för den här sortens beslut enligt delegationsordningen.',
  reserved_to_committee: () =>
    'Delegationsordningen förbehåller nämnden det här beslutet. En samordnare registrerar nämndens beslut med sammanträdesdatum och paragraf.',
  not_reserved_to_committee: () => 'Det här beslutet fattas av en delegat, inte av nämnden.',
  coordinator_records_committee: () => 'Bara en samordnare kan registrera nämndens beslut.',
};

/** A problem (a field detail, or a conflict's reason) in Swedish. */
export function svProblem(p: Problem): string {
  // Own keys only: a code read back from a stored import job is not checked by the compiler.
  return Object.hasOwn(SV, p.code) ? SV[p.code](p.params ?? {}) : 'Uppgiften godtas inte.';
}

// An error without a reason of its own, by its top-level code (the contract's `error.code`).
const BY_ERROR_CODE: Record<ApiErrorCode, string> = {
  validation_failed: 'Uppgiften godtas inte.',
  unauthenticated: 'Du är inte inloggad. Logga in och försök igen.',
  forbidden: 'Din roll får inte göra det här.',
  not_found: 'Uppgiften finns inte.',
  conflict: 'Det gick inte: något har ändrats under tiden. Ladda om sidan och försök igen.',
  payload_too_large: 'Filen eller texten är för stor.',
  unsupported_media_type: 'Filen har fel format.',
  rate_limited: 'Du har gjort för många försök på kort tid. Vänta en minut och försök igen.',
  unavailable: 'Tjänsten kan inte nå sina uppgifter just nu. Försök igen om en stund.',
  internal: 'Något gick fel i tjänsten. Försök igen, och kontakta supporten om det inte fungerar.',
};

const isCode = (code: ApiErrorCode | ErrorCode): code is ErrorCode => Object.hasOwn(SV, code);

/**
 * An API error in Swedish: a conflict's or refusal's reason, else a refused request's first field
 * problem, else a sentence for its top-level code.
 */
export function svError(err: AppError): string {
  if (err.reason) return svProblem(err.reason);
  const first = err.details?.[0];
  if (first) return svProblem(first);
  if (isCode(err.code)) return SV[err.code]({});
  // Own keys only: an error built outside this code base could carry any code.
  return Object.hasOwn(BY_ERROR_CODE, err.code) ? BY_ERROR_CODE[err.code] : 'Uppgiften godtas inte.';
}

/** The watchlist import's columns, as a CSV line's Swedish text names them. */
const CSV_COLUMNS: Record<string, string> = {
  subject_kind: 'Typen (subject_kind)',
  name: 'Namnet (name)',
  aliases: 'Ett av de andra namnen (aliases)',
  org_number: 'Organisationsnumret (org_number)',
  category: 'Kategorin (category)',
  reason: 'Skälet (reason)',
  source: 'Källan (source)',
  review_by: 'Datumet för översyn (review_by)',
};

/** Swedish options as a list: ”a”, ”b” eller ”c”. */
const orList = (options: string): string => {
  const quoted = options.split(', ').map((o) => `”${o}”`);
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} eller ${quoted.at(-1)}`;
};

/** A column's problem said about the column: "Namnet (name) saknas." rather than "Fältet …". */
const CSV_TEXT: Partial<Record<ErrorCode, (column: string, p: ErrorParams) => string>> = {
  empty: (c) => `${c} saknas.`,
  too_long: (c, p) => `${c} är längre än ${digits(p, 'max')} tecken.`,
  invalid_option: (c, p) => `${c} ska vara ${orList(str(p, 'options'))}.`,
  invalid_org_number: (c, p) => `${c}: ${idProblem(p)}.`,
  invalid_category: (c, p) =>
    `${c} ska vara en av koderna ${str(p, 'categories')}. Se listan på importsidan.`,
  invalid_date_format: (c) => `${c} ska vara ett verkligt datum som ÅÅÅÅ-MM-DD.`,
  review_by_past: (c) => `${c} har redan passerat.`,
  review_by_too_far: (c) => `${c} ligger mer än ett år framåt.`,
};

function csvProblem(d: ErrorDetail): string {
  if (d.path === 'aliases' && d.code === 'too_many')
    return `Raden har fler än ${digits(d.params ?? {}, 'max')} andra namn (aliases).`;
  const column = Object.hasOwn(CSV_COLUMNS, d.path) ? CSV_COLUMNS[d.path] : undefined;
  if (!column) return svProblem(d);
  const text = CSV_TEXT[d.code];
  return text ? text(column, d.params ?? {}) : `${column}: ${svProblem(d)}`;
}

/**
 * A CSV line's problems in Swedish. A line rejected before problems had codes (an old import job)
 * is shown as it was written: for a file, the exact complaint helps more than a generic sentence.
 */
export function svLineError(line: { error: string; details?: readonly ErrorDetail[] | undefined }): string {
  return line.details?.length ? line.details.map(csvProblem).join(' ') : line.error;
}
