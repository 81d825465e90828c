import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/** The client's X-Request-Id when it is sane, else a new one; echoed in the response either way. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w-]{1,100}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * One log line per request with its id, method, path and status. Only the path: query strings carry
 * search terms (people's names in watchlist searches) and headers carry tokens and cookies. When the
 * level hides request lines (warn and above) the logger is skipped, keeping only the id, since this
 * runs on every request of the hot path.
 */
export function requestLogging(logger: Logger): RequestHandler {
  if (!logger.isLevelEnabled('info')) {
    return (req, res, next) => {
      (req as { id?: string }).id = requestId(req, res);
      next();
    };
  }
  return pinoHttp({
    logger,
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    genReqId: requestId,
  });
}
