import { monitorEventLoopDelay } from 'node:perf_hooks';
import request from 'supertest';
import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';
import { WATCHLIST_CSV_HEADER } from '../support/watchlist-entries';

// Issue 14 point 2: a large import ran in one transaction and one stretch of the event loop, so
// /health and every premises check waited for all of it (53 s for 200,000 lines). Here a smaller
// import (ten batches) runs while /health and premises checks keep coming; they must be answered
// in between, and the event loop must never be held for long. The full 200,000-line case is a
// script: npm run bench -- import.

const LINES = 2000;
/**
 * Most CPU time the process may spend between two turns of the event loop. The aim is 100 ms of the
 * loop's own time, but this counts every thread of the process: a major garbage collection marks on
 * helper threads too, so a 140 ms pause can read as 280 ms (281 ms seen once on PostgreSQL in CI, 164 ms
 * on a crowded machine). The bound says "never held for long"; what fails the old code is the count of
 * answers given meanwhile (below): it imported the whole file in one stretch and answered nothing.
 */
const MAX_CPU_BETWEEN_TURNS_MS = 500;
/** The event loop's longest delay in wall-clock time: generous, for a shared CI machine. */
const MAX_LOOP_DELAY_MS = 1000;

/** Measures the most CPU time spent between two turns of the event loop while it runs. */
function cpuBetweenTurns() {
  let max = 0;
  let last = process.cpuUsage();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const used = process.cpuUsage(last);
    last = process.cpuUsage();
    max = Math.max(max, (used.user + used.system) / 1000);
    timer = setTimeout(tick, 2);
  };
  timer = setTimeout(tick, 2);
  return {
    stop: () => {
      clearTimeout(timer);
      return max;
    },
  };
}

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

function csv(): string {
  const words = ['Norra', 'Södra', 'Gryning', 'Falang', 'Storm', 'Väktar', 'Ljus', 'Kraft', 'Front', 'Ligan'];
  const lines = Array.from({ length: LINES }, (_, i) => {
    const name = `${words[i % 10]}${words[Math.floor(i / 10) % 10]!.toLowerCase()} ${i} Kollektivet`;
    const org = i % 4 === 0 ? orgNumber(500_000 + i) : '';
    return `organisation,${name},${name.slice(0, 12)}|Grupp ${i},${org},supports_violent_extremism,hot,tips ${i},2027-03-01`;
  });
  return [WATCHLIST_CSV_HEADER, ...lines].join('\n');
}

it('answers /health and premises checks while a large import runs, never holding the event loop long', async () => {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  let done = false;
  const importing = as(ctx, 'coordinator')
    .post('/api/watchlist/import')
    .set('Content-Type', 'text/csv')
    .send(csv())
    .then((res) => {
      done = true;
      return res;
    });
  delay.enable();
  const cpu = cpuBetweenTurns();
  const healthDuring: number[] = [];
  const checksDuring: number[] = [];
  let n = 0;
  while (!done) {
    const start = performance.now();
    if (n++ % 2 === 0) {
      const res = await request(ctx.app).get('/health');
      expect(res.status).toBe(200);
      if (!done) healthDuring.push(performance.now() - start);
    } else {
      const res = await as(ctx, 'booking_staff')
        .post('/api/premises-checks')
        .send({ name: `Schackklubben ${n}`, venue: 'Medborgarhuset', date: '2026-12-12' });
      expect(res.status).toBe(201);
      if (!done) checksDuring.push(performance.now() - start);
    }
  }
  delay.disable();
  const maxCpuMs = cpu.stop();
  const res = await importing;
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ imported: LINES, rejected: [] });

  // Before: the import's one transaction held the database, so nothing was answered until it ended.
  expect(healthDuring.length).toBeGreaterThanOrEqual(5);
  expect(checksDuring.length).toBeGreaterThanOrEqual(5);
  const maxDelayMs = delay.max / 1e6;
  expect(maxCpuMs).toBeLessThan(MAX_CPU_BETWEEN_TURNS_MS);
  expect(maxDelayMs).toBeLessThan(MAX_LOOP_DELAY_MS);
  // The imported entries are searchable at once: the index kept up batch by batch.
  const hit = await as(ctx, 'booking_staff')
    .post('/api/premises-checks')
    .send({ name: 'Gryningnorra 1992 Kollektivet', venue: 'Medborgarhuset', date: '2026-12-12' });
  expect(hit.body.result).toBe('refer');
});
