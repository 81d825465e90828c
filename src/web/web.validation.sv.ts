import { label } from './web.labels.sv';
import { LIMIT_MESSAGES } from '../watchlist/watchlist.limits';

// The API's validation messages are English (they are the API contract's). People using the pages
// read Swedish, so each message a form can meet is translated here; the rules themselves stay where
// they are, in the API's schemas and services.

const EXACT: Record<string, string> = {
  'must not be empty': 'Fältet får inte vara tomt.',
  'must be a date as YYYY-MM-DD': 'Ange ett datum som ÅÅÅÅ-MM-DD.',
  'not a valid calendar date': 'Datumet finns inte i kalendern.',
  'must not be in the future': 'Datumet får inte ligga i framtiden.',
  'periodTo must not be before periodFrom': 'Periodens slut får inte vara före dess början.',
  'to must be after from': 'Sluttiden måste vara efter starttiden.',
  'a reason is required': 'Ange ett skäl.',
  'only a gender_equality_violation or discrimination finding can be a lawful single-sex activity':
    'Bara en uppgift om diskriminering eller om jämställdhet mellan kvinnor och män kan gälla en tillåten verksamhet för ett kön.',
  'reviewBy is in the past': 'Datumet för översyn har redan passerat.',
  'reviewBy is more than one year ahead': 'Datumet för översyn får ligga högst ett år framåt.',
  'a person has no organisationsnummer': 'En person har inget organisationsnummer.',
  'an organisation has no personnummer': 'En organisation har inget personnummer.',
  'no association with this id is registered': 'Föreningen finns inte i registret.',
  'Invalid ISO datetime': 'Ange datum och klockslag.',
  'Invalid UUID': 'Ogiltig identitet.',
  'must be a UUID': 'Ogiltig identitet.',
  // Decisions (the law's rules, enforced by the decisions service)
  'required for a denial: the association must have been told the material and been able to answer (förvaltningslagen 25 §)':
    'Ange när föreningen fick ta del av underlaget och kunde yttra sig. Ett avslag kräver kommunicering (förvaltningslagen 25 §).',
  'required for a denial (förvaltningslagen 32 §)':
    'Motivera avslaget. Ett avslag ska innehålla de skäl som bestämt utgången (förvaltningslagen 32 §).',
  'not a screening of this application': 'Granskningen hör inte till den här ansökan.',
  'A newer screening of this application exists: decide on the latest one':
    'Ansökan har granskats på nytt efter den här granskningen. Fatta beslutet på den senaste granskningen.',
  'The application was screened again after this decision was made: return it, and decide on the latest screening':
    'Ansökan har granskats på nytt sedan beslutet fattades. Återlämna beslutet så att ett nytt beslut kan fattas på den senaste granskningen.',
  'must be a date from year 1000 on': 'Ange ett datum från år 1000 och framåt.',
  'must be an instant from year 1000 on': 'Ange en tidpunkt från år 1000 och framåt.',
  'not a valid instant': 'Tidpunkten finns inte i kalendern.',
  'must be within 10 years of today': 'Datumet måste ligga inom tio år från i dag.',
  'A decision on this application is already awaiting approval':
    'Det finns redan ett beslutsförslag om ansökan som väntar på godkännande.',
  'supersedesDecisionId must be the final decision on this application':
    'Beslutet som ersätts måste vara det gällande beslutet om ansökan.',
  'This application already has a final decision; a correction must name it in supersedesDecisionId':
    'Ansökan har redan ett beslut. Ett nytt beslut måste ange att det ersätter det beslutet.',
  'The decision was just approved or returned by someone else':
    'Beslutet godkändes eller återlämnades nyss av någon annan.',
  'The letter is written when the decision becomes final':
    'Beslutsbrevet skrivs när beslutet fattas. Det här är ännu ett beslutsförslag.',
  'only an approval has conditions': 'Bara ett beviljande kan ha villkor.',
  'is printed in the letter and must not mention the watchlist or the recommendation: state the documented conduct and your assessment':
    'Motiveringen står i beslutsbrevet och får inte nämna bevakningslistan eller rekommendationen. Beskriv det dokumenterade agerandet och din bedömning.',
  // Kommunicering (förvaltningslagen 25 §) and cases
  'required for an adverse decision: the association must have been given the material and a deadline to answer (förvaltningslagen 25 §), or give communicationExemption':
    'Välj kommuniceringen som beslutet grundas på, eller ange ett undantag och varför. Ett beslut som går föreningen emot kräver att föreningen först har fått ta del av underlaget och kunnat yttra sig (förvaltningslagen 25 §).',
  'give either communicationId or communicationExemption, not both':
    'Välj antingen en kommunicering eller ett undantag, inte båda.',
  'a decision in the association’s favour needs no exception to kommunicering':
    'Ett beslut till föreningens fördel behöver inget undantag från kommunicering.',
  'not a communication of this case': 'Kommuniceringen hör inte till det här ärendet.',
  'must not be before the day the letter is sent':
    'Sista svarsdag kan inte vara före den dag brevet skickas.',
  'must be at most three months after the day the letter is sent':
    'Sista svarsdag får vara högst tre månader efter den dag brevet skickas.',
  'not a finding of this application': 'Uppgiften hör inte till den här ansökan.',
  'not a finding of the association’s applications':
    'Uppgiften hör inte till någon av föreningens ansökningar.',
  'The answer to this communication is already recorded': 'Svaret på kommuniceringen är redan registrerat.',
  'It is already recorded that no answer came to this communication':
    'Det är redan registrerat att inget svar kom.',
  'must not be before the day the letter was sent':
    'Svaret kan inte ha kommit före den dag brevet skickades.',
  'The answer to this communication was just recorded by someone else':
    'Någon annan registrerade nyss svaret på kommuniceringen.',
  'must be an active case officer': 'Välj en aktiv handläggare.',
  'must not contain control characters': 'Fältet innehåller tecken som inte är tillåtna.',
  // Delegation and jäv (who may decide; decisions.service approveDecision)
  'required: confirm that you have no conflict of interest (jäv)':
    'Bekräfta att du inte är jävig genom att kryssa i rutan. Är du jävig ska en annan delegat fatta beslutet.',
  'must be true: confirm that you have no conflict of interest (jäv)':
    'Bekräfta att du inte är jävig genom att kryssa i rutan. Är du jävig ska en annan delegat fatta beslutet.',
  'must be a paragraph of the minutes, like "§ 45"': 'Ange paragrafen i protokollet, till exempel § 45.',
  'must not be before the decision was prepared':
    'Sammanträdet kan inte ha hållits innan beslutsförslaget gjordes.',
  'Four eyes: the decision must be decided by another person than the one who prepared it':
    'Du är föredragande i ärendet. En annan person som har delegation måste fatta beslutet.',
  'You hold no delegation for this kind of decision under the delegation order':
    'Du har inte delegation för den här sortens beslut enligt delegationsordningen.',
  'The delegation order reserves this decision to the committee: a coordinator records the committee’s decision with its meeting date and paragraph':
    'Delegationsordningen förbehåller nämnden det här beslutet. En samordnare registrerar nämndens beslut med sammanträdesdatum och paragraf.',
  'The delegation order does not reserve this decision to the committee: a delegat decides it':
    'Det här beslutet fattas av en delegat, inte av nämnden.',
  'Only a coordinator records a decision of the committee':
    'Bara en samordnare kan registrera nämndens beslut.',
  'Conflict of interest (jäv): you recorded a finding this decision rests on; another delegat must decide':
    'Du är jävig: du har själv registrerat en uppgift som beslutet grundar sig på. En annan delegat måste fatta beslutet.',
  'Conflict of interest (jäv): you created a watchlist entry among the hits this decision rests on; another delegat must decide':
    'Du är jävig: du har själv lagt upp en post i bevakningslistan som gav träff i ärendet. En annan delegat måste fatta beslutet.',
  // The delegation report's period
  'to must not be before from': 'Periodens slut får inte vara före dess början.',
  // Withdrawal and restoration of support
  'cite at least one criterion': 'Välj minst ett kriterium som beslutet grundas på.',
  'A decision on this association’s support is already awaiting approval':
    'Det finns redan ett beslutsförslag om föreningens stöd som väntar på godkännande.',
  // Reminders and referrals
  'The reminder is already completed': 'Påminnelsen är redan markerad som utförd.',
  'a note is required': 'Skriv en anteckning.',
  'The referral is already resolved': 'Hänvisningen är redan besvarad.',
  'choose the outcome: no_obstacle or not_cleared':
    'Välj beskedet till bokningspersonalen: inget hinder eller kan inte bekräftas.',
  // CSV import, per line
  'subject_kind must be "organisation" or "person"':
    'Typen (subject_kind) ska vara ”organisation” eller ”person”.',
  'name is empty': 'Namnet (name) saknas.',
  [LIMIT_MESSAGES.name]: 'Namnet (name) är längre än 300 tecken.',
  [LIMIT_MESSAGES.alias]: 'Ett av de andra namnen (aliases) är längre än 300 tecken.',
  [LIMIT_MESSAGES.aliases]: 'Raden har fler än 50 andra namn (aliases).',
  [LIMIT_MESSAGES.reason]: 'Skälet (reason) är längre än 1 000 tecken.',
  [LIMIT_MESSAGES.source]: 'Källan (source) är längre än 1 000 tecken.',
  'category is empty': 'Kategorin (category) saknas.',
  'reason is empty': 'Skälet (reason) saknas.',
  'source is empty': 'Källan (source) saknas.',
  'review_by must be a real date as YYYY-MM-DD':
    'Datumet för översyn (review_by) ska vara ett verkligt datum som ÅÅÅÅ-MM-DD.',
  'review_by is in the past': 'Datumet för översyn (review_by) har redan passerat.',
  'review_by is more than one year ahead': 'Datumet för översyn (review_by) ligger mer än ett år framåt.',
  'unterminated quoted field': 'Ett fält inom citattecken avslutas aldrig.',
  'unexpected character after a closing quote': 'Oväntat tecken efter ett avslutande citattecken.',
  'the first line must be the header': 'Första raden ska vara rubrikraden.',
};

