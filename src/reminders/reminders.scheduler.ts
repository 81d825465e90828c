import { Cron } from 'croner';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/database';
import { safeError } from '../db/db-errors';
import { purgeIdempotencyKeys } from '../http/idempotency';
import type { Clock } from '../clock';
import type { Config } from '../config';
import { deliverPending, type DeliveryOptions } from '../notifications/notifications.delivery';
import type { ReminderPolicy } from './reminders.policy';
import { escalateOverdue } from './reminders.escalation';
import { escalateOverdueReferrals } from '../premises/premises.referrals.service';
import { reviewWatchlist, type WatchlistReviewPort } from './reminders.watchlist-port';
import { runRetention } from '../retention/retention.service';
import type { RetentionPolicy } from '../retention/retention.policy';
import { auditSweep } from '../audit/audit.housekeeping';
import type { AuditRuntime } from '../audit/audit.runtime';

export interface SweepDeps {
  db: Kysely<Database>;
  clock: Clock;
  policy: ReminderPolicy;
  logger?: Logger;
  /** Where notifications go; without it they stay pending in the outbox. */
  delivery?: DeliveryOptions | undefined;
  /** The watchlist's review dates; without it the sweep leaves the watchlist alone. */
  watchlist?: WatchlistReviewPort | undefined;
  batchSize?: number;
  /** The retention policy; without it the sweep deletes nothing. */
  retention?: RetentionPolicy | undefined;
  /** The audit log's key and jobs; without them the sweep leaves checkpoints and tree heads alone. */
  audit?: AuditRuntime | undefined;
}

export interface SweepReport {
  escalated: number;
  /** Referrals from the booking desk whose answer day passed unanswered. */
  referralsEscalated: number;
  reviewReminders: number;
  expired: number;
  delivered: number;
  retried: number;
  failed: number;
  /** Idempotency keys older than 24 hours, forgotten. */
  idempotencyKeysPurged: number;
  /** Records the day's retention run deleted (0 on the day's later passes). */
  retained: number;
  treeHeads: number;
}

/**
 * One pass of the background work. Safe to run on several instances against one database at once:
 * every item is taken with FOR UPDATE SKIP LOCKED (or leased), so none is handled twice or skipped.
 * Each step runs even if an earlier one failed; the failures are thrown together at the end.
 */
export async function runSweep(deps: SweepDeps): Promise<SweepReport> {
  const report: SweepReport = {
    escalated: 0,
    referralsEscalated: 0,
    reviewReminders: 0,
    expired: 0,
    delivered: 0,
    retried: 0,
    failed: 0,
    idempotencyKeysPurged: 0,
    retained: 0,
    treeHeads: 0,
  };
  const errors: unknown[] = [];
  const step = async (run: () => Promise<void>) => {
    try {
      await run();
    } catch (err) {
      errors.push(err);
    }
  };
  await step(async () => {
    report.escalated = await escalateOverdue(deps.db, deps.clock, deps.batchSize);
  });
  await step(async () => {
    report.referralsEscalated = await escalateOverdueReferrals(deps.db, deps.clock, deps.batchSize);
  });
  const watchlist = deps.watchlist;
  if (watchlist) {
    await step(async () => {
      Object.assign(report, await reviewWatchlist(deps.db, deps.clock, deps.policy, watchlist));
    });
  }
  await step(async () => {
    report.idempotencyKeysPurged = await purgeIdempotencyKeys(deps);
  });
  const retention = deps.retention;
  if (retention) {
    await step(async () => {
      const run = await runRetention({ db: deps.db, clock: deps.clock, policy: retention });
      report.retained = run ? Object.values(run.counts).reduce((n, c) => n + c.deleted, 0) : 0;
    });
  }
  const audit = deps.audit;
  if (audit) {
    await step(async () => {
      Object.assign(report, await auditSweep({ db: deps.db, clock: deps.clock, audit, logger: deps.logger }));
    });
  }
  // Last, so what this pass escalated goes out in this pass.
  const delivery = deps.delivery;
  if (delivery) {
    await step(async () => {
      Object.assign(report, await deliverPending(deps.db, deps.clock, delivery, deps.logger));
    });
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length) throw new AggregateError(errors, 'several sweep steps failed');
  return report;
}

export interface Scheduler {
  /** Stops the timer and waits for a pass in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs the sweep every `intervalSeconds`, never two passes of this process at once. The timer is
 * unref'd, so it does not keep the process alive on its own.
 */
export function startScheduler(deps: SweepDeps, intervalSeconds: number): Scheduler {
  let running: Promise<void> | undefined;
  const job = new Cron('* * * * * *', { interval: intervalSeconds, protect: true, unref: true }, () => {
    running = runSweep(deps)
      .then((report) => {
        const busy = Object.values(report).some((n) => n > 0);
        deps.logger?.[busy ? 'info' : 'debug']({ sweep: report }, 'sweep done');
      })
      .catch((err: unknown) => {
        deps.logger?.error({ err: safeError(err) }, 'sweep failed');
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  });
  return {
    async stop() {
      job.stop();
      await running;
    },
  };
}

/** The sweep's dependencies from configuration (main.ts); the watchlist port is wired by the caller. */
export function sweepDepsFromConfig(
  config: Config,
  base: {
    db: Kysely<Database>;
    clock: Clock;
    logger?: Logger;
    watchlist?: WatchlistReviewPort;
    audit?: AuditRuntime;
  },
): SweepDeps {
  return {
    ...base,
    policy: config.REMINDER_POLICY,
    retention: config.RETENTION_POLICY,
    delivery: config.NOTIFY_WEBHOOK_URL
      ? {
          webhookUrl: config.NOTIFY_WEBHOOK_URL,
          maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
          retryBaseSeconds: config.NOTIFY_RETRY_BASE_SECONDS,
        }
      : undefined,
  };
}
