import { Router, type RequestHandler } from 'express';
import type { ZodType } from 'zod';
import type { AnyRoute } from './route';
import { requireRole } from './auth';
import { ValidationError } from './errors';
import { zodDetails } from './error-handler';
import {
  idempotencyKeyOf,
  requestHash,
  runIdempotent,
  takesIdempotencyKey,
  type IdempotencyDeps,
} from './idempotency';
import { assertCleanText } from './text-hygiene';

function parsePart(schema: ZodType | undefined, value: unknown, part: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (!result.success) throw new ValidationError('Request validation failed', zodDetails(result.error, part));
  return result.data;
}

function handle(route: AnyRoute, deps: IdempotencyDeps | undefined): RequestHandler {
  const operation = `${route.method.toUpperCase()} ${route.path}`;
  const idempotent = deps !== undefined && takesIdempotencyKey(route);
  return async (req, res) => {
    // Order matters: who you are (401), whether you may (403), then what you sent (400).
    const user = route.roles === 'public' ? req.user : requireRole(req.user, route.roles);
    assertCleanText({ params: req.params, query: req.query, body: req.body });
    const params = parsePart(route.params, req.params, 'params');
    const query = parsePart(route.query, req.query, 'query');
    const body = parsePart(route.body, req.body, 'body');
    const run = async () => {
      const result = await route.handler({ params, query, body, user: user!, req, res });
      return { status: route.success.status as number, body: result };
    };
    const key = idempotent && user ? idempotencyKeyOf(req) : undefined;
    const answer =
      key === undefined
        ? { ...(await run()), replayed: false }
        : await runIdempotent(
            deps!,
            { userId: user!.id, key, operation, requestHash: requestHash(req) },
            run,
          );
    if (res.headersSent) return;
    if (answer.replayed) res.set('Idempotent-Replayed', 'true');
    if (answer.status === 204) {
      res.status(204).end();
      return;
    }
    res.status(answer.status).json(answer.body);
  };
}

/**
 * Mounts each declared route on a router. With `deps`, every route that creates something takes an
 * Idempotency-Key (see idempotency.ts).
 */
export function mountRoutes(routes: readonly AnyRoute[], deps?: IdempotencyDeps): Router {
  const router = Router();
  for (const route of routes) router[route.method](route.path, handle(route, deps));
  return router;
}
