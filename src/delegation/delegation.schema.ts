import { z } from 'zod';
import { isoDateSchema } from '../http/common.schemas';
import type { Role } from '../users/users.table';

// The committee's delegation order (delegationsordning) as data: for each kind of decision this
// service records, who may take it — a role under a point of the order (a delegat), or only the
// committee itself. Validated at start-up like the rule sets; the file is rules/delegation.json.

/** The kinds of decision the order covers; every decision falls under exactly one. */
export const DELEGATION_KINDS = [
  'grant_approval_with_recommendation',
  'grant_approval_against_recommendation',
  'grant_denial',
  'premises_approval',
  'premises_refusal',
  'withdrawal',
  'restoration',
] as const;
export type DelegationKind = (typeof DELEGATION_KINDS)[number];

/**
 * The roles that can be delegats. Investigators only read and admins keep the system: neither decides
 * in cases, and booking staff never learn grounds. The approve route admits exactly these roles.
 */
export const DELEGATE_ROLES = ['case_officer', 'coordinator'] as const satisfies readonly Role[];
export type DelegateRole = (typeof DELEGATE_ROLES)[number];

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

const delegate = z
  .object({
    role: z.enum(DELEGATE_ROLES),
    point: text(20).describe('the point of the delegation order, e.g. "4.1.1"'),
  })
  .strict();

const rule = z
  .object({
    title: text(300).describe('the kind of decision in the order’s own words (Swedish)'),
    delegates: z
      .array(delegate)
      .min(1, 'name at least one delegate, or set committee: true')
      .max(10)
      .optional(),
    committee: z.literal(true).optional().describe('reserved to the committee itself'),
    reason: text(500).optional().describe('why the committee keeps it, e.g. KL 6 kap. 38 §'),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.committee === undefined && r.delegates === undefined) {
      ctx.addIssue({ code: 'custom', message: 'give either delegates or committee: true' });
    }
    if (r.committee && r.delegates) {
      ctx.addIssue({
        code: 'custom',
        path: ['delegates'],
        message: 'a decision reserved to the committee has no delegates',
      });
    }
    const seen = new Set<string>();
    r.delegates?.forEach((d, i) => {
      if (seen.has(d.role)) {
        ctx.addIssue({
          code: 'custom',
          path: ['delegates', i, 'role'],
          message: `${d.role} is listed twice`,
        });
      }
      seen.add(d.role);
    });
  });

export const delegationOrderSchema = z
  .object({
    $comment: z.string().optional(),
    committeeName: text(200).describe('the committee whose order this is'),
    adoptedOn: isoDateSchema.describe('when the committee adopted the order'),
    adoptedParagraph: text(20).optional().describe('the § of the minutes that adopted it'),
    decisions: z
      .object(
        Object.fromEntries(DELEGATION_KINDS.map((k) => [k, rule])) as Record<DelegationKind, typeof rule>,
      )
      .strict(),
  })
  .strict();
export type DelegationOrderFile = z.output<typeof delegationOrderSchema>;
export type DelegationRule = DelegationOrderFile['decisions'][DelegationKind];

/** The order as `GET /api/delegation` answers it. */
export const delegationOrderResponse = z
  .object({
    committeeName: z.string(),
    adoptedOn: z.string(),
    adoptedParagraph: z.string().nullable(),
    hash: z.string().describe('sha256:<hex> of the file, so a reader can tell versions apart'),
    decisions: z.array(
      z.object({
        kind: z.enum(DELEGATION_KINDS),
        title: z.string(),
        committee: z.boolean().describe('true: only the committee decides; no delegat may'),
        reason: z.string().nullable(),
        delegates: z.array(z.object({ role: z.enum(DELEGATE_ROLES), point: z.string() })),
      }),
    ),
  })
  .meta({ id: 'DelegationOrder' });
export type DelegationOrderResponse = z.infer<typeof delegationOrderResponse>;
