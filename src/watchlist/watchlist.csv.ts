// CSV import of watchlist entries: an RFC 4180 reader that keeps line numbers, and validation of
// each row on its own, so one bad line is reported by number and the others still import.
import { z } from 'zod';
import { parseOrgNumber } from '../shared/swedish-ids';

export interface CsvRecord {
  /** 1-based line of the file where the record starts (a quoted field may span lines). */
  line: number;
  fields: string[];
}

export interface LineError {
  line: number;
  error: string;
}

/**
 * Reads CSV as RFC 4180 has it: comma-separated, fields optionally in double quotes, a quote inside
 * a quoted field doubled, records ended by CRLF or LF. A leading byte-order mark is dropped and blank
 * lines are skipped. A malformed record is reported and reading resumes on the next line.
 */
export function parseCsv(text: string): { records: CsvRecord[]; errors: LineError[] } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const errors: LineError[] = [];
  let i = 0;
  let line = 1;
  const atEndOfRecord = (): boolean => i >= src.length || src[i] === '\n' || src[i] === '\r';
  const skipNewline = (): void => {
    if (src[i] === '\r') i++;
    if (src[i] === '\n') i++;
    line++;
  };

  while (i < src.length) {
    const start = line;
    const fields: string[] = [];
    let error: string | null = null;
    for (;;) {
      let field = '';
      if (src[i] === '"') {
        i++;
        for (;;) {
          if (i >= src.length) {
            error = 'unterminated quoted field';
            break;
          }
          const c = src[i]!;
          if (c === '"') {
            if (src[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\r' || c === '\n') {
            if (c === '\r' && src[i + 1] === '\n') i++;
            field += '\n';
            line++;
            i++;
            continue;
          }
          field += c;
          i++;
        }
        if (!error && !atEndOfRecord() && src[i] !== ',')
          error = 'unexpected character after a closing quote';
      } else {
        while (!atEndOfRecord() && src[i] !== ',') field += src[i++];
      }
      if (error) break;
      fields.push(field);
      if (src[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (error) {
      errors.push({ line: start, error });
      while (!atEndOfRecord()) i++;
    } else if (!(fields.length === 1 && fields[0]!.trim() === '')) {
      records.push({ line: start, fields });
    }
    if (i < src.length) skipNewline();
  }
  return { records, errors };
}

export const WATCHLIST_CSV_COLUMNS = [
  'subject_kind',
  'name',
  'aliases',
  'org_number',
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
    subject_kind: z.enum(['organisation', 'person'], {
      error: 'subject_kind must be "organisation" or "person"',
    }),
    name: z.string().trim().min(1, 'name is empty').max(300, 'name is longer than 300 characters'),
    aliases: z.string().transform((s) =>
      s
        .split('|')
        .map((a) => a.trim())
        .filter((a) => a !== ''),
    ),
    org_number: z.string().transform((s, ctx) => {
      if (s.trim() === '') return null;
      const parsed = parseOrgNumber(s);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: 'custom', message: `org_number: ${parsed.error}` });
      return z.NEVER;
    }),
    reason: z.string().trim().min(1, 'reason is empty'),
    source: z.string().trim().min(1, 'source is empty'),
    review_by: z
      .string()
      .trim()
      .superRefine((s, ctx) => {
        const day = toUtcDate(s);
        if (!day) ctx.addIssue({ code: 'custom', message: 'review_by must be a real date as YYYY-MM-DD' });
        else if (today && day < today) ctx.addIssue({ code: 'custom', message: 'review_by is in the past' });
        else if (today && day > oneYearAfter(today)) {
          ctx.addIssue({ code: 'custom', message: 'review_by is more than one year ahead' });
        }
      }),
  });
}

export interface WatchlistCsvRow {
  subjectKind: 'organisation' | 'person';
  name: string;
  aliases: string[];
  /** Normalised as NNNNNN-NNNN, or null. */
  orgNumber: string | null;
  reason: string;
  source: string;
  reviewBy: string;
}

export interface WatchlistCsvResult {
  rows: Array<{ line: number; value: WatchlistCsvRow }>;
  rejected: LineError[];
}

/** Parses an import file. Columns may come in any order; columns not in the import format are ignored. */
export function parseWatchlistCsv(text: string, options: WatchlistCsvOptions): WatchlistCsvResult {
  const { records, errors } = parseCsv(text);
  const rejected: LineError[] = [...errors];
  const rows: WatchlistCsvResult['rows'] = [];
  const [header, ...body] = records;
  if (!header || header.line !== 1) {
    return { rows, rejected: [{ line: 1, error: 'the first line must be the header' }, ...rejected] };
  }
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const missing = WATCHLIST_CSV_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0)
    return { rows, rejected: [{ line: 1, error: `header lacks column(s): ${missing.join(', ')}` }] };

  const schema = rowSchema(options);
  for (const rec of body) {
    if (rec.fields.length !== names.length) {
      rejected.push({ line: rec.line, error: `expected ${names.length} fields, found ${rec.fields.length}` });
      continue;
    }
    const raw = Object.fromEntries(WATCHLIST_CSV_COLUMNS.map((c) => [c, rec.fields[names.indexOf(c)]!]));
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      rejected.push({ line: rec.line, error: parsed.error.issues.map((i) => i.message).join('; ') });
      continue;
    }
    const v = parsed.data;
    rows.push({
      line: rec.line,
      value: {
        subjectKind: v.subject_kind,
        name: v.name,
        aliases: v.aliases,
        orgNumber: v.org_number,
        reason: v.reason,
        source: v.source,
        reviewBy: v.review_by,
      },
    });
  }
  rejected.sort((a, b) => a.line - b.line);
  return { rows, rejected };
}
