import { z } from 'zod';
import type { Db } from '../db/database';
import { addDays, isoDate, startOfSwedishDay } from '../clock';
import { isoDateSchema } from '../http/common.schemas';
import { invalidField } from '../http/errors';
import { delegatedDecisions, type DelegatedDecisionRow } from '../decisions/decisions.repository';
import { DECISION_OUTCOMES } from '../decisions/decisions.table';
import type { DelegationOrder } from './delegation.loader';
import { DELEGATION_KINDS } from './delegation.schema';

// Anmälan av delegationsbeslut (kommunallagen 6 kap. 40 §): the decisions delegats took in a period,
// for the committee's minutes. Decisions the committee took itself are in its own minutes already.

/** A year and a day: a report covers a meeting period, and the answer stays bounded. */
const MAX_DAYS = 366;
/** More than this in one period is not a report anyone reads; ask for a shorter period. */
export const MAX_REPORT_ROWS = 5000;

export const delegationReportQuery = z
  .object({ from: isoDateSchema, to: isoDateSchema })
  .superRefine((q, ctx) => {
    if (q.to < q.from) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'to must not be before from',
        params: { code: 'period_order' },
      });
    } else if (addDays(q.from, MAX_DAYS) <= q.to) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `the period may be at most ${MAX_DAYS} days`,
        params: { code: 'period_too_long', days: MAX_DAYS },
      });
    }
  });
export type DelegationReportQuery = z.output<typeof delegationReportQuery>;

const person = z.object({ id: z.string(), name: z.string().nullable() });

export const delegationReportSchema = z
  .object({
    committeeName: z.string(),
    from: z.string(),
    to: z.string(),
    items: z.array(
      z.object({
        decisionId: z.uuid(),
        decidedOn: z.string().describe('the Swedish calendar day the delegat decided'),
        caseNumber: z.string().describe('the diarienummer of the case'),
        reference: z.string().describe('the decision’s diary number'),
        kind: z.enum(DELEGATION_KINDS),
        kindTitle: z.string().describe('the kind of decision in the delegation order’s words'),
        outcome: z.enum(DECISION_OUTCOMES),
        superseded: z.boolean().describe('a later decision replaced it (ersätter); it was still taken'),
        association: z.object({ id: z.uuid(), name: z.string(), orgNumber: z.string() }),
        delegat: person,
        delegationPoint: z.string().nullable().describe('null for decisions taken before the order'),
        preparedBy: person.describe('the föredragande'),
      }),
    ),
  })
  .meta({ id: 'DelegationReport' });
export type DelegationReport = z.infer<typeof delegationReportSchema>;

function item(order: DelegationOrder, r: DelegatedDecisionRow): DelegationReport['items'][number] {
  return {
    decisionId: r.id,
    decidedOn: isoDate(r.decided_at),
    caseNumber: r.case_number,
    reference: r.reference,
    kind: r.delegation_kind,
    kindTitle: order.decisions[r.delegation_kind].title,
    outcome: r.outcome,
    superseded: r.status === 'superseded',
    association: { id: r.association_id, name: r.association_name, orgNumber: r.org_number },
    delegat: { id: r.decided_by, name: r.delegat_name },
    delegationPoint: r.delegation_point,
    preparedBy: { id: r.prepared_by, name: r.preparer_name },
  };
}

export async function delegationReport(
  db: Db,
  order: DelegationOrder,
  q: DelegationReportQuery,
): Promise<DelegationReport> {
  const range = { from: startOfSwedishDay(q.from), to: startOfSwedishDay(addDays(q.to, 1)) };
  const rows = await delegatedDecisions(db, range, MAX_REPORT_ROWS + 1);
  if (rows.length > MAX_REPORT_ROWS) {
    throw invalidField(
      'query.to',
      'too_many_decisions',
      `the period holds more than ${MAX_REPORT_ROWS} delegated decisions: choose a shorter period`,
      { max: MAX_REPORT_ROWS },
    );
  }
  return {
    committeeName: order.committeeName,
    from: q.from,
    to: q.to,
    items: rows.map((r) => item(order, r)),
  };
}
