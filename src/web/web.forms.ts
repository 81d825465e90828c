import { AppError, ValidationError } from '../http/errors';
import { svError, svProblem } from './web.validation.sv';

// A form re-rendered after a refusal keeps what the person typed and says, next to each field and in
// a summary at the top, what to correct. Field names are the API's paths ("grant.amountSek"), so an
// error the API reports for "body.grant.amountSek" (or "query.from") lands on that field without a
// mapping table.

export type FormValues = Record<string, string>;

export interface FormState {
  values: FormValues;
  errors: Record<string, string>;
  /** Every problem, in field order, for the error summary; `field` links to the input. */
  summary: { field?: string; message: string }[];
}

export const emptyForm = (values: FormValues = {}): FormState => ({ values, errors: {}, summary: [] });

/** A search page's filters: the given fields the query string fills, trimmed; empty ones left out. */
export function filledQuery(
  query: Readonly<Record<string, string | undefined>>,
  fields: readonly string[],
): FormValues {
  return Object.fromEntries(fields.filter((f) => query[f]?.trim()).map((f) => [f, query[f]!.trim()]));
}

/** Single values of a parsed urlencoded body (a repeated name keeps its first value). */
export function formValues(body: unknown): FormValues {
  // No prototype: reading a field the form did not send ("constructor") finds nothing.
  const out: FormValues = Object.create(null) as FormValues;
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') out[k] = first;
  }
  return out;
}

/** The longest declared field that is the path or contains it ("aliases.2" → "aliases"). */
function fieldOf(path: string, fields: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const f of fields) {
    if ((path === f || path.startsWith(`${f}.`)) && (!best || f.length > best.length)) best = f;
  }
  return best;
}

/**
 * The form again with the API's refusal on it. Returns undefined for errors that are not the
 * person's to correct (they go on to the error page).
 */
export function refusedForm(
  err: unknown,
  values: FormValues,
  fields: readonly string[],
): FormState | undefined {
  if (err instanceof ValidationError) {
    const state = emptyForm(values);
    const details = err.details?.length
      ? err.details
      : [{ path: '', code: 'invalid' as const, message: err.message }];
    for (const d of details) {
      const path = d.path.replace(/^(body|query)\.?/, '');
      const field = fieldOf(path, fields);
      const message = svProblem(d);
      if (field && state.errors[field]) continue; // one message per field is enough
      if (field) state.errors[field] = message;
      state.summary.push(field ? { field, message } : { message });
    }
    const order = (s: { field?: string }) => (s.field ? fields.indexOf(s.field) : -1);
    state.summary.sort((a, b) => order(a) - order(b));
    return state;
  }
  if (err instanceof AppError && err.status === 409) {
    return { values, errors: {}, summary: [{ message: svError(err) }] };
  }
  return undefined;
}

/**
 * Adds a problem found by the page itself (e.g. an org number that names no association), first in
 * the summary: it concerns the form's first field.
 */
export function withError(state: FormState, field: string | undefined, message: string): FormState {
  if (field) state.errors[field] = message;
  state.summary.unshift(field ? { field, message } : { message });
  return state;
}

/** "a, b\nc" → ["a, b", "c"]: one item a line, blank lines dropped. */
export function lines(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export const checked = (v: string | undefined) => v !== undefined && v !== '';
/** An optional text field: blank means absent. */
export const optional = (v: string | undefined) =>
  v === undefined || v.trim() === '' ? undefined : v.trim();

/** A refusal of the address itself (a malformed id): not a form to give back, but a missing page. */
export const addressProblem = (err: unknown) =>
  err instanceof ValidationError && (err.details ?? []).some((d) => d.path.startsWith('params.'));

/**
 * A list with one small form per row (a note on each reminder): the summary's links point at the
 * refused row's own field, whose id carries the row's id (`f-note-<id>`).
 */
export const forRow = (form: FormState, rowId: string): FormState => ({
  ...form,
  summary: form.summary.map((s) => (s.field ? { ...s, field: `${s.field}-${rowId}` } : s)),
});
