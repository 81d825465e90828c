import { z } from 'zod';

// The API side of keyset pagination: the query parameters and the page shape every list shares. The
// query side (keysets, cursors, `limit + 1`) is src/db/paginate.ts; cursors are opaque to clients.

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

/** The page with its rows turned into API objects; the cursor stays (it was taken from the rows). */
export function mapPage<R, T>(page: Page<R>, map: (row: R) => T): Page<T> {
  return { items: page.items.map(map), nextCursor: page.nextCursor };
}
