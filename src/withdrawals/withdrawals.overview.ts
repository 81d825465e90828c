import { z } from 'zod';
import type { Db } from '../db/database';
import { isoDate } from '../clock';
import type { PageRequest } from '../db/paginate';
import { mapPage, pageQuery, pageSchema } from '../http/pagination';
import { listWithdrawalDecisions } from '../decisions/decisions.repository';
import { remindersOfDecisions } from '../reminders/reminders.repository';
import { ASSIGNEE_ROLES, REMINDER_KINDS, REMINDER_STATUSES } from '../reminders/reminders.table';
import { DECISION_STATUSES } from '../decisions/decisions.table';

// For investigators: every withdrawal with the follow-up it implied, and whether each step was done
// on time — the action plan's "control and follow-up", answerable in one request.

export const withdrawalsQuery = z.object({ ...pageQuery });

const followUpSchema = z.object({
  id: z.uuid(),
  kind: z.enum(REMINDER_KINDS),
  assigneeRole: z.enum(ASSIGNEE_ROLES),
  dueOn: z.string(),
  status: z.enum(REMINDER_STATUSES),
  escalated: z.boolean(),
  completedOn: z.string().nullable(),
  /** true: done by its due date; false: done late, or still open past it; null: open, not yet due. */
  onTime: z.boolean().nullable(),
});

export const withdrawalOverviewSchema = z
  .object({
    decisionId: z.uuid(),
    reference: z.string(),
    caseNumber: z.string(),
    associationId: z.uuid(),
    associationName: z.string(),
    orgNumber: z.string(),
    status: z.enum(DECISION_STATUSES),
    criteria: z.array(z.string()),
    preparedAt: z.string().describe('when the withdrawal was prepared and proposed'),
    decidedAt: z
      .string()
      .nullable()
      .describe('when it was decided (became final); null while pending or returned'),
    followUps: z.array(followUpSchema),
    summary: z.object({ total: z.number(), done: z.number(), doneOnTime: z.number(), overdue: z.number() }),
  })
  .meta({ id: 'WithdrawalOverview' });
export const withdrawalsPage = pageSchema(withdrawalOverviewSchema);

export async function listWithdrawals(db: Db, today: string, page: PageRequest) {
  const rows = await listWithdrawalDecisions(db, page);
  const reminders = await remindersOfDecisions(
    db,
    rows.items.map((r) => r.id),
  );
  return mapPage(rows, (r) => {
    const followUps = reminders
      .filter((m) => m.decision_id === r.id)
      .map((m) => {
        const completedOn = m.completed_at ? isoDate(m.completed_at) : null;
        const onTime = completedOn ? completedOn <= m.due_on : today > m.due_on ? false : null;
        return {
          id: m.id,
          kind: m.kind,
          assigneeRole: m.assignee_role,
          dueOn: m.due_on,
          status: m.status,
          escalated: m.escalated_at !== null,
          completedOn,
          onTime,
        };
      });
    return {
      decisionId: r.id,
      reference: r.reference,
      caseNumber: r.case_number,
      associationId: r.association_id,
      associationName: r.name,
      orgNumber: r.org_number,
      status: r.status,
      criteria: r.criteria,
      preparedAt: r.prepared_at.toISOString(),
      decidedAt: r.decided_at?.toISOString() ?? null,
      followUps,
      summary: {
        total: followUps.length,
        done: followUps.filter((f) => f.status === 'done').length,
        doneOnTime: followUps.filter((f) => f.status === 'done' && f.onTime).length,
        overdue: followUps.filter((f) => f.status === 'open' && f.onTime === false).length,
      },
    };
  });
}
