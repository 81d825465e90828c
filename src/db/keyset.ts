import { sql } from 'kysely';

/**
 * Keyset condition for lists ordered by (created_at desc, id desc): rows strictly after the cursor.
 * PostgreSQL compares the row values lexicographically, which is exactly the list order.
 */
export function olderThan(after: { t: Date; id: string }) {
  return sql<boolean>`(created_at, id) < (${after.t}, ${after.id})`;
}