const ID_ERRORS: Record<string, string> = {
  'must be 10 digits as NNNNNN-NNNN (optionally prefixed by 16)':
    'ska vara tio siffror som NNNNNN-NNNN (eventuellt med 16 före)',
  'digits 3–4 must be 20 or more': 'siffra 3–4 ska vara minst 20',
  'check digit does not match (Luhn)': 'kontrollsiffran stämmer inte',
  'must be YYMMDD-NNNN or YYYYMMDD-NNNN': 'ska skrivas ÅÅMMDD-NNNN eller ÅÅÅÅMMDD-NNNN',
  'not a valid date of birth': 'födelsedatumet finns inte',
};
const idError = (e: string) => (Object.hasOwn(ID_ERRORS, e) ? ID_ERRORS[e]! : e);

const PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^invalid organisationsnummer: (.+)$/, (m) => `Ogiltigt organisationsnummer: ${idError(m[1]!)}.`],
  [/^invalid personnummer: (.+)$/, (m) => `Ogiltigt personnummer: ${idError(m[1]!)}.`],
  [/^org_number: (.+)$/, (m) => `Organisationsnumret (org_number): ${idError(m[1]!)}.`],
  [/^Too small: expected string to have >=1 characters$/, () => 'Fältet får inte vara tomt.'],
  [/^Too big: expected string to have <=(\d+) characters$/, (m) => `Högst ${m[1]} tecken.`],
  [/^Too big: expected array to have <=(\d+) items$/, (m) => `Högst ${m[1]} stycken.`],
  [/^Too big: expected number to be <=(\d+)$/, (m) => `Värdet får vara högst ${m[1]}.`],
  [/^Too small: expected number to be >0$/, () => 'Ange ett tal större än noll.'],
  [/expected int, received number$/, () => 'Ange ett heltal.'],
  [/expected number, received/, () => 'Ange ett tal.'],
  [/expected string, received undefined$/, () => 'Fältet måste fyllas i.'],
  [/expected boolean, received undefined$/, () => 'Välj ja eller nej.'],
  [/^Invalid option/, () => 'Välj ett av alternativen.'],
  [
    /^An association with organisationsnummer (\S+) is already registered$/,
    (m) => `En förening med organisationsnummer ${m[1]} är redan registrerad.`,
  ],
  [
    /^required when deciding (\w+) on a "(\w+)" recommendation$/,
    (m) =>
      `Motivera beslutet. Att ${m[1] === 'approved' ? 'bevilja' : 'avslå'} när rekommendationen är ”${label('recommendation', m[2])}” kräver en skriftlig motivering.`,
  ],
  [
    /^The decision is (\w+), not awaiting approval$/,
    (m) =>
      `Beslutsförslaget väntar inte längre på godkännande. Status nu: ${label('decisionStatus', m[1]).toLowerCase()}.`,
  ],
  [
    /^"(.+)" is not a conduct criterion \((.*)\)$/,
    (m) => `”${m[1]}” är inte ett kriterium om föreningens agerande. Välj bland ${m[2]}.`,
  ],
  [
    /^The association's support is (\w+)$/,
    (m) =>
      m[1] === 'withdrawn'
        ? 'Föreningens stöd är redan indraget.'
        : 'Föreningen har redan stöd; det finns inget att återuppta.',
  ],
  [
    /^The association may answer the communication until (\S+) and no answer is recorded/,
    (m) =>
      `Föreningen får svara till och med ${m[1]} och inget svar är registrerat. Vänta tills svarstiden har gått ut, eller registrera svaret först.`,
  ],
  [
    /^The reply deadline (\S+) has not passed yet$/,
    (m) =>
      `Sista svarsdag (${m[1]}) har inte passerat än. Först därefter kan du registrera att inget svar kom.`,
  ],
  [/^The case number (.+) is already in use$/, (m) => `Diarienumret ${m[1]} används redan.`],
  [
    /^The association already has an open withdrawal case, (.+); use that number or none$/,
    (m) => `Föreningen har redan ett öppet ärende om indragning, ${m[1]}. Ange det numret eller inget.`,
  ],
  [/^the period may be at most (\d+) days$/, (m) => `Perioden får vara högst ${m[1]} dagar.`],
  [
    /^the period holds more than (\d+) delegated decisions: choose a shorter period$/,
    (m) => `Perioden har fler än ${m[1]} delegationsbeslut. Välj en kortare period.`,
  ],
  [/^The entry is already retired$/, () => 'Posten är redan avregistrerad.'],
  [/^The entry is already expired$/, () => 'Posten har redan gått ut.'],
  [
    /^must not contain the NUL character \(U\+0000\)(?: \(line (\d+)\))?$/,
    (m) =>
      `Texten innehåller ett otillåtet tecken (NUL)${m[1] ? ` på rad ${m[1]}` : ''}. Ta bort det och försök igen.`,
  ],
  [
    /^must not contain a lone surrogate .*?(?: \(line (\d+)\))?$/,
    (m) =>
      `Texten innehåller ett ogiltigt tecken${m[1] ? ` på rad ${m[1]}` : ''}. Skriv in den på nytt och försök igen.`,
  ],
  [/^expected (\d+) fields, found (\d+)$/, (m) => `Raden har ${m[2]} fält men ska ha ${m[1]}.`],
  [/^header lacks column\(s\): (.+)$/, (m) => `Rubrikraden saknar kolumnerna ${m[1]}.`],
  [
    /^category must be one of (.+)$/,
    (m) => `Kategorin (category) ska vara en av koderna ${m[1]}. Se listan på importsidan.`,
  ],
];

function one(message: string): string | undefined {
  if (Object.hasOwn(EXACT, message)) return EXACT[message];
  for (const [re, fn] of PATTERNS) {
    const m = re.exec(message);
    if (m) return fn(m);
  }
  return undefined;
}

/** A validation or conflict message in Swedish; a generic sentence for one never seen before. */
export function svMessage(message: string): string {
  return one(message) ?? 'Uppgiften godtas inte.';
}

/**
 * A CSV line's error (the parser joins several with "; ") in Swedish. An unknown part is shown as it
 * is: for a file, the exact complaint helps more than a generic sentence.
 */
export function svLineError(message: string): string {
  return message
    .split('; ')
    .map((p) => one(p) ?? p)
    .join(' ');
}
