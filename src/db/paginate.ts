import { sql, type SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import { instantSchema, isoDateSchema } from '../http/common.schemas';
import { ValidationError } from '../http/errors';
import type { Page } from '../http/pagination';

// Keyset pagination, in one place (after Bluesky Ozone's `paginate` with a `TimeIdKeyset`). A list is
// ordered by a unique key of one or more columns; a page continues strictly after the key of the last
// row of the page before, which the client holds as an opaque cursor. Stable under inserts, unlike
// offsets. A keyset knows its columns, its direction and the shape of its cursor; `paginate` applies
// the condition, the order and `limit + 1` to a query, runs it and returns the page.

/** What a list request asks for: `limit` rows after `cursor` (the nextCursor of the page before). */
export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

/** A sort column; `cast` where the database cannot infer a bound value's type on its own. */
interface SortColumn {
  ref: string;
  cast?: 'date' | 'uuid';
}

export interface Keyset<R, C> {
  readonly columns: readonly SortColumn[];
  readonly direction: 'asc' | 'desc';
  /** The decoded cursor's shape; strict, so a cursor of another list's order is refused. */
  readonly cursor: z.ZodType<C>;
  /** Bound values for the columns, in order, from a decoded cursor. */
  values(c: C): unknown[];
  /** The cursor of a row: the key of the last row of a page. */
  keyOf(row: R): C;
}

/** The row property a (possibly table-qualified) column comes back as: `c.created_at` → `created_at`. */
type Prop<C extends string> = C extends `${string}.${infer P}` ? Prop<P> : C;

function prop<C extends string>(column: C): Prop<C> {
  return column.slice(column.lastIndexOf('.') + 1) as Prop<C>;
}

/**
 * Newest first by a time column, ties broken by id: (time desc, id desc). The cursor is base64url JSON
 * `{t, id}`. Name the table (`applications.created_at`) when the query joins another table with the
 * same columns. Ids are UUIDs unless another schema is given (premises check numbers are not).
 */
export function timeIdKeyset<T extends string, I extends string>(
  time: T,
  id: I,
  idSchema: z.ZodType<string> = z.uuid(),
): Keyset<Record<Prop<T>, Date> & Record<Prop<I>, string>, { t: string; id: string }> {
  const t = prop(time);
  const i = prop(id);
  return {
    columns: [{ ref: time }, { ref: id }],
    direction: 'desc',
    cursor: z.object({ t: instantSchema, id: idSchema }).strict(),
    values: (c) => [new Date(c.t), c.id],
    keyOf: (row) => ({ t: row[t].toISOString(), id: row[i] }),
  };
}

/** Earliest first by a date column (`YYYY-MM-DD`), ties broken by UUID: (date asc, id asc); cursor `{d, id}`. */
export function dateIdAscKeyset<D extends string, I extends string>(
  date: D,
  id: I,
): Keyset<Record<Prop<D>, string> & Record<Prop<I>, string>, { d: string; id: string }> {
  const d = prop(date);
  const i = prop(id);
  return {
    columns: [
      { ref: date, cast: 'date' },
      { ref: id, cast: 'uuid' },
    ],
    direction: 'asc',
    cursor: z.object({ d: isoDateSchema, id: z.uuid() }).strict(),
    values: (c) => [c.d, c.id],
    keyOf: (row) => ({ d: row[d], id: row[i] }),
  };
}

/** Highest first by a unique sequence number (bigint; comes back as string or number); cursor `{seq}`. */
export function seqKeyset<S extends string>(
  seq: S,
): Keyset<Record<Prop<S>, string | number | bigint>, { seq: number }> {
  const s = prop(seq);
  return {
    columns: [{ ref: seq }],
    direction: 'desc',
    cursor: z.object({ seq: z.number().int() }).strict(),
    values: (c) => [c.seq],
    keyOf: (row) => ({ seq: Number(row[s]) }),
  };
}

export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The cursor's key, or undefined for the first page; a cursor that is not one of this list's is a 400. */
export function decodeCursor<C>(keyset: Keyset<unknown, C>, cursor: string | undefined): C | undefined {
  if (cursor === undefined) return undefined;
  try {
    return keyset.cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ValidationError('Request validation failed', [
      { path: 'query.cursor', code: 'cursor_invalid', message: 'invalid cursor' },
    ]);
  }
}

/**
 * One page of the query in the keyset's order: rows strictly after the cursor, `limit + 1` fetched so
 * the extra row tells that another page exists. PostgreSQL compares row values lexicographically,
 * which is exactly the list order. The query keeps its own filters; it must not be ordered already.
 */
export async function paginate<DB, TB extends keyof DB, O extends R, R, C>(
  qb: SelectQueryBuilder<DB, TB, O>,
  keyset: Keyset<R, C>,
  page: PageRequest,
): Promise<Page<O>> {
  const after = decodeCursor(keyset as Keyset<unknown, C>, page.cursor);
  if (after !== undefined) {
    const cols = keyset.columns.map((c) => sql.ref(c.ref));
    const values = keyset.values(after).map((v, n) => bound(v, keyset.columns[n]?.cast));
    qb = qb.where(
      keyset.direction === 'desc'
        ? sql<boolean>`(${sql.join(cols)}) < (${sql.join(values)})`
        : sql<boolean>`(${sql.join(cols)}) > (${sql.join(values)})`,
    );
  }
  for (const c of keyset.columns) qb = qb.orderBy(sql.ref(c.ref), keyset.direction);
  const rows = await qb.limit(page.limit + 1).execute();
  return toPage(rows, page.limit, keyset);
}

function bound(value: unknown, cast: SortColumn['cast']) {
  if (cast === 'date') return sql`${value}::date`;
  if (cast === 'uuid') return sql`${value}::uuid`;
  return sql`${value}`;
}

/** Rows were fetched with limit + 1: the extra row only tells that another page exists. */
function toPage<O extends R, R, C>(rows: O[], limit: number, keyset: Keyset<R, C>): Page<O> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: more && last !== undefined ? encodeCursor(keyset.keyOf(last)) : null };
}
