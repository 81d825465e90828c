import type { ApplicationKind, GrantDetails, PremisesDetails } from '../applications/applications.table';
import type { CommunicationStatus } from '../communications/communications.table';
import type { Condition } from '../screening/rule-set.conditions';
import type { LoadedRuleSet } from '../screening/rule-set.loader';
import { interpolate } from '../screening/rule-set.params';
import type { RuleDefinition } from '../screening/rule-set.schema';
import type { EvaluationResult, RuleEvaluation } from '../screening/screening.result';
import { SEVERITY } from '../screening/screening.result';
import type { DecisionKind, DecisionOutcome } from './decisions.table';

// What a decision letter says (DOMAIN.md, "The decision letter", FL 32–33 §§), as data: the input of
// the renderer (letter.view.ts turns it into the templates' Swedish). Dates are YYYY-MM-DD here.

/** A documented fact the decision relies on: what happened, when, and where it is documented. */
export interface LetterFact {
  id: string;
  occurredOn: string;
  description: string;
  /** Never printed when `secrecy` is set: the letter names the provision instead. */
  source: string;
  verified: boolean;
  secrecy: { provision: string } | null;
}

/** A ground that decided the case: the rule (criterion and where it is written) and the facts. */
export interface LetterGround {
  /** For tests and tracing; the letter prints the criterion, not the code. */
  code: string;
  criterion: string;
  legalBasis: string;
  facts: LetterFact[];
}

/**
 * Kommunicering (FL 25 §): the material was sent on `sentOn` with `replyBy` to answer, and what came
 * of it; or the decision was made without it under one of the law's exceptions; or null (a decision
 * that does not go against the association, which needs none).
 * `replyBy`/`status` null: a decision recorded before kommunicering had its own step (only the date,
 * `communicatedOn`, is known).
 */
export type LetterCommunication =
  | {
      sentOn: string;
      replyBy: string | null;
      status: CommunicationStatus | null;
      receivedOn?: string;
      summary?: string;
    }
  | { exemption: { ground: string; groundText: string; justification: string } }
  | null;

/**
 * Who decided: one delegat under the committee's delegation order (`delegationPoint` null until the
 * delegation order says which point), or the committee itself at a meeting (paragraph as in the
 * minutes, e.g. "45").
 */
export type LetterDecisionMaker =
  | { kind: 'delegat'; name: string; title?: string; delegationPoint: string | null }
  | { kind: 'committee'; committeeName: string; meetingOn: string; paragraph: string };

/** Case-handling facts every letter carries; filled by letter.case.ts. */
export interface LetterCaseFacts {
  /** The diarienummer. */
  caseNumber: string;
  decisionMaker: LetterDecisionMaker;
  /** The föredragande, who prepared the case; also the letter's contact person. */
  preparedBy: { name: string };
}

export interface LetterApplication {
  kind: ApplicationKind;
  receivedOn: string;
  grant: GrantDetails | null;
  premises: PremisesDetails | null;
}

export interface LetterModel extends LetterCaseFacts {
  kind: DecisionKind;
  outcome: DecisionOutcome;
  municipality: string;
  committee: string;
  /** The day the decision was made (became final). */
  date: string;
  association: { name: string; orgNumber: string };
  application: LetterApplication | null;
  /** Only the grounds that decided the case; empty for an approval or a restoration. */
  grounds: LetterGround[];
  /**
   * No other condition of support was found wanting: only then may the letter say the other conditions
   * were examined without finding an obstacle (a met rule that did not decide the case makes it false).
   */
  otherConditionsClear: boolean;
  /** The officer's written reasons, printed as the assessment (adverse decisions and restorations). */
  reasoning: string | null;
  /** An approval's conditions, as written. */
  conditions: string | null;
  communication: LetterCommunication;
  appealCourt: string;
  contactDetails: string;
}

/**
 * Rules about the watchlist (WL-*, and SANK-* for its sanctions-list entries) or withdrawn support
 * (SUP-*) never decide a case in a letter.
 */
export function isScreeningAid(code: string): boolean {
  return code.startsWith('WL-') || code.startsWith('SANK-') || code.startsWith('SUP-');
}

function factsByIds(ids: Set<string>, findings: readonly LetterFact[]): LetterFact[] {
  return findings.filter((f) => ids.has(f.id));
}

/** One ground per code, in the order the rules come, with the findings the rules relied on. */
function groundsOf(rules: RuleEvaluation[], findings: readonly LetterFact[]): LetterGround[] {
  const byCode = new Map<string, { rule: RuleEvaluation; ids: Set<string> }>();
  for (const r of rules) {
    const entry = byCode.get(r.code) ?? { rule: r, ids: new Set<string>() };
    for (const id of r.findingIds) entry.ids.add(id);
    byCode.set(r.code, entry);
  }
  return [...byCode.values()].map(({ rule, ids }) => ({
    code: rule.code,
    criterion: rule.criterion.sv,
    legalBasis: rule.legalBasis,
    facts: factsByIds(ids, findings),
  }));
}

