import { sql } from 'kysely';

/**
 * Keyset condition for lists ordered by (created_at desc, id desc) — or another time column: rows strictly after the cursor.
 * PostgreSQL compares the row values lexicographically, which is exactly the list order.
 */
export function olderThan(
  after: { t: Date; id: string },
  timeColumn: 'created_at' | 'decided_at' = 'created_at',
) {
  return sql<boolean>`(${sql.ref(timeColumn)}, id) < (${after.t}, ${after.id})`;
}
