import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// The instruments the code paths update, in one registry per process. Label values are fixed words
// (route templates, results, statuses), never names, numbers or ids: those would leak personal data
// to whoever scrapes, and every distinct value is a new time series.

export const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry, prefix: 'fk_' });

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const FAST_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

export const httpRequests = new Counter({
  name: 'fk_http_requests_total',
  help: 'HTTP requests answered, by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [processRegistry],
});

export const httpDuration = new Histogram({
  name: 'fk_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: SECONDS,
  registers: [processRegistry],
});

export const premisesChecks = new Counter({
  name: 'fk_premises_checks_total',
  help: 'Premises checks made by the booking desk, by result (clear or refer)',
  labelNames: ['result'] as const,
  registers: [processRegistry],
});

export const screeningDuration = new Histogram({
  name: 'fk_screening_duration_seconds',
  help: 'Time to screen an application (facts, watchlist, rules, storage)',
  buckets: SECONDS,
  registers: [processRegistry],
});

export const matcherDuration = new Histogram({
  name: 'fk_matcher_search_duration_seconds',
  help: 'Time of one watchlist matcher search over the in-memory index',
  buckets: FAST_SECONDS,
  registers: [processRegistry],
});

export const auditAppendDuration = new Histogram({
  name: 'fk_audit_append_duration_seconds',
  help: 'Time to append events to the audit chain (lock, head read, insert)',
  buckets: FAST_SECONDS,
  registers: [processRegistry],
});

/** Times an async step into a histogram, whether it succeeds or throws. */
export async function timed<T>(histogram: Histogram, work: () => Promise<T>): Promise<T> {
  const end = histogram.startTimer();
  try {
    return await work();
  } finally {
    end();
  }
}
