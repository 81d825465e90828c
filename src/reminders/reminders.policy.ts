import { z } from 'zod';
import { addDays } from '../clock';
import { ASSIGNEE_ROLES, type AssigneeRole, type Interval, type ReminderKind } from './reminders.table';

// Who gets which follow-up and when, as configuration (REMINDER_POLICY, JSON). Every field has the
// default DOMAIN.md describes, so an override names only what it changes:
//   REMINDER_POLICY='{"notify_association":{"dueAfter":{"days":3}},"reassess":{"dueAfter":{"months":24}}}'

const intervalSchema = z
  .object({
    months: z.number().int().min(0).max(120).optional(),
    days: z.number().int().min(0).max(3660).optional(),
  })
  .strict();

const roleSchema = z.enum(ASSIGNEE_ROLES);
// Need-to-know: booking staff cancel bookings and nothing else. Every other reminder names a decision
// or a watchlist hit, so no configuration may hand it to them.
const caseworkRoleSchema = z.enum(
  ASSIGNEE_ROLES.filter((r) => r !== 'booking_staff'),
  {
    message: 'only cancel_bookings may be assigned to booking_staff; use case_officer or coordinator',
  },
);

function rule(
  assigneeRole: AssigneeRole,
  dueAfter: Interval,
  roles: z.ZodType<AssigneeRole> = caseworkRoleSchema,
) {
  return z
    .object({ assigneeRole: roles.default(assigneeRole), dueAfter: intervalSchema.default(dueAfter) })
    .strict()
    .prefault({});
}

// One rule per reminder kind: a kind without a rule does not compile (the `satisfies` below).
const rules = {
  /** At once: the association's future bookings of the municipality's rooms. */
  cancel_bookings: rule('booking_staff', { days: 0 }, roleSchema),
  /** Within days: the decision is sent to the association (underrättelse). */
  notify_association: rule('case_officer', { days: 5 }),
  /** Within a month: decide on repayment (återkrav) of grants already paid. */
  recover_grant: rule('case_officer', { months: 1 }),
  /** After the withdrawal period (unless the decision names the day): may support resume? */
  reassess: rule('case_officer', { months: 12 }),
  /** Yearly from the decision, recurring: the action plan's follow-up. */
  annual_follow_up: rule('coordinator', { months: 12 }).refine(
    (r) => (r.dueAfter.months ?? 0) + (r.dueAfter.days ?? 0) > 0,
    { message: 'a recurring reminder needs an interval longer than zero', path: ['dueAfter'] },
  ),
  /** A new watchlist entry matches an association that has support. */
  review_support: rule('coordinator', { days: 7 }),
  /** Asked this many days before an entry's reviewBy, due on reviewBy. */
  review_watchlist_entry: z
    .object({
      assigneeRole: caseworkRoleSchema.default('coordinator'),
      daysBefore: z.number().int().min(0).max(366).default(14),
    })
    .strict()
    .prefault({}),
} satisfies Record<ReminderKind, z.ZodType>;

export const reminderPolicySchema = z.object(rules).strict();

export type ReminderPolicy = z.output<typeof reminderPolicySchema>;

export const defaultReminderPolicy: ReminderPolicy = reminderPolicySchema.parse({});

/** Adds calendar months to a YYYY-MM-DD date, clamping to the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** `from` plus `times` × the interval, computed from `from` each time so clamping never accumulates. */
export function addInterval(from: string, interval: Interval, times = 1): string {
  return addDays(addMonths(from, (interval.months ?? 0) * times), (interval.days ?? 0) * times);
}
