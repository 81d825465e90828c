import { z } from 'zod';
import { addDays } from '../clock';
import { addMonths } from '../reminders/reminders.policy';
import { jsonSetting } from '../config.json-setting';

// How long each kind of record is kept (the committee's gallringsbeslut in its
// dokumenthanteringsplan), as configuration: RETENTION_POLICY, JSON. Every field has the default
// DOMAIN.md's examples give, so an override names only what it changes, e.g.
//   RETENTION_POLICY='{"decisionReference":"KFN 2026/123","referral":{"keepFor":{"years":3}}}'
// Decisions, decision letters and the screenings they rest on are archived (bevaras): no kind here
// covers them, and no configuration can add one.

export const RECORD_KINDS = ['premises_check_clear', 'referral', 'watchlist_entry_ended', 'finding'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

const periodSchema = z
  .object({
    years: z.number().int().min(0).max(100).optional(),
    months: z.number().int().min(0).max(1200).optional(),
    days: z.number().int().min(0).max(36600).optional(),
  })
  .strict()
  .refine((p) => (p.years ?? 0) + (p.months ?? 0) + (p.days ?? 0) > 0, {
    message: 'a retention period must be longer than zero',
  });
export type Period = z.output<typeof periodSchema>;

const referenceSchema = z.string().trim().min(1).max(200);

function kind(keepFor: Period) {
  return z
    .object({
      keepFor: periodSchema.default(keepFor),
      /** This kind's own retention decision, when it is not the policy's. */
      decisionReference: referenceSchema.optional(),
    })
    .strict()
    .prefault({});
}

export const retentionPolicySchema = z
  .object({
    /** The retention decision (gallringsbeslut) every erasure names, e.g. its diarienummer. */
    decisionReference: referenceSchema.default('Dokumenthanteringsplanens gallringsbeslut'),
    /** A booking check that came back clear: kept from the day of the check. */
    premises_check_clear: kind({ months: 3 }),
    /** A referral and its grounds (the refer check): kept from the day it was resolved; open ones stay. */
    referral: kind({ years: 2 }),
    /** A retired or expired watchlist entry: kept from the day it ended. */
    watchlist_entry_ended: kind({ months: 3 }),
    /** A finding: kept until it passes the outer age limit, counted from the day of the conduct. */
    finding: kind({ years: 10 }),
  })
  .strict();

export type RetentionPolicy = z.output<typeof retentionPolicySchema>;

export const defaultRetentionPolicy: RetentionPolicy = retentionPolicySchema.parse({});

/** The retention decision a kind's erasures name. */
export function referenceFor(policy: RetentionPolicy, k: RecordKind): string {
  return policy[k].decisionReference ?? policy.decisionReference;
}

/** The day a record whose period starts on `from` is due for deletion. */
export function dueOn(from: string, keepFor: Period): string {
  return addDays(addMonths(from, (keepFor.years ?? 0) * 12 + (keepFor.months ?? 0)), keepFor.days ?? 0);
}

/**
 * A day on or after which every record due by `today` starts: records that started later are not due.
 * Months are uneven (31 Jan + 1 month = 28 Feb), so this leans a few days late and the exact test is
 * dueOn(start) <= today on each candidate.
 */
export function latestStartDue(today: string, keepFor: Period): string {
  const back = addDays(
    addMonths(today, -((keepFor.years ?? 0) * 12 + (keepFor.months ?? 0))),
    -(keepFor.days ?? 0),
  );
  return addDays(back, 4);
}

/** RETENTION_POLICY from the environment: the defaults, or a JSON override checked at start. */
export const retentionPolicyFromJson = jsonSetting(retentionPolicySchema, defaultRetentionPolicy);
