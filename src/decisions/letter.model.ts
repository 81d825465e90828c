import type { Application } from '../applications/applications.schemas';
import type { AssociationRow } from '../associations/associations.table';
import type { LoadedRuleSet } from '../screening/rule-set.loader';
import type { EvaluationResult, RuleEvaluation } from '../screening/screening.result';
import type { ScreeningFacts } from '../screening/screening.facts';
import type { Role } from '../users/users.table';
import type { DecisionRow } from './decisions.table';

// The letter's view model: plain Swedish strings, every key present (templates compile in strict
// mode, so a missing value is an error, not a silent blank).

export interface LetterPerson {
  name: string;
  roleLabel: string;
}

export interface LetterCriterion {
  code: string;
  criterion: string;
  legalBasis: string;
  statusLabel: string;
  explanation: string;
}

export interface LetterMakers {
  /** The föredragande. */
  preparedBy: LetterPerson;
  /** The delegat; null when the committee decided. */
  decidedBy: LetterPerson | null;
  /** The point of the delegation order; null for the committee and for decisions before the order. */
  delegationPoint: string | null;
  /** The committee's meeting and the § of its minutes, when it decided itself. */
  committee: { meetingOn: string; paragraph: string } | null;
  decidedOn: string;
}

export interface LetterModel {
  municipality: string;
  committee: string;
  reference: string;
  date: string;
  association: { name: string; orgNumber: string };
  decisionText: string;
  justification: string | null;
  communicatedOn: string | null;
  /** Who decided (a delegat under a point of the order, or the committee) and who prepared it. */
  makers: LetterMakers;
  restored: boolean;
  application: {
    kindLabel: string;
    receivedOn: string;
    grant: { program: string; amount: string; periodFrom: string; periodTo: string } | null;
    premises: { venue: string; from: string; to: string } | null;
  } | null;
  ruleSet: { label: string } | null;
  recommendationLabel: string | null;
  departs: boolean;
  criteria: LetterCriterion[];
  findings: { occurredOn: string; description: string; source: string; verified: boolean }[];
}

const ROLE_LABELS: Record<Role, string> = {
  case_officer: 'handläggare',
  coordinator: 'samordnare mot våldsbejakande extremism',
  investigator: 'granskare',
  booking_staff: 'bokningspersonal',
  admin: 'systemförvaltare',
};

const RECOMMENDATION_LABELS: Record<string, string> = {
  eligible: 'villkoren för stöd är uppfyllda',
  incomplete: 'ansökan är ofullständig',
  refer: 'ärendet behöver prövas särskilt av handläggare',
  ineligible: 'villkoren för stöd är inte uppfyllda',
};

export function person(user: { name: string; role: Role } | undefined, fallbackId: string): LetterPerson {
  return user
    ? { name: user.name, roleLabel: ROLE_LABELS[user.role] }
    : { name: fallbackId, roleLabel: 'okänd' };
}

const sek = (n: number) => `${new Intl.NumberFormat('sv-SE').format(n)} kronor`;
const swedishTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  dateStyle: 'short',
  timeStyle: 'short',
});

const NOT_MET_FALLBACK: Record<RuleEvaluation['outcome'], string> = {
  incomplete: 'Kravet är uppfyllt enligt ansökan.',
  refer: 'Det finns ingen omständighet som kräver särskild prövning.',
  ineligible: 'Underlaget visar inte att villkoret är tillämpligt.',
};

/**
 * One line per criterion code (each code has an ineligible rule and a refer rule): the worst rule
 * that applied, else "not met" if all were decided, else "not evaluated" — never shown as failed.
 */
export function criteriaLines(result: EvaluationResult): LetterCriterion[] {
  const byCode = new Map<string, RuleEvaluation[]>();
  for (const r of result.rules) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
  return [...byCode.entries()].map(([code, rules]) => {
    const met = rules.find((r) => r.status === 'met');
    const undecided = rules.some((r) => r.status === 'not_evaluated');
    const first = rules[0]!;
    if (met) {
      return {
        code,
        criterion: met.criterion.sv,
        legalBasis: met.legalBasis,
        statusLabel: 'Tillämplig',
        explanation: met.explanation.sv,
      };
    }
    if (undecided) {
      return {
        code,
        criterion: first.criterion.sv,
        legalBasis: first.legalBasis,
        statusLabel: 'Inte prövad',
        explanation: 'Villkoret kunde inte prövas på underlaget.',
      };
    }
    return {
      code,
      criterion: first.criterion.sv,
      legalBasis: first.legalBasis,
      statusLabel: 'Inte tillämplig',
      explanation: first.notMetExplanation?.sv ?? NOT_MET_FALLBACK[first.outcome],
    };
  });
}

/** The findings the decision relies on: those cited by the rules that applied. */
export function reliedFindings(result: EvaluationResult, facts: ScreeningFacts) {
  const ids = new Set(result.rules.filter((r) => r.status === 'met').flatMap((r) => r.findingIds));
  return facts.findings
    .filter((f) => ids.has(f.id))
    .map((f) => ({
      occurredOn: f.occurredOn,
      description: f.description,
      source: f.source,
      verified: f.verified,
    }));
}

export function applicationPart(
  application: Application,
  receivedOn: string,
): NonNullable<LetterModel['application']> {
  return {
    kindLabel: application.kind === 'grant' ? 'föreningsbidrag' : 'lokal',
    receivedOn,
    grant: application.grant
      ? {
          program: application.grant.program,
          amount: sek(application.grant.amountSek),
          periodFrom: application.grant.periodFrom,
          periodTo: application.grant.periodTo,
        }
      : null,
    premises: application.premises
      ? {
          venue: application.premises.venue,
          from: swedishTime.format(new Date(application.premises.from)),
          to: swedishTime.format(new Date(application.premises.to)),
        }
      : null,
  };
}

export function decisionText(
  decision: DecisionRow,
  committee: string,
  application: Application | null,
): string {
  const what = application?.kind === 'premises' ? 'ansökan om lokal' : 'ansökan om föreningsbidrag';
  return decision.outcome === 'approved' ? `${committee} beviljar ${what}.` : `${committee} avslår ${what}.`;
}

export function recommendationLabel(recommendation: string | null): string | null {
  return recommendation ? (RECOMMENDATION_LABELS[recommendation] ?? recommendation) : null;
}

/** The criteria a withdrawal cites, in the words of the rule set in force. */
export function citedCriteria(codes: string[], ruleSet: LoadedRuleSet): LetterCriterion[] {
  return codes.map((code) => {
    const rule = ruleSet.rules.find((r) => r.code === code);
    return {
      code,
      criterion: rule?.criterion.sv ?? code,
      legalBasis: rule?.legalBasis ?? '',
      statusLabel: 'Tillämplig',
      explanation: '',
    };
  });
}

export type AssociationForLetter = Pick<AssociationRow, 'name' | 'org_number'>;
