import { z } from 'zod';
import { instantSchema, isoDateSchema, nameSchema } from '../http/common.schemas';
import { pageQuery, pageSchema } from '../http/pagination';
import {
  APPLICATION_KINDS,
  APPLICATION_STATUSES,
  FINDING_CATEGORIES,
  type FindingCategory,
} from './applications.table';
import { caseNumberSchema } from '../cases/cases.schemas';
import { CASE_NUMBER_MAX } from '../cases/cases.number';

/** The categories a lawful single-sex activity (diskrimineringslagen 2 kap. 12 §) can be recorded under. */
export const SINGLE_SEX_CATEGORIES = [
  'gender_equality_violation',
  'discrimination',
] as const satisfies readonly FindingCategory[];

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

const secrecySchema = z
  .object({
    provision: text(200).describe(
      'the provision of offentlighets- och sekretesslagen, e.g. "OSL 18 kap. 1 §"',
    ),
  })
  .strict();

export const findingBody = z
  .object({
    category: z
      .enum(FINDING_CATEGORIES)
      .describe('documented conduct only; there is no category for opinions'),
    description: text(5000),
    source: text(1000).describe(
      'police report reference, court judgment, published material, earlier decision …',
    ),
    occurredOn: isoDateSchema,
    verified: z.boolean(),
    actingForAssociation: z
      .boolean()
      .describe('the association, someone representing it, or a partner acting on its behalf'),
    mitigation: z
      .object({
        distanced: z.boolean().default(false),
        actionTaken: z.boolean().default(false),
        oneOff: z.boolean().default(false),
      })
      .strict()
      .default({ distanced: false, actionTaken: false, oneOff: false }),
    lawfulSingleSexActivity: z
      .boolean()
      .default(false)
      .describe(
        'the conduct is a single-sex activity lawful under diskrimineringslagen 2 kap. 12 § ' +
          '(e.g. a girls-only training group); only for gender_equality_violation and discrimination',
      ),
    secrecy: secrecySchema
      .nullable()
      .optional()
      .describe(
        'the finding is covered by secrecy: letters describe the conduct without its source and name the provision',
      ),
  })
  .strict()
  // Only a finding about sex-based treatment can be a lawful single-sex activity; on any other
  // category the mark would mean nothing and could hide a finding from no rule at all.
  .refine(
    (f) =>
      !f.lawfulSingleSexActivity ||
      (SINGLE_SEX_CATEGORIES as readonly FindingCategory[]).includes(f.category),
    {
      message:
        'only a gender_equality_violation or discrimination finding can be a lawful single-sex activity',
      path: ['lawfulSingleSexActivity'],
      params: { code: 'single_sex_category' },
    },
  );
export type FindingInput = z.output<typeof findingBody>;

const grantSchema = z
  .object({
    program: text(200),
    amountSek: z.number().int().positive().max(1_000_000_000),
    periodFrom: isoDateSchema,
    periodTo: isoDateSchema,
  })
  .strict()
  .refine((g) => g.periodFrom <= g.periodTo, {
    message: 'periodTo must not be before periodFrom',
    path: ['periodTo'],
    params: { code: 'period_order' },
  });

const premisesSchema = z
  .object({ venue: text(300), from: instantSchema, to: instantSchema })
  .strict()
  .refine((p) => new Date(p.from) < new Date(p.to), {
    message: 'to must be after from',
    path: ['to'],
    params: { code: 'time_order' },
  });

export const statutesSchema = z
  .object({
    adoptedAtAnnualMeeting: z.boolean(),
    electedBoard: z.boolean(),
    auditor: z.boolean(),
    openMembership: z.boolean(),
    nonDiscriminationClause: z.boolean(),
  })
  .strict();

export const declarationSchema = z
  .object({
    signed: z.boolean(),
    signedBy: nameSchema.nullable().optional(),
    signedOn: isoDateSchema.nullable().optional(),
  })
  .strict();

export const createApplicationBody = z
  .object({
    kind: z.enum(APPLICATION_KINDS),
    associationId: z.uuid(),
    grant: grantSchema.nullable().optional(),
    premises: premisesSchema.nullable().optional(),
    statutes: statutesSchema,
    declaration: declarationSchema,
    findings: z.array(findingBody).max(100).default([]),
    caseNumber: caseNumberSchema.optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    // The details of the other kind must be absent: a grant application has no booking and vice versa.
    const own = a.kind === 'grant' ? 'grant' : 'premises';
    const other = a.kind === 'grant' ? 'premises' : 'grant';
    if (!a[own]) {
      ctx.addIssue({
        code: 'custom',
        path: [own],
        message: `required when kind is ${a.kind}`,
        params: { code: 'required', kind: a.kind },
      });
    }
    if (a[other])
      ctx.addIssue({
        code: 'custom',
        path: [other],
        message: `must be null when kind is ${a.kind}`,
        params: { code: 'not_allowed', kind: a.kind },
      });
  });
export type CreateApplicationInput = z.output<typeof createApplicationBody>;

export const findingSchema = z
  .object({
    id: z.uuid(),
    applicationId: z.uuid(),
    category: z.enum(FINDING_CATEGORIES),
    description: z.string(),
    source: z.string(),
    occurredOn: z.string(),
    verified: z.boolean(),
    actingForAssociation: z.boolean(),
    mitigation: z.object({ distanced: z.boolean(), actionTaken: z.boolean(), oneOff: z.boolean() }),
    lawfulSingleSexActivity: z.boolean(),
    secrecy: z.object({ provision: z.string() }).nullable(),
    recordedBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Finding' });
export type Finding = z.infer<typeof findingSchema>;

export const applicationSchema = z
  .object({
    id: z.uuid(),
    caseNumber: z.string().describe('the diarienummer of the application’s case'),
    assignedTo: z.string().describe('the handling officer (a case officer’s user id)'),
    kind: z.enum(APPLICATION_KINDS),
    associationId: z.uuid(),
    grant: z
      .object({ program: z.string(), amountSek: z.number(), periodFrom: z.string(), periodTo: z.string() })
      .nullable(),
    premises: z.object({ venue: z.string(), from: z.string(), to: z.string() }).nullable(),
    statutes: statutesSchema,
    declaration: z.object({
      signed: z.boolean(),
      signedBy: z.string().nullable(),
      signedOn: z.string().nullable(),
    }),
    findings: z.array(findingSchema),
    status: z.enum(APPLICATION_STATUSES),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Application' });
export type Application = z.infer<typeof applicationSchema>;

export const applicationsQuery = z.object({
  associationId: z.uuid().optional(),
  status: z.enum(APPLICATION_STATUSES).optional(),
  assignedTo: z.string().max(100).optional().describe('the handling officer’s user id, or "me"'),
  caseNumber: z.string().max(CASE_NUMBER_MAX).optional(),
  ...pageQuery,
});
export const applicationsPage = pageSchema(
  applicationSchema.omit({ findings: true }).extend({ findingCount: z.number().int() }),
);
