// CSV import of watchlist entries: validation of each row on its own (read by watchlist.csv-reader.ts, which
// keeps line numbers), so one bad line is reported by number and the others still import.
import { z } from 'zod';
import { FINDING_CATEGORIES, type FindingCategory } from '../shared/finding-categories';
import { parseOrgNumber } from '../shared/swedish-ids';
import type { ErrorCode } from '../http/errors';
import { zodDetails } from '../http/validation-details';
import { csvRecords, lineProblem, type LineError } from './watchlist.csv-reader';
import { LIMIT_MESSAGES, WATCHLIST_LIMITS } from './watchlist.limits';
import { SUBJECT_KINDS, type SubjectKind } from './watchlist.table';

export { csvRecords, parseCsv, type CsvRecord, type LineError } from './watchlist.csv-reader';

export const WATCHLIST_CSV_COLUMNS = [
  'subject_kind',
  'name',
  'aliases',
  'org_number',
  'category',
  'reason',
  'source',
  'review_by',
] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtcDate(iso: string): Date | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === iso ? d : null;
}

/** The same day one year on; 29 February becomes 28 February. */
function oneYearAfter(day: Date): Date {
  const next = new Date(Date.UTC(day.getUTCFullYear() + 1, day.getUTCMonth(), day.getUTCDate()));
  if (next.getUTCMonth() !== day.getUTCMonth()) next.setUTCDate(0);
  return next;
}

export interface WatchlistCsvOptions {
  /**
   * Today's date (YYYY-MM-DD) from the service's clock: review_by must lie between today and one
   * year ahead. Null skips that window check (and only that one); evaluation uses it for fixed data.
   */
  today: string | null;
}

function rowSchema(options: WatchlistCsvOptions) {
  const today = options.today === null ? null : toUtcDate(options.today);
  if (options.today !== null && !today) throw new Error(`today must be YYYY-MM-DD, got "${options.today}"`);
  return z.object({
    subject_kind: z.enum(SUBJECT_KINDS, {
      error: 'subject_kind must be "organisation" or "person"',
    }),
    name: z.string().trim().min(1, 'name is empty').max(WATCHLIST_LIMITS.name, LIMIT_MESSAGES.name),
    aliases: z
      .string()
      .transform((s) =>
        s
          .split('|')
          .map((a) => a.trim())
          .filter((a) => a !== ''),
      )
      .superRefine((aliases, ctx) => {
        if (aliases.length > WATCHLIST_LIMITS.aliases)
          ctx.addIssue({
            code: 'custom',
            message: LIMIT_MESSAGES.aliases,
            params: { code: 'too_many', max: WATCHLIST_LIMITS.aliases },
          });
        if (aliases.some((a) => a.length > WATCHLIST_LIMITS.name))
          ctx.addIssue({
            code: 'custom',
            message: LIMIT_MESSAGES.alias,
            params: { code: 'too_long', max: WATCHLIST_LIMITS.name },
          });
      }),
    org_number: z.string().transform((s, ctx) => {
      if (s.trim() === '') return null;
      const parsed = parseOrgNumber(s);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({
        code: 'custom',
        message: `org_number: ${parsed.error}`,
        params: { code: 'invalid_org_number', reason: parsed.problem },
      });
      return z.NEVER;
    }),
    category: z
      .string()
      .trim()
      .transform((s, ctx) => {
        if ((FINDING_CATEGORIES as readonly string[]).includes(s)) return s as FindingCategory;
        ctx.addIssue(
          s === ''
            ? { code: 'custom', message: 'category is empty', params: { code: 'empty' } }
            : {
                code: 'custom',
                message: `category must be one of ${FINDING_CATEGORIES.join(', ')}`,
                params: { code: 'invalid_category', categories: FINDING_CATEGORIES.join(', ') },
              },
        );
        return z.NEVER;
      }),
    reason: z.string().trim().min(1, 'reason is empty').max(WATCHLIST_LIMITS.reason, LIMIT_MESSAGES.reason),
    source: z.string().trim().min(1, 'source is empty').max(WATCHLIST_LIMITS.source, LIMIT_MESSAGES.source),
    review_by: z
      .string()
      .trim()
      .superRefine((s, ctx) => {
        const day = toUtcDate(s);
        const problem = (code: ErrorCode, message: string) =>
          ctx.addIssue({ code: 'custom', message, params: { code } });
        if (!day) problem('invalid_date_format', 'review_by must be a real date as YYYY-MM-DD');
        else if (today && day < today) problem('review_by_past', 'review_by is in the past');
        else if (today && day > oneYearAfter(today)) {
          problem('review_by_too_far', 'review_by is more than one year ahead');
        }
      }),
  });
}