/**
 * The grounds of a denial: the met conduct and formal rules among the decision's criteria, without
 * watchlist or withdrawn-support rules, and of those only the most severe level met — a rule that
 * makes the association ineligible decides the case; a rule that only referred or asked for
 * completion beside it did not. A denial left without grounds rests on the officer's reasons alone.
 */
export function decidingGrounds(
  result: EvaluationResult,
  findings: readonly LetterFact[],
  criteria: readonly string[],
): LetterGround[] {
  const codes = new Set(criteria.filter((c) => !isScreeningAid(c)));
  const met = result.rules.filter((r) => r.status === 'met' && codes.has(r.code));
  if (met.length === 0) return [];
  const level = Math.max(...met.map((r) => SEVERITY[r.outcome]));
  return groundsOf(
    met.filter((r) => SEVERITY[r.outcome] === level),
    findings,
  );
}

function categoriesIn(node: Condition, out: Set<string>): void {
  if ('fact' in node) {
    const value = node.value as { category?: unknown } | null;
    if (node.fact === 'findings' && value && typeof value === 'object') {
      const c = value.category;
      for (const x of Array.isArray(c) ? c : [c]) if (typeof x === 'string') out.add(x);
    }
    return;
  }
  const children = 'all' in node ? node.all : 'any' in node ? node.any : [node.not];
  for (const child of children) categoriesIn(child, out);
}

/** The finding categories a rule reads (its someMatch predicates on findings), e.g. VBE-1's one. */
export function criterionCategories(rule: Pick<RuleDefinition, 'conditions'>): Set<string> {
  const out = new Set<string>();
  categoriesIn(rule.conditions, out);
  return out;
}

/** The rule a code stands for in a rule set: the one that makes the association ineligible, if any. */
function ruleForCode(ruleSet: LoadedRuleSet, code: string): RuleDefinition | undefined {
  const rules = ruleSet.rules.filter((r) => r.code === code);
  return rules.find((r) => r.outcome === 'ineligible') ?? rules[0];
}

const criterionText = (ruleSet: LoadedRuleSet, rule: RuleDefinition | undefined, code: string) =>
  rule ? interpolate(rule.criterion.sv, ruleSet.parameters) : code;

/** The criteria a support decision cites, in the words of the rule set in force (investigator page). */
export function citedCriteria(
  codes: readonly string[],
  ruleSet: LoadedRuleSet,
): { code: string; criterion: string; legalBasis: string }[] {
  return codes.map((code) => {
    const rule = ruleForCode(ruleSet, code);
    return { code, criterion: criterionText(ruleSet, rule, code), legalBasis: rule?.legalBasis ?? '' };
  });
}

/**
 * The grounds of a withdrawal: each cited criterion with the facts of its kind (the findings whose
 * category the criterion's rule reads) among the facts the decision relies on.
 */
export function citedGrounds(
  codes: readonly string[],
  ruleSet: LoadedRuleSet,
  findings: readonly (LetterFact & { category: string })[],
): LetterGround[] {
  return codes.map((code) => {
    const rule = ruleForCode(ruleSet, code);
    const categories = rule ? criterionCategories(rule) : new Set<string>();
    return {
      code,
      criterion: criterionText(ruleSet, rule, code),
      legalBasis: rule?.legalBasis ?? '',
      facts: findings.filter((f) => categories.has(f.category)),
    };
  });
}

/**
 * Whether no condition besides the deciding ones stood in the way: no other rule of the municipality's
 * criteria that refuses support or asks for completion was met. Screening aids (watchlist, withdrawn
 * support) are not conditions, and a rule that only refers was weighed by the officer, whose
 * assessment the letter prints. An approval was decided with every condition weighed.
 */
export function otherConditionsClear(
  result: EvaluationResult,
  d: { outcome: string; criteria: readonly string[] },
): boolean {
  if (d.outcome !== 'denied') return true;
  const conditions = result.rules.filter(
    (r) => r.status === 'met' && !isScreeningAid(r.code) && r.outcome !== 'refer',
  );
  const deciding = new Set(decidingGroundCodes(result, d.criteria));
  return conditions.every((r) => deciding.has(r.code));
}

function decidingGroundCodes(result: EvaluationResult, criteria: readonly string[]): string[] {
  const codes = new Set(criteria.filter((c) => !isScreeningAid(c)));
  const met = result.rules.filter((r) => r.status === 'met' && codes.has(r.code));
  if (met.length === 0) return [];
  const level = Math.max(...met.map((r) => SEVERITY[r.outcome]));
  return met.filter((r) => SEVERITY[r.outcome] === level).map((r) => r.code);
}
