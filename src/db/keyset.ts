import { sql } from 'kysely';

/**
 * Keyset condition for lists ordered by (created_at desc, id desc) — or another time column: rows strictly after the cursor.
 * PostgreSQL compares the row values lexicographically, which is exactly the list order. Name the
 * table when the query joins another table with the same columns (an unqualified `id` is ambiguous).
 */
export function olderThan(
  after: { t: Date; id: string },
  timeColumn: 'created_at' | 'decided_at' | 'prepared_at' = 'created_at',
  table?: 'decisions' | 'applications',
) {
  const col = (name: string) => sql.ref(table ? `${table}.${name}` : name);
  return sql<boolean>`(${col(timeColumn)}, ${col('id')}) < (${after.t}, ${after.id})`;
}
