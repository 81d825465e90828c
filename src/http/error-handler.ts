import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from 'pino';
import { AppError } from './errors';

export function errorBody(code: string, message: string, details?: unknown[]) {
  return { error: details ? { code, message, details } : { code, message } };
}

export function zodDetails(err: ZodError, prefix = '') {
  return err.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
  }));
}

// Errors thrown by body-parser carry a `type`; map the ones a client can cause.
const bodyParserErrors: Record<string, [number, string, string]> = {
  'entity.too.large': [413, 'payload_too_large', 'The request body is too large'],
  'entity.parse.failed': [400, 'validation_failed', 'The request body is not valid JSON'],
  'encoding.unsupported': [400, 'validation_failed', 'Unsupported content encoding'],
  'charset.unsupported': [400, 'validation_failed', 'Unsupported charset'],
  'request.aborted': [400, 'validation_failed', 'The request was aborted'],
};

const PG_UNIQUE_VIOLATION = '23505';

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
    logger.error({ err, reqId: req.id }, 'unhandled error');
    res.status(500).json(errorBody('internal', 'Internal error; quote the request id to support', undefined));
  };
}

export const notFoundHandler: RequestHandler = (_req, res) => {
  res.status(404).json(errorBody('not_found', 'No such endpoint'));
};
