import { z } from 'zod';
import { isoDateSchema } from '../http/common.schemas';
import { pageQuery, pageSchema } from '../http/pagination';
import { ASSIGNEE_ROLES, REMINDER_KINDS, REMINDER_STATUSES } from './reminders.table';

export const reminderSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(REMINDER_KINDS),
    title: z.string().describe('what to do, in Swedish'),
    associationId: z.uuid().nullable(),
    associationName: z.string().nullable(),
    orgNumber: z.string().nullable(),
    decisionId: z.uuid().nullable(),
    watchlistEntryId: z.uuid().nullable(),
    assigneeRole: z.enum(ASSIGNEE_ROLES),
    dueOn: z.string(),
    status: z.enum(REMINDER_STATUSES),
    escalated: z.boolean().describe('it was still open after its due date'),
    escalatedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    completedBy: z.string().nullable(),
    note: z.string().nullable(),
    occurrence: z.number().int().describe('1 for the first of a recurring series, then 2, 3, …'),
    previousId: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Reminder' });
export type Reminder = z.infer<typeof reminderSchema>;

export const remindersQuery = z.object({
  status: z.enum(REMINDER_STATUSES).optional(),
  assigneeRole: z
    .enum(ASSIGNEE_ROLES)
    .optional()
    .describe('your own role unless you are an investigator (who sees every role’s when omitted)'),
  dueBefore: isoDateSchema.optional().describe('due strictly before this date'),
  kind: z.enum(REMINDER_KINDS).optional(),
  associationId: z.uuid().optional(),
  decisionId: z.uuid().optional(),
  sort: z
    .enum(['newest', 'due'])
    .default('newest')
    .describe('newest: newest first (the default for lists); due: earliest due first, so overdue lead'),
  ...pageQuery,
});

export const remindersPage = pageSchema(reminderSchema);

export const completeReminderBody = z
  .object({ note: z.string().trim().min(1, 'must not be empty').max(5000) })
  .strict();

export const completedReminderSchema = reminderSchema
  .extend({ next: reminderSchema.nullable().describe('the next occurrence of a recurring reminder') })
  .meta({ id: 'CompletedReminder' });