export interface WatchlistCsvRow {
  subjectKind: SubjectKind;
  name: string;
  aliases: string[];
  /** Normalised as NNNNNN-NNNN, or null. */
  orgNumber: string | null;
  category: FindingCategory;
  reason: string;
  source: string;
  reviewBy: string;
}

export interface WatchlistCsvResult {
  rows: Array<{ line: number; value: WatchlistCsvRow }>;
  rejected: LineError[];
}

export type WatchlistCsvItem = { line: number; value: WatchlistCsvRow } | LineError;

/**
 * Reads an import file row by row, in file order: each valid row, or a rejected line with what is
 * wrong with it. Columns may come in any order; columns not in the import format are ignored. A
 * header without the format's columns rejects the whole file at line 1.
 */
export function* readWatchlistCsv(text: string, options: WatchlistCsvOptions): Generator<WatchlistCsvItem> {
  const schema = rowSchema(options);
  let names: string[] | null = null;
  let columns: number[] = [];
  for (const rec of csvRecords(text)) {
    if (names === null) {
      if ('error' in rec || rec.line !== 1) {
        // No header: nothing can be read, but the file's malformed lines are still named.
        yield lineProblem(1, 'csv_header_missing', 'the first line must be the header');
        for (const other of csvRecords(text)) if ('error' in other) yield other;
        return;
      }
      names = rec.fields.map((f) => f.trim().toLowerCase());
      const missing = WATCHLIST_CSV_COLUMNS.filter((c) => !names!.includes(c));
      if (missing.length > 0) {
        yield lineProblem(1, 'csv_header_columns', `header lacks column(s): ${missing.join(', ')}`, {
          columns: missing.join(', '),
        });
        return;
      }
      columns = WATCHLIST_CSV_COLUMNS.map((c) => names!.indexOf(c));
      continue;
    }
    if ('error' in rec) {
      yield rec;
      continue;
    }
    if (rec.fields.length !== names.length) {
      yield lineProblem(
        rec.line,
        'csv_field_count',
        `expected ${names.length} fields, found ${rec.fields.length}`,
        {
          expected: names.length,
          found: rec.fields.length,
        },
      );
      continue;
    }
    const raw = Object.fromEntries(WATCHLIST_CSV_COLUMNS.map((c, k) => [c, rec.fields[columns[k]!]!]));
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      yield {
        line: rec.line,
        error: parsed.error.issues.map((i) => i.message).join('; '),
        details: zodDetails(parsed.error),
      };
      continue;
    }
    const v = parsed.data;
    yield {
      line: rec.line,
      value: {
        subjectKind: v.subject_kind,
        name: v.name,
        aliases: v.aliases,
        orgNumber: v.org_number,
        category: v.category,
        reason: v.reason,
        source: v.source,
        reviewBy: v.review_by,
      },
    };
  }
  if (names === null) yield lineProblem(1, 'csv_header_missing', 'the first line must be the header');
}

/** Parses an import file at once (see readWatchlistCsv); rejected lines in line order. */
export function parseWatchlistCsv(text: string, options: WatchlistCsvOptions): WatchlistCsvResult {
  const rows: WatchlistCsvResult['rows'] = [];
  const rejected: LineError[] = [];
  for (const item of readWatchlistCsv(text, options)) {
    if ('error' in item) rejected.push(item);
    else rows.push(item);
  }
  rejected.sort((a, b) => a.line - b.line);
  return { rows, rejected };
}
