import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from './deps';
import { safeError } from './db/db-errors';
import { UNAVAILABLE_RETRY_AFTER } from './http/error-handler';
import { defineRoute } from './http/route';

const healthSchema = z
  .object({ status: z.literal('ok'), database: z.enum(['embedded', 'postgres']) })
  .meta({ id: 'Health' });

const unavailableSchema = z
  .object({ status: z.literal('unavailable'), database: z.enum(['embedded', 'postgres']) })
  .meta({ id: 'HealthUnavailable' });

/** A load balancer asks often; an answer after this long is no answer. */
const HEALTH_TIMEOUT_MS = 2_000;

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the database within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function healthRoutes({ db, dbKind, logger }: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/health',
      summary: 'Liveness, including a round trip to the database',
      tag: 'health',
      roles: 'public',
      success: { status: 200, description: 'The service and its database answer', schema: healthSchema },
      otherResponses: [
        {
          status: 503,
          description: 'The service runs but its database does not answer; it recovers by itself',
          schema: unavailableSchema,
        },
      ],
      handler: async ({ res }) => {
        try {
          await within(HEALTH_TIMEOUT_MS, sql`select 1`.execute(db));
          return { status: 'ok' as const, database: dbKind };
        } catch (err) {
          // Whatever the failure, the database did not answer: that is what health reports.
          logger.warn({ err: safeError(err) }, 'health: database unavailable');
          res
            .status(503)
            .set('Retry-After', String(UNAVAILABLE_RETRY_AFTER))
            .json({ status: 'unavailable', database: dbKind });
          return undefined;
        }
      },
    }),
  ];
}
