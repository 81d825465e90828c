import { EXEMPTION_GROUNDS, type ExemptionGround } from '../communications/communications.exemptions';

import type { ApplicationKind, ApplicationStatus } from '../applications/applications.table';
import type { SupportStatus } from '../associations/associations.table';
import type { VerificationStatus } from '../audit/audit.table';
import type { CaseKind } from '../cases/cases.table';
import type { CommunicationStatus } from '../communications/communications.table';
import type { DecisionKind, DecisionOutcome, DecisionStatus } from '../decisions/decisions.table';
import type { DelegationKind } from '../delegation/delegation.schema';
import type { CheckStatus } from '../premises/premises.schemas';
import { REFERRAL_OUTCOMES, type ReferralOutcome, type ReferralStatus } from '../premises/premises.table';
import type { ReminderKind } from '../reminders/reminders.table';
import type { RecordKind } from '../retention/retention.policy';
import type { HitSubject } from '../screening/screening.facts';
import type { Recommendation, RuleStatus } from '../screening/screening.result';
import type { FindingCategory } from '../shared/finding-categories';
import type { Role } from '../users/users.table';
import type { MatchMethod } from '../watchlist/matcher/matcher.types';
import {
  SUBJECT_KINDS,
  type EntryStatus,
  type ImportJobStatus,
  type SubjectKind,
} from '../watchlist/watchlist.table';

// Swedish words for the service's codes. The API speaks in codes; people read these. A table for a
// closed set of values `satisfies` a Record over it, so a new value does not compile without its words.

