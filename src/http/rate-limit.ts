import type { RequestHandler } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { bearerToken } from './auth';
import { hashToken } from '../users/tokens';
import { errorBody } from './error-handler';

/**
 * Per token (per address when unauthenticated), per minute. The counters live in this process: with
 * several instances each enforces the limit on its own share, which is enough to stop a runaway script.
 */
export function rateLimiter(perMinute: number): RequestHandler {
  if (perMinute === 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const token = bearerToken(req.headers.authorization);
      return token ? `t:${hashToken(token)}` : `a:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (_req, res) => {
      res.status(429).json(errorBody('rate_limited', 'Too many requests; try again in a minute'));
    },
  });
}
