import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  idempotencyKey: string | undefined;
  body: {
    id: string;
    topic: string;
    recipientRole: string | null;
    subject: string;
    payload: Record<string, unknown>;
  };
}

/**
 * A local webhook receiver. `failFirst` attempts per notification id are answered 500; later ones 204.
 * `attempts` counts every request per id; `accepted` holds the requests answered with success.
 */
export async function startWebhookReceiver(opts: { failFirst?: number; delayMs?: number } = {}) {
  const attempts = new Map<string, number>();
  const accepted: Received[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      const body = JSON.parse(text) as Received['body'];
      const n = (attempts.get(body.id) ?? 0) + 1;
      attempts.set(body.id, n);
      setTimeout(() => {
        if (n <= (opts.failFirst ?? 0)) {
          res.writeHead(500).end('not now');
          return;
        }
        const key = req.headers['idempotency-key'];
        accepted.push({ idempotencyKey: typeof key === 'string' ? key : undefined, body });
        res.writeHead(204).end();
      }, opts.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    attempts,
    accepted,
    totalRequests: () => [...attempts.values()].reduce((a, b) => a + b, 0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