export const LABELS = {
  role: {
    case_officer: 'Handläggare',
    booking_staff: 'Bokningspersonal',
    coordinator: 'Samordnare mot våldsbejakande extremism',
    investigator: 'Granskare',
    admin: 'Systemförvaltare',
  } satisfies Record<Role, string>,
  recommendation: {
    eligible: 'Stödberättigad',
    incomplete: 'Ofullständig ansökan',
    refer: 'Särskild prövning',
    ineligible: 'Ej stödberättigad',
  } satisfies Record<Recommendation, string>,
  // A rule's result in the words of its kind of criterion (ruleVerdict picks the table): conduct
  // is an obstacle or none; what only refers is weighed by a person, never an obstacle by itself;
  // a formal requirement is fulfilled or not. "Uppfyllt" alone read as if the association passed.
  conductVerdict: {
    met: 'Hinder finns',
    not_met: 'Inget hinder',
    not_evaluated: 'Ej bedömt',
  } satisfies Record<RuleStatus, string>,
  referVerdict: {
    met: 'Prövas särskilt',
    not_met: 'Inget hinder',
    not_evaluated: 'Ej bedömt',
  } satisfies Record<RuleStatus, string>,
  formalVerdict: {
    met: 'Krav inte uppfyllt',
    not_met: 'Krav uppfyllt',
    not_evaluated: 'Ej bedömt',
  } satisfies Record<RuleStatus, string>,
  applicationStatus: { received: 'Mottagen', screened: 'Granskad', decided: 'Beslutad' } satisfies Record<
    ApplicationStatus,
    string
  >,
  applicationKind: { grant: 'Föreningsbidrag', premises: 'Lokal' } satisfies Record<ApplicationKind, string>,
  category: {
    violence_coercion_threats: 'Våld, tvång eller hot',
    rights_violation: 'Kränkning av grundläggande fri- och rättigheter',
    discrimination: 'Diskriminering eller brott mot principen om alla människors lika värde',
    gender_equality_violation: 'Motverkar jämställdhet mellan kvinnor och män',
    promotes_violations: 'Försvarar, främjar eller uppmanar till sådant som ovan',
    counteracts_democracy: 'Motverkar det demokratiska styrelseskicket',
    supports_violent_extremism: 'Uppmuntrar eller möjliggör våldsbejakande extremism',
  } satisfies Record<FindingCategory, string>,
  subjectKind: { organisation: 'Organisation', person: 'Person' } satisfies Record<SubjectKind, string>,
  entryStatus: { active: 'Aktiv', retired: 'Avregistrerad', expired: 'Utgången' } satisfies Record<
    EntryStatus,
    string
  >,
  importStatus: {
    running: 'Pågår',
    completed: 'Klar',
    failed: 'Avbröts av ett fel',
    interrupted: 'Avbröts när tjänsten startades om',
  } satisfies Record<ImportJobStatus, string>,
  supportStatus: { active: 'Aktivt stöd', withdrawn: 'Stödet indraget' } satisfies Record<
    SupportStatus,
    string
  >,
  hitSubject: { association: 'Föreningen', representative: 'Företrädare' } satisfies Record<
    HitSubject,
    string
  >,
  matchMethod: {
    org_number: 'organisationsnummer',
    personal_number: 'personnummer',
    name: 'namn',
    acronym: 'förkortning',
  } satisfies Record<MatchMethod, string>,
  normalisation: {
    unicode_nfkc: 'tecken i olika skrivsätt likställda',
    case_fold: 'versaler och gemener likställda',
    quotes: 'citattecken borttagna',
    punctuation: 'skiljetecken borttagna',
    initials_collapsed: 'initialer sammanslagna',
    diacritics_fold: 'å, ä, ö och accenter likställda med a, o',
    transliteration_fold: 'andra alfabet translittererade',
    ascii_fold: 'specialtecken likställda med a–z',
    genitive_s: 'genitiv-s borttaget',
    legal_form_low_weight: 'ord för juridisk form väger lite',
    class_word_low_weight: 'vanliga ord som ”förening” väger lite',
    legal_form_typo: 'stavfel i juridisk form',
    compound_joined: 'sammansatt ord hopskrivet',
    compound_split: 'sammansatt ord isärskrivet',
    acronym: 'förkortning utskriven',
    number_words: 'tal i ord likställda med siffror',
  },
  decisionOutcome: {
    approved: 'Beviljas',
    denied: 'Avslås',
    withdrawn: 'Stödet dras in',
    restored: 'Stödet återupptas',
  } satisfies Record<DecisionOutcome, string>,
  decisionStatus: {
    pending_approval: 'Beslutsförslag',
    final: 'Beslutat',
    superseded: 'Ersatt av ett senare beslut',
    returned: 'Återlämnat',
  } satisfies Record<DecisionStatus, string>,
  delegationKind: {
    grant_approval_with_recommendation: 'Bevilja föreningsbidrag när villkoren är uppfyllda',
    grant_approval_against_recommendation: 'Bevilja föreningsbidrag trots att villkoren inte är uppfyllda',
    grant_denial: 'Avslå ansökan om föreningsbidrag',
    premises_approval: 'Upplåta lokal',
    premises_refusal: 'Neka lokal',
    withdrawal: 'Dra in stöd',
    restoration: 'Återuppta stöd',
  } satisfies Record<DelegationKind, string>,
  decisionKind: {
    application: 'Beslut om ansökan',
    withdrawal: 'Indragning av stöd',
    restoration: 'Återupptagande av stöd',
  } satisfies Record<DecisionKind, string>,
  reminderKind: {
    cancel_bookings: 'Avboka lokaler',
    notify_association: 'Underrätta föreningen',
    recover_grant: 'Pröva återkrav',
    reassess: 'Pröva om stödet kan återupptas',
    annual_follow_up: 'Årlig uppföljning',
    review_support: 'Pröva stöd efter träff',
    review_watchlist_entry: 'Se över post i bevakningslistan',
  } satisfies Record<ReminderKind, string>,
  referralStatus: { open: 'Öppen', resolved: 'Avslutad' } satisfies Record<ReferralStatus, string>,
  // What the booking desk reads about its checks (status of GET /api/premises-checks/:checkId).
  checkStatus: {
    clear: 'Inget hinder',
    awaiting_answer: 'Väntar på besked',
    no_obstacle: 'Inget hinder',
    not_cleared: 'Kan inte bekräftas',
  } satisfies Record<CheckStatus, string>,
  referralOutcome: { no_obstacle: 'Inget hinder', not_cleared: 'Kan inte bekräftas' } satisfies Record<
    ReferralOutcome,
    string
  >,
  caseKind: { application: 'Ansökan', withdrawal: 'Indragning av stöd' } satisfies Record<CaseKind, string>,
  communicationStatus: {
    awaiting_reply: 'Väntar på svar',
    replied: 'Svar har kommit',
    no_reply: 'Inget svar kom',
  } satisfies Record<CommunicationStatus, string>,
  // The law's own words, from the one list of exceptions (communications.exemptions).
  exemptionGround: Object.fromEntries(
    EXEMPTION_GROUNDS.map((g) => [g.code, g.sv.replace(/\.$/, '')]),
  ) as Record<ExemptionGround, string>,
  entityType: {
    application: 'Ansökan',
    association: 'Förening',
    case: 'Ärende',
    communication: 'Kommunicering',
    decision: 'Beslut',
    notification: 'Avisering',
    premises_check: 'Lokalkontroll',
    referral: 'Hänvisning',
    reminder: 'Påminnelse',
    rule_set: 'Regelverk',
    screening: 'Granskning',
    user: 'Användare',
    watchlist_entry: 'Post i bevakningslistan',
    watchlist_import: 'Import till bevakningslistan',
  },
  auditAction: {
    'association.registered': 'Förening registrerad',
    'application.received': 'Ansökan mottagen',
    'finding.recorded': 'Uppgift registrerad',
    'screening.performed': 'Granskning utförd',
    'screening.replayed': 'Kontrollen körd igen',
    'rule_set.published': 'Regelverk publicerat',
    'user.created': 'Användare skapad',
    'user.bootstrapped': 'Första administratören skapad',
    'user.deactivated': 'Användare spärrad',
    'user.reactivated': 'Användare aktiverad igen',
    'user.role_changed': 'Användarens roll ändrad',
    'user.token_rotated': 'Ny inloggningsnyckel till användare',
    'user.created_by_sign_in': 'Användare skapad vid första inloggning via kommunens inloggning',
    'watchlist.entry_added': 'Post tillagd i bevakningslistan',
    'watchlist.entry_imported': 'Post importerad till bevakningslistan',
    'watchlist.entry_retired': 'Post avregistrerad',
    'watchlist.import_started': 'Import till bevakningslistan påbörjad',
    'watchlist.import_finished': 'Import till bevakningslistan klar',
    'watchlist.entry_expired': 'Post utgången',
    'watchlist.searched': 'Sökning i bevakningslistan',
    'watchlist.listed': 'Bevakningslistan visad',
    'watchlist.entry_read': 'Post i bevakningslistan läst',
    'association.support_status_changed': 'Föreningens stöd ändrat',
    'decision.made': 'Beslutsförslag registrerat',
    'decision.approved': 'Beslut fattat av delegat eller registrerat som nämndens',
    'decision.finalised': 'Beslutsbrev skrivet och sparat',
    'decision.returned': 'Beslut återlämnat',
    'case.opened': 'Ärende öppnat',
    'case.assigned': 'Ärende lämnat till en annan handläggare',
    'communication.sent': 'Kommuniceringsbrev skickat',
    'communication.reply_recorded': 'Svar på kommunicering registrerat',
    'premises.checked': 'Lokalkontroll',
    'referral.resolved': 'Hänvisning från lokalkontroll besvarad',
    'referral.escalated': 'Hänvisning från lokalkontroll försenad',
    'reminder.created': 'Påminnelse skapad',
    'reminder.completed': 'Påminnelse utförd',
    'reminder.closed': 'Påminnelse stängd',
    'reminder.escalated': 'Påminnelse eskalerad',
    'notification.failed': 'Avisering misslyckades',
    'web.signed_in': 'Inloggning',
    'web.signed_out': 'Utloggning',
    'audit.format_migrated': 'Granskningsloggen fick nytt format',
    'audit.verification_requested': 'Fullständig kontroll av granskningsloggen begärd',
    'audit.verified': 'Granskningsloggen kontrollerad i sin helhet',
    'retention.run': 'Gallring enligt gallringsbeslut',
    'register_extract.requested': 'Registerutdrag begärt',
  },
  retentionKind: {
    premises_check_clear: 'Lokalkontroller med svaret klart',
    referral: 'Hänvisningar',
    watchlist_entry_ended: 'Poster på bevakningslistan',
    finding: 'Uppgifter om händelser',
  } satisfies Record<RecordKind, string>,
  verificationStatus: {
    queued: 'Väntar',
    running: 'Pågår',
    done: 'Klar',
    failed: 'Avbruten',
  } satisfies Record<VerificationStatus, string>,
} as const satisfies Record<string, Record<string, string>>;

