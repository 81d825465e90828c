import { z } from 'zod';
import { instantSchema } from './common.schemas';
import { ValidationError } from './errors';

// Keyset pagination: a cursor is the sort key of the last item seen, opaque to clients. Stable under
// inserts, unlike offsets.

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ValidationError('Request validation failed', [
      { path: 'query.cursor', code: 'cursor_invalid', message: 'invalid cursor' },
    ]);
  }
}

/** Rows were fetched with limit + 1: the extra row only tells that another page exists. */
export function toPage<R, T>(rows: R[], limit: number, map: (r: R) => T, keyOf: (r: R) => unknown): Page<T> {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(map),
    nextCursor: more && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

/** Cursor for lists ordered by (created_at desc, id desc). */
export const timeIdCursor = z.object({ t: instantSchema, id: z.uuid() });
