import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from '../../src/db/connection';
import {
  dateIdAscKeyset,
  decodeCursor,
  paginate,
  seqKeyset,
  timeIdKeyset,
  type Keyset,
  type PageRequest,
} from '../../src/db/paginate';
import { ValidationError } from '../../src/http/errors';
import { openTestDatabase } from '../support/test-db';

// The keyset helper against the database: walking a list page by page returns every row exactly once,
// in the list's order, also where many rows share the sort time (only the id tells them apart).

interface ProbeRow {
  id: string;
  created_at: Date;
  due_on: string;
  seq: string;
  tag: string;
}

let handle: DatabaseHandle;
// A table of the test's own, so the helper is tested apart from any list's filters.
let db: Kysely<{ page_probe: ProbeRow }>;

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db as unknown as Kysely<{ page_probe: ProbeRow }>;
  await sql`create table page_probe (
    id uuid primary key, created_at timestamptz not null, due_on date not null, seq bigint not null, tag text not null
  )`.execute(db);
});
afterAll(() => handle.close());

beforeEach(() => db.deleteFrom('page_probe').execute());

async function insert(rows: Omit<ProbeRow, 'id' | 'seq'>[]): Promise<ProbeRow[]> {
  const all = rows.map((r, n) => ({ ...r, id: randomUUID(), seq: String(n + 1) }));
  await db.insertInto('page_probe').values(all).execute();
  return all;
}

/** Follows nextCursor to the end; the pages' items in the order received, and the page sizes. */
async function walk<C>(keyset: Keyset<ProbeRow, C>, limit: number, tag?: string) {
  const ids: string[] = [];
  const sizes: number[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < 100; n++) {
    let q = db.selectFrom('page_probe').selectAll();
    if (tag) q = q.where('tag', '=', tag);
    const page = await paginate(q, keyset, { limit, cursor } satisfies PageRequest);
    ids.push(...page.items.map((r) => r.id));
    sizes.push(page.items.length);
    if (page.nextCursor === null) return { ids, sizes };
    cursor = page.nextCursor;
  }
  throw new Error('the walk did not end');
}

const byIdDesc = (a: ProbeRow, b: ProbeRow) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

describe('timeIdKeyset', () => {
  const newest = timeIdKeyset('created_at', 'id');

  it('pages through rows with one and the same time, each exactly once, in id order', async () => {
    const at = new Date('2024-05-02T10:00:00.000Z');
    const rows = await insert(
      Array.from({ length: 11 }, () => ({ created_at: at, due_on: '2024-06-01', tag: 'a' })),
    );
    const { ids, sizes } = await walk(newest, 3);
    expect(ids).toEqual([...rows].sort(byIdDesc).map((r) => r.id));
    expect(sizes).toEqual([3, 3, 3, 2]);
  });

  it('orders newest first, ties by id, and ends without an empty page when the rows fill the last one', async () => {
    const t = (s: string) => new Date(`2024-05-0${s}T10:00:00.000Z`);
    const rows = await insert(
      ['1', '3', '2', '3', '1', '2'].map((d) => ({ created_at: t(d), due_on: '2024-06-01', tag: 'a' })),
    );
    const expected = [...rows]
      .sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || byIdDesc(a, b))
      .map((r) => r.id);
    const { ids, sizes } = await walk(newest, 2);
    expect(ids).toEqual(expected);
    expect(sizes).toEqual([2, 2, 2]);
  });

  it('keeps the query’s own filter on every page', async () => {
    const at = new Date('2024-05-02T10:00:00.000Z');
    const rows = await insert(
      Array.from({ length: 8 }, (_, n) => ({
        created_at: at,
        due_on: '2024-06-01',
        tag: n % 2 ? 'odd' : 'even',
      })),
    );
    const { ids } = await walk(newest, 3, 'odd');
    expect(ids).toEqual(
      rows
        .filter((r) => r.tag === 'odd')
        .sort(byIdDesc)
        .map((r) => r.id),
    );
  });
});

describe('dateIdAscKeyset', () => {
  it('pages earliest first through many rows due the same day', async () => {
    const at = new Date('2024-05-02T10:00:00.000Z');
    const rows = await insert(
      ['2024-06-03', '2024-06-01', '2024-06-01', '2024-06-01', '2024-06-02', '2024-06-01', '2024-06-03'].map(
        (due_on) => ({ created_at: at, due_on, tag: 'a' }),
      ),
    );
    const expected = [...rows]
      .sort((a, b) => (a.due_on < b.due_on ? -1 : a.due_on > b.due_on ? 1 : -byIdDesc(a, b)))
      .map((r) => r.id);
    const { ids } = await walk(dateIdAscKeyset('due_on', 'id'), 2);
    expect(ids).toEqual(expected);
  });
});

describe('seqKeyset', () => {
  it('pages highest sequence number first', async () => {
    const at = new Date('2024-05-02T10:00:00.000Z');
    const rows = await insert(
      Array.from({ length: 5 }, () => ({ created_at: at, due_on: '2024-06-01', tag: 'a' })),
    );
    const { ids, sizes } = await walk(seqKeyset('seq'), 2);
    expect(ids).toEqual([...rows].reverse().map((r) => r.id));
    expect(sizes).toEqual([2, 2, 1]);
  });
});

describe('cursors', () => {
  const newest = timeIdKeyset('created_at', 'id');
  const due = dateIdAscKeyset('due_on', 'id');
  const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

  it('keeps the format clients hold: base64url JSON {t, id}', async () => {
    const at = new Date('2024-05-02T10:00:00.000Z');
    const rows = await insert([0, 1].map(() => ({ created_at: at, due_on: '2024-06-01', tag: 'a' })));
    const page = await paginate(db.selectFrom('page_probe').selectAll(), newest, { limit: 1 });
    const first = [...rows].sort(byIdDesc)[0]!;
    expect(page.nextCursor).toBe(encode({ t: at.toISOString(), id: first.id }));
  });

  it.each([
    ['not base64 JSON', 'garbage'],
    ['JSON of the wrong shape', encode({ t: 'yesterday', id: randomUUID() })],
    ['an id that is not a UUID', encode({ t: '2024-05-02T10:00:00.000Z', id: 'x' })],
    ['a cursor of another order', encode({ d: '2024-06-01', id: randomUUID() })],
  ])('refuses %s as a validation problem of query.cursor', async (_what, cursor) => {
    let thrown: unknown;
    try {
      await paginate(db.selectFrom('page_probe').selectAll(), newest, { limit: 5, cursor });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).status).toBe(400);
    expect((thrown as ValidationError).details).toEqual([
      expect.objectContaining({ path: 'query.cursor', message: 'invalid cursor' }),
    ]);
  });

  it('tells the two orders’ cursors apart', () => {
    const dueCursor = encode({ d: '2024-06-01', id: randomUUID() });
    expect(decodeCursor(due, dueCursor)).toEqual(JSON.parse(Buffer.from(dueCursor, 'base64url').toString()));
    expect(() => decodeCursor(newest, dueCursor)).toThrow(ValidationError);
  });
});
