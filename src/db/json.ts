import type { ColumnType } from 'kysely';

/**
 * A jsonb column: read as T, written as a JSON string. Writing a string on purpose: pg would send a
 * JavaScript array as a PostgreSQL array, not as JSON.
 */
export type Json<T> = ColumnType<T, string, string>;

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}
