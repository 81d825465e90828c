import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ZodError } from 'zod';
import type { Logger } from 'pino';
import { isDatabaseUnavailable, safeError } from '../db/db-errors';
import { AppError, type ApiErrorCode, type ErrorCode } from './errors';
import { zodDetails } from './validation-details';

export function errorBody(code: ApiErrorCode | ErrorCode, message: string, details?: unknown[]) {
  return { error: details ? { code, message, details } : { code, message } };
}

// Errors thrown by body-parser carry a `type`; map the ones a client can cause.
const bodyParserErrors: Record<string, [number, ApiErrorCode, string]> = {
  'entity.too.large': [413, 'payload_too_large', 'The request body is too large'],
  'entity.parse.failed': [400, 'validation_failed', 'The request body is not valid JSON'],
  'encoding.unsupported': [400, 'validation_failed', 'Unsupported content encoding'],
  'charset.unsupported': [400, 'validation_failed', 'Unsupported charset'],
  'request.aborted': [400, 'validation_failed', 'The request was aborted'],
};

const PG_UNIQUE_VIOLATION = '23505';
// Values PostgreSQL cannot take (class 22, data exceptions: a date out of its range, a number too
// large, a NUL character) that slipped past the schemas: the client's input, so a 400, but logged —
// a schema should have caught it.
const isBadInput = (code: unknown) => typeof code === 'string' && code.startsWith('22') && code.length === 5;

/** Seconds a client should wait before trying again while the database is away. */
export const UNAVAILABLE_RETRY_AFTER = 5;

/** The database cannot be reached (a restart, a failover): 503, and the client may retry. */
export function sendUnavailable(res: Response): void {
  res
    .status(503)
    .set('Retry-After', String(UNAVAILABLE_RETRY_AFTER))
    .json(errorBody('unavailable', 'The database cannot be reached just now; try again in a few seconds'));
}

/**
 * Errors a client caused that express or its parsers raise with a 4xx status: http-errors mark theirs
 * `expose`; the router's URIError for a malformed %-escape in the path carries only the status.
 */
export function clientErrorStatus(err: unknown): number | undefined {
  const e = err as { expose?: unknown; status?: unknown } | null;
  if (!e || !(e.expose === true || e instanceof URIError) || typeof e.status !== 'number') return undefined;
  return e.status >= 400 && e.status < 500 ? e.status : undefined;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    if (err instanceof AppError) {
      res.status(err.status).json(errorBody(err.code, err.message, err.details));
      return;
    }
    if (err instanceof ZodError) {
      res.status(400).json(errorBody('validation_failed', 'Request validation failed', zodDetails(err)));
      return;
    }
    const known = typeof err?.type === 'string' ? bodyParserErrors[err.type] : undefined;
    if (known) {
      res.status(known[0]).json(errorBody(known[1], known[2]));
      return;
    }
    // A unique constraint that a race slipped past the service's own check: still a conflict.
    if (err?.code === PG_UNIQUE_VIOLATION) {
      res.status(409).json(errorBody('conflict', 'This conflicts with an existing record'));
      return;
    }
    if (isDatabaseUnavailable(err)) {
      logger.warn({ err: safeError(err), reqId: req.id }, 'database unavailable');
      sendUnavailable(res);
      return;
    }
    if (isBadInput(err?.code)) {
      logger.warn({ err: safeError(err), reqId: req.id }, 'database refused a value that passed validation');
      res.status(400).json(errorBody('validation_failed', 'A value in the request is out of range'));
      return;
    }
    const status = clientErrorStatus(err);
    if (status === 413) {
      res.status(413).json(errorBody('payload_too_large', 'The request is too large'));
      return;
    }
    if (status !== undefined) {
      res.status(400).json(errorBody('validation_failed', 'The request is malformed'));
      return;
    }
    logger.error({ err: safeError(err), reqId: req.id }, 'unhandled error');
    res.status(500).json(errorBody('internal', 'Internal error; quote the request id to support', undefined));
  };
}

export const notFoundHandler: RequestHandler = (_req, res) => {
  res.status(404).json(errorBody('not_found', 'No such endpoint'));
};
