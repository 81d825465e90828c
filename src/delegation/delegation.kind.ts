import type { ApplicationKind } from '../applications/applications.table';
import type { DecisionKind, DecisionOutcome } from '../decisions/decisions.table';
import type { DelegationKind } from './delegation.schema';

// Which point of the delegation order a decision falls under. Stored with the decision when it is
// made, so the report and the letter read it back instead of working it out again.

export interface DecisionToClassify {
  kind: DecisionKind;
  outcome: DecisionOutcome;
  /** Grant approvals: whether the outcome goes against the engine's recommendation. */
  departsFromRecommendation: boolean;
  /** For decisions on applications: what was applied for. */
  applicationKind: ApplicationKind | null;
}

export function delegationKindOf(d: DecisionToClassify): DelegationKind {
  if (d.kind === 'withdrawal') return 'withdrawal';
  if (d.kind === 'restoration') return 'restoration';
  if (d.applicationKind === 'premises')
    return d.outcome === 'approved' ? 'premises_approval' : 'premises_refusal';
  if (d.outcome === 'denied') return 'grant_denial';
  return d.departsFromRecommendation
    ? 'grant_approval_against_recommendation'
    : 'grant_approval_with_recommendation';
}
