// An RFC 4180 CSV reader that keeps line numbers, for the watchlist import.
import type { ErrorCode, ErrorDetail, ErrorParams } from '../http/errors';

export interface CsvRecord {
  /** 1-based line of the file where the record starts (a quoted field may span lines). */
  line: number;
  fields: string[];
}

export interface LineError {
  line: number;
  /** English, as the API has always given it. */
  error: string;
  /** The same by code, path naming the column ('' for the whole line): what the pages translate. */
  details?: ErrorDetail[];
}

/** A whole line's problem, by code. */
export const lineProblem = (
  line: number,
  code: ErrorCode,
  error: string,
  params?: ErrorParams,
): LineError => ({
  line,
  error,
  details: [{ path: '', code, message: error, ...(params && { params }) }],
});

const READER_ERRORS = {
  csv_unterminated_quote: 'unterminated quoted field',
  csv_after_quote: 'unexpected character after a closing quote',
} as const;

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const NEWLINES = /\r\n?|\n/g;

/**
 * Reads CSV as RFC 4180 has it: comma-separated, fields optionally in double quotes, a quote inside
 * a quoted field doubled, records ended by CRLF or LF. A leading byte-order mark is dropped and blank
 * lines are skipped. A malformed record is reported and reading resumes on the next line.
 *
 * A generator, record by record, so that a large file can be read in slices between which the
 * service answers other requests (watchlist.import.ts); fields are cut out with slice, not built a
 * character at a time.
 */
export function* csvRecords(text: string): Generator<CsvRecord | LineError> {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const n = src.length;
  let i = 0;
  let line = 1;
  const atEndOfRecord = (): boolean => {
    const c = src.charCodeAt(i);
    return i >= n || c === LF || c === CR;
  };

  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let error: 'csv_unterminated_quote' | 'csv_after_quote' | null = null;
    for (;;) {
      let field = '';
      if (src.charCodeAt(i) === QUOTE) {
        i++;
        for (;;) {
          const q = src.indexOf('"', i);
          const chunk = src.slice(i, q < 0 ? n : q);
          // A line break inside quotes is part of the field (as \n) and still a line of the file.
          if (chunk.includes('\n') || chunk.includes('\r')) {
            field += chunk.replace(NEWLINES, () => {
              line++;
              return '\n';
            });
          } else field += chunk;
          if (q < 0) {
            error = 'csv_unterminated_quote';
            i = n;
            break;
          }
          if (src.charCodeAt(q + 1) === QUOTE) {
            field += '"';
            i = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        if (!error && !atEndOfRecord() && src.charCodeAt(i) !== COMMA) error = 'csv_after_quote';
      } else {
        let j = i;
        for (; j < n; j++) {
          const c = src.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
        }
        field = src.slice(i, j);
        i = j;
      }
      if (error) break;
      fields.push(field);
      if (src.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      break;
    }
    if (error) {
      yield lineProblem(start, error, READER_ERRORS[error]);
      while (!atEndOfRecord()) i++;
    } else if (!(fields.length === 1 && fields[0]!.trim() === '')) {
      yield { line: start, fields };
    }
    if (i < n) {
      if (src.charCodeAt(i) === CR) i++;
      if (src.charCodeAt(i) === LF) i++;
      line++;
    }
  }
}

/** The whole file at once (see csvRecords). */
export function parseCsv(text: string): { records: CsvRecord[]; errors: LineError[] } {
  const records: CsvRecord[] = [];
  const errors: LineError[] = [];
  for (const item of csvRecords(text)) {
    if ('error' in item) errors.push(item);
    else records.push(item);
  }
  return { records, errors };
}
