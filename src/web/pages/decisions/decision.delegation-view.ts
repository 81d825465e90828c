import type { Decision } from '../../../decisions/decisions.schemas';
import type { DelegationOrderResponse } from '../../../delegation/delegation.schema';
import { label } from '../../web.labels.sv';

// What the delegation order says about one decision, for the person looking at it: who may decide
// it (a delegat under a point, or only the committee) and whether this person may.

export interface DelegationView {
  title: string;
  /** Only the committee decides; a coordinator records its decision. */
  committee: boolean;
  reason: string | null;
  /** "Samordnare (punkt 4.1.3)" … : who holds delegation. */
  delegates: string;
  /** The point this person would decide under; null when their role holds no delegation. */
  point: string | null;
}

export function delegationView(
  order: DelegationOrderResponse,
  decision: Pick<Decision, 'delegationKind'>,
  role: string,
): DelegationView {
  const rule = order.decisions.find((r) => r.kind === decision.delegationKind)!;
  return {
    title: rule.title,
    committee: rule.committee,
    reason: rule.reason,
    delegates: rule.delegates.map((d) => `${label('role', d.role)} (punkt ${d.point})`).join(', '),
    point: rule.delegates.find((d) => d.role === role)?.point ?? null,
  };
}

/** Whether this person can act on a pending decision: decide it as delegat, or record the committee's. */
export function mayAct(
  order: DelegationOrderResponse,
  d: Decision,
  user: { id: string; role: string },
): boolean {
  const v = delegationView(order, d, user.role);
  if (v.committee) return user.role === 'coordinator';
  return v.point !== null && d.preparedBy !== user.id;
}
