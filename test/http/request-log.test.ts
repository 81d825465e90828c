import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { requestLogging } from '../../src/http/request-log';

function appLogging(level: string) {
  const lines: string[] = [];
  const logger = pino({ level }, { write: (l: string) => lines.push(l) });
  const app = express();
  app.use(requestLogging(logger));
  app.get('/api/watchlist/search', (_req, res) => {
    res.json({ ok: true });
  });
  return { app, lines };
}

describe('request log', () => {
  it('logs id, method, path and status, but never the query string or headers', async () => {
    const { app, lines } = appLogging('info');
    const res = await request(app)
      .get('/api/watchlist/search?q=Anna%20Svensson')
      .set('Authorization', 'Bearer secret-token')
      .set('X-Request-Id', 'desk-7');
    expect(res.headers['x-request-id']).toBe('desk-7');
    const entry = JSON.parse(lines.find((l) => l.includes('request completed'))!);
    expect(entry.req).toEqual({ id: 'desk-7', method: 'GET', path: '/api/watchlist/search' });
    expect(entry.res).toEqual({ statusCode: 200 });
    expect(lines.join('')).not.toMatch(/Svensson|secret-token/);
  });

  it('still gives every request an id when request lines are not logged', async () => {
    const { app, lines } = appLogging('warn');
    const res = await request(app).get('/api/watchlist/search?q=x');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toEqual([]);
  });
});