export type LabelKind = keyof typeof LABELS;

/** A closed set's values in their order, each with its words: a form's radio buttons or options. */
const optionsOf = <V extends string>(values: readonly V[], words: Record<V, string>) =>
  values.map((value) => ({ value, label: words[value] }));

/** The coordinator's answer to a referral, said as what it lets the booking desk do. */
export const REFERRAL_OUTCOME_OPTIONS = optionsOf(REFERRAL_OUTCOMES, {
  no_obstacle: 'Inget hinder: bokningen kan bekräftas',
  not_cleared: 'Kan inte bekräftas',
});

/** What a new watchlist entry is about. */
export const SUBJECT_KIND_OPTIONS = optionsOf(SUBJECT_KINDS, {
  organisation: 'En organisation',
  person: 'En person',
});

/** The watchlist search's filter: which kind of entries to search among. */
export const SUBJECT_KIND_FILTER_OPTIONS = optionsOf(SUBJECT_KINDS, {
  organisation: 'Organisationer',
  person: 'Personer',
});

/**
 * A rule's (or a criterion's) result: formal requirements (FORM-*) are fulfilled or not; a rule that
 * only refers is "weighed"; conduct rules find an obstacle or none.
 */
export function ruleVerdict(status: unknown, outcome: unknown, code: unknown): string {
  const kind =
    typeof code === 'string' && code.startsWith('FORM-')
      ? 'formalVerdict'
      : outcome === 'refer'
        ? 'referVerdict'
        : 'conductVerdict';
  return label(kind, status);
}

/** The Swedish label of a code; the code itself when none is known (never an empty cell). */
export function label(kind: LabelKind, code: unknown): string {
  const table = LABELS[kind] as Record<string, string>;
  // Own keys only: a code from a query string may be "constructor" or "__proto__".
  if (typeof code !== 'string') return '';
  return Object.hasOwn(table, code) ? table[code]! : code;
}
