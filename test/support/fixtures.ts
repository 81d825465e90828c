import { isoDate } from '../../src/clock';
import { as, orgNumber, type TestContext } from './test-app';

// Request bodies a case officer would send, valid unless a test changes them.

export function grantApplication(associationId: string, extra: Record<string, unknown> = {}) {
  return {
    kind: 'grant',
    associationId,
    grant: { program: 'activity', amountSek: 25000, periodFrom: '2027-01-01', periodTo: '2027-12-31' },
    premises: null,
    statutes: {
      adoptedAtAnnualMeeting: true,
      electedBoard: true,
      auditor: true,
      openMembership: true,
      nonDiscriminationClause: true,
    },
    declaration: { signed: true, signedBy: 'Anna Ek, ordförande', signedOn: '2026-11-01' },
    findings: [],
    ...extra,
  };
}

export function finding(extra: Record<string, unknown> = {}) {
  return {
    category: 'supports_violent_extremism',
    description: 'Föreningens ordförande uppmanade till våld mot meningsmotståndare vid ett möte.',
    source: 'Polisanmälan K123456-26',
    occurredOn: '2026-06-01',
    verified: true,
    actingForAssociation: true,
    ...extra,
  };
}

let seq = 0;

/** Registers an association (registered long enough ago to meet the one-year requirement). */
export async function registerAssociation(ctx: TestContext, extra: Record<string, unknown> = {}) {
  seq += 1;
  const res = await as(ctx, 'case_officer')
    .post('/api/associations')
    .send({
      orgNumber: orgNumber(5000 + seq),
      name: `Testföreningen ${seq}`,
      registeredOn: '2015-01-01',
      ...extra,
    });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; orgNumber: string; name: string };
}

/** The delegat's approval body: confirms no conflict of interest (jäv). */
export const noConflict = { noConflictOfInterest: true };

/**
 * Records the committee's decision on a decision the delegation order reserves to it (the shipped
 * order reserves withdrawals), as a coordinator, at a meeting today.
 */
export function recordCommitteeDecision(
  ctx: TestContext,
  decisionId: string,
  who: 'coordinator' | 'coordinator_2' = 'coordinator',
  paragraph = '§ 45',
) {
  const meetingOn = isoDate(ctx.clock.now());
  return as(ctx, who)
    .post(`/api/decisions/${decisionId}/approve`)
    .send({ committee: { meetingOn, paragraph } });
}
