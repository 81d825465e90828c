import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from './app';
import { defineRoute } from './http/route';

const healthSchema = z
  .object({ status: z.literal('ok'), database: z.enum(['embedded', 'postgres']) })
  .meta({ id: 'Health' });

export function healthRoutes({ db, dbKind }: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/health',
      summary: 'Liveness, including a round trip to the database',
      tag: 'health',
      roles: 'public',
      success: { status: 200, description: 'The service and its database answer', schema: healthSchema },
      handler: async () => {
        await sql`select 1`.execute(db);
        return { status: 'ok' as const, database: dbKind };
      },
    }),
  ];
}
