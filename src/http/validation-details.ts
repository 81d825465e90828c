import { z, type ZodError } from 'zod';
import { ERROR_CODES, type ErrorCode, type ErrorDetail, type ErrorParams, type Problem } from './errors';

// The one place zod's issues become the contract's details: each of zod's own kinds gets a stable
// code and the params its text needs (a limit, the expected type); a custom issue (refine,
// superRefine, addIssue) names its code in `params.code`, e.g.
//   ctx.addIssue({ code: 'custom', message: 'must not be in the future', params: { code: 'date_in_future' } })

type Issue = ZodError['issues'][number];

// A finished issue no longer holds the input, so "missing" and "of the wrong type" would read alike;
// zod's global error hook still sees it and marks a missing value (returning no message of its own).
z.config({
  customError: (iss) => {
    if (iss.code === 'invalid_type' && iss.input === undefined) Object.assign(iss, { received: 'undefined' });
    return undefined;
  },
});

const isCode = (c: unknown): c is ErrorCode =>
  typeof c === 'string' && (ERROR_CODES as readonly string[]).includes(c);

/** A detail as the contract shows it (the error body's details, a CSV line's problems). */
export const errorDetailSchema = z.object({
  path: z.string(),
  code: z
    .enum(ERROR_CODES)
    .describe('what is wrong, stable: translate or branch on this, not on the message'),
  message: z.string().describe('English, for people reading the API; may be reworded'),
  params: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .optional()
    .describe('what the code needs to be precise, e.g. {"max": 300} for too_long'),
});

// zod's regex and enum issues carry no params, only the pattern or the options: a pattern or a set of
// options with a meaning of its own (a date, a paragraph of the minutes, a referral's outcome) names
// its code where the schema is written. The code belongs to that schema instance: its own error hook
// (which zod calls with the issue before the issue is finished) leaves the code on the issue, so another
// pattern or enum with the same text or values still answers with the generic code.
const OWN_CODE = 'ownCode';

function markedWith(code: ErrorCode, kind: Issue['code'], message: string | undefined) {
  return (iss: { code?: string }) => {
    if (iss.code === kind) Object.assign(iss, { [OWN_CODE]: code });
    return message;
  };
}

/** A regular expression whose mismatch has its own code: `.regex(re, codedCheck('paragraph_format', '…'))`. */
export function codedCheck(code: ErrorCode, message: string) {
  return { error: markedWith(code, 'invalid_format', message) };
}

/** An enum whose missing or wrong choice has its own code: `codedEnum(OUTCOMES, 'x', 'choose …')`. */
export function codedEnum<const T extends readonly string[]>(values: T, code: ErrorCode, message?: string) {
  return z.enum(values, { error: markedWith(code, 'invalid_value', message) });
}

const ownCodeOf = (issue: Issue): ErrorCode | undefined => {
  const code = (issue as { [OWN_CODE]?: unknown })[OWN_CODE];
  return isCode(code) ? code : undefined;
};

/** The params of a custom issue, with its code taken out; numbers and strings only. */
function customProblem(params: Record<string, unknown> | undefined): Problem {
  const { code, ...rest } = params ?? {};
  const kept = Object.entries(rest).filter(([, v]) => typeof v === 'string' || typeof v === 'number');
  return {
    code: isCode(code) ? code : 'invalid',
    ...(kept.length ? { params: Object.fromEntries(kept) as ErrorParams } : {}),
  };
}

const limit = (n: number | bigint) => Number(n);

/** zod's issue kind, as a code and params. */
export function issueProblem(issue: Issue): Problem {
  switch (issue.code) {
    case 'custom':
      return customProblem(issue.params);
    case 'invalid_type':
      if ((issue as { received?: unknown }).received === 'undefined')
        return { code: 'required', params: { expected: issue.expected } };
      if (issue.expected === 'int') return { code: 'not_an_integer' };
      if (issue.expected === 'number') return { code: 'not_a_number' };
      return { code: 'invalid_type', params: { expected: issue.expected } };
    case 'too_small': {
      const min = limit(issue.minimum);
      if (issue.origin === 'string')
        return min === 1 ? { code: 'empty' } : { code: 'too_short', params: { min } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_few', params: { min } };
      return { code: 'number_too_small', params: issue.inclusive ? { min } : { greaterThan: min } };
    }
    case 'too_big': {
      const max = limit(issue.maximum);
      if (issue.origin === 'string') return { code: 'too_long', params: { max } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_many', params: { max } };
      return { code: 'number_too_large', params: issue.inclusive ? { max } : { lessThan: max } };
    }
    case 'invalid_format':
      if (issue.format === 'uuid' || issue.format === 'guid') return { code: 'invalid_id' };
      if (issue.format === 'datetime') return { code: 'invalid_instant' };
      if (issue.format === 'date') return { code: 'invalid_date_format' };
      if (issue.format === 'regex') return { code: ownCodeOf(issue) ?? 'invalid_format' };
      return { code: 'invalid_format', params: { format: issue.format } };
    case 'invalid_value':
      if (issue.values.length === 1 && issue.values[0] === true) return { code: 'must_be_true' };
      return {
        code: ownCodeOf(issue) ?? 'invalid_option',
        params: { options: issue.values.map(String).join(', ') },
      };
    case 'unrecognized_keys':
      return { code: 'unknown_field' };
    default:
      return { code: 'invalid' };
  }
}

/**
 * A body that fits none of a union's shapes (e.g. a reply: `{receivedOn, summary}` or `{noReply}`)
 * is reported by the shape it came closest to — the one with the fewest problems — so the sender
 * reads "body.receivedOn: …" instead of a bare "body: Invalid input".
 */
function flatten(issue: Issue, at: PropertyKey[]): { path: PropertyKey[]; issue: Issue }[] {
  const path = [...at, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
    if (closest.length > 0) return closest.flatMap((i) => flatten(i as Issue, path));
  }
  return [{ path, issue }];
}

/** A ZodError as the contract's details, each with its code; `prefix` names the request part. */
export function zodDetails(err: ZodError, prefix = ''): ErrorDetail[] {
  return err.issues
    .flatMap((i) => flatten(i, []))
    .map(({ path, issue }) => ({
      path: [prefix, ...path.map(String)].filter(Boolean).join('.'),
      ...issueProblem(issue),
      message: issue.message,
    }));
}
