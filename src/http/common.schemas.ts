import { z } from 'zod';
import type { ErrorCode } from './errors';
import { codedCheck } from './validation-details';
import { parseOrgNumber, parsePersonalNumber } from '../shared/swedish-ids';

/** A real calendar date as YYYY-MM-DD (2026-02-30 is refused). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, codedCheck('invalid_date_format', 'must be a date as YYYY-MM-DD'))
  // PostgreSQL has no year 0; nothing this service records predates 1000.
  .refine((s) => s >= '1000-01-01', {
    message: 'must be a date from year 1000 on',
    params: { code: 'date_before_year_1000' },
  })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
    },
    { message: 'not a valid calendar date', params: { code: 'invalid_date' } },
  );

/**
 * An instant as ISO 8601 with a zone, in the same years as dates: year 0000 passed the format and
 * reached PostgreSQL, which has no year 0.
 */
export const instantSchema = z.iso
  .datetime({ offset: true })
  .refine((s) => s.slice(0, 4) >= '1000', {
    message: 'must be an instant from year 1000 on',
    params: { code: 'instant_before_year_1000' },
  })
  .refine((s) => !Number.isNaN(new Date(s).getTime()), {
    message: 'not a valid instant',
    params: { code: 'invalid_instant_value' },
  });

export const idParams = z.object({ id: z.uuid('must be a UUID') });

/** An organisationsnummer in any accepted format, normalised to NNNNNN-NNNN. */
export const orgNumberSchema = z
  .string()
  .max(20)
  .transform((s, ctx) => {
    const r = parseOrgNumber(s);
    if (!r.ok) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid organisationsnummer: ${r.error}`,
        params: { code: 'invalid_org_number', reason: r.problem },
      });
      return z.NEVER;
    }
    return r.value;
  });

export const nameSchema = z.string().trim().min(1, 'must not be empty').max(300);

/** A JSON object whose shape is documented elsewhere (explanations, fact snapshots, audit details). */
// `additionalProperties: true` spelled out: the generator would otherwise write a typeless schema.
export const jsonObject = z.looseObject({}).meta({ additionalProperties: true } as Record<string, unknown>);

/** A personnummer or samordningsnummer in any accepted format, normalised to YYYYMMDD-NNNN. */
export const personalNumberSchema = z
  .string()
  .max(20)
  .transform((s, ctx) => {
    const r = parsePersonalNumber(s);
    if (!r.ok) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid personnummer: ${r.error}`,
        params: { code: 'invalid_personal_number', reason: r.problem },
      });
      return z.NEVER;
    }
    return r.value;
  });

/**
 * Trimmed text that must be given, whose absence has a code of its own (a reason, a note): zod's
 * length check carries no code, so emptiness is a refinement; the JSON schema still says minLength 1.
 */
export const filledText = (max: number, code: ErrorCode, message: string) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => s.length > 0, { message, params: { code } })
    .meta({ minLength: 1 });

/** A list of at least one item whose absence has a code of its own (e.g. the criteria a decision cites). */
export const filledArray = <T extends z.ZodType>(item: T, max: number, code: ErrorCode, message: string) =>
  z
    .array(item)
    .max(max)
    .refine((a) => a.length > 0, { message, params: { code } })
    .meta({ minItems: 1 });
