import type { Request, RequestHandler, Response } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { errorBody } from './error-handler';

// Counters per minute, in this process: with several instances each enforces the limit on its own
// share, which is enough to stop a runaway script or a guessing client.

/** The client's address (an IPv6 address by its /56, so one host cannot rotate through its prefix). */
export const addressKey = (req: Request): string => `a:${ipKeyGenerator(req.ip ?? 'unknown')}`;

/**
 * Per user once the request's credential resolved to one, else per address. Keying on the user rather
 * than on the credential sent means an unknown credential never opens a counter of its own.
 */
export const userOrAddressKey = (userId: string | undefined, req: Request): string =>
  userId !== undefined ? `u:${userId}` : addressKey(req);

export interface LimitOptions {
  /** Requests per minute per key; 0 turns the limit off. */
  perMinute: number;
  /** Names the limit in the RateLimit headers, so two limits on one request stay apart. */
  name: string;
  key: (req: Request) => string;
  refuse: (req: Request, res: Response) => void;
  /** Count only requests answered with an error status (failed sign-ins), not successful ones. */
  failuresOnly?: boolean;
}

export function perMinuteLimit(opts: LimitOptions): RequestHandler {
  if (opts.perMinute === 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: opts.perMinute,
    identifier: opts.name,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: opts.key,
    skipSuccessfulRequests: opts.failuresOnly ?? false,
    handler: (req, res) => opts.refuse(req, res),
  });
}

/**
 * The API's limit. Runs after `resolveBearer` and before `refuseUnresolved`: a request whose token
 * resolved counts against its user; one without a token, or with a token that resolved to no one,
 * counts against its address.
 */
export function rateLimiter(perMinute: number): RequestHandler {
  return perMinuteLimit({
    perMinute,
    name: 'api',
    key: (req) => userOrAddressKey(req.user?.id, req),
    refuse: (_req, res) => {
      res.status(429).json(errorBody('rate_limited', 'Too many requests; try again in a minute'));
    },
  });
}
