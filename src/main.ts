import type { Logger } from 'pino';
import { createApp } from './app';
import { systemClock } from './clock';
import { ConfigError, configWarnings, loadConfig } from './config';
import { openDatabase } from './db/connection';
import { isDatabaseUnavailable, safeError } from './db/db-errors';
import { prepareDeps } from './startup';
import { bootstrapAdmin } from './users/users.service';
import { startScheduler, sweepDepsFromConfig } from './reminders/reminders.scheduler';
import { watchlistReviewPort } from './watchlist/watchlist.review-port';
import { metricsOnlyApp } from './metrics/metrics.http';
import { appRegistry } from './metrics/metrics.backlog';
import { adminTokenNotice, createLogger } from './logging/logger';

// Process entry: config → database → migrate → bootstrap admin → listen, and the background sweep.
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  // The database going away (a restart, a failover) is never a reason for this process to end: requests
  // answer 503 meanwhile and the pool reconnects. Anything else unexpected still ends it, as before.
  const survive = (kind: string) => (err: unknown) => {
    if (isDatabaseUnavailable(err)) {
      logger.warn({ err: safeError(err) }, `${kind}: database unavailable`);
      return;
    }
    logger.fatal({ err: safeError(err) }, kind);
    process.exit(1);
  };
  process.on('unhandledRejection', survive('unhandled rejection'));
  process.on('uncaughtException', survive('uncaught exception'));
  for (const warning of configWarnings(config)) logger.warn(warning);
  const handle = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DB_POOL_SIZE,
    onConnectionError: (err) => logger.warn({ err: safeError(err) }, 'database connection lost'),
  });
  // A server that is still starting (or restarting) is waited for, for a while, instead of giving up.
  const deps = await whileUnavailable(logger, () => prepareDeps(handle, config, systemClock, logger));
  const { generatedToken } = await bootstrapAdmin(handle.db, systemClock, config.ADMIN_TOKEN);
  if (generatedToken) {
    // Printed once, to the console only (never to the log stream), on the very first start.
    process.stdout.write(adminTokenNotice(generatedToken, process.stdout.isTTY === true));
  }

  const app = createApp(deps);
  const server = app.listen(config.PORT, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    logger.info({ port, database: handle.kind }, 'listening');
  });
  const metricsServer =
    config.METRICS_PORT === undefined
      ? undefined
      : metricsOnlyApp(appRegistry(handle.db, systemClock), config.METRICS_TOKEN).listen(
          config.METRICS_PORT,
          () => logger.info({ port: config.METRICS_PORT }, 'metrics listening'),
        );

  // Every instance may run the sweep: each item is taken with FOR UPDATE SKIP LOCKED (or leased).
  const scheduler =
    config.SCHEDULER_INTERVAL_SECONDS > 0
      ? startScheduler(
          sweepDepsFromConfig(config, {
            db: handle.db,
            clock: systemClock,
            logger,
            watchlist: watchlistReviewPort(systemClock),
            audit: deps.audit,
          }),
          config.SCHEDULER_INTERVAL_SECONDS,
        )
      : undefined;
  if (scheduler && !config.NOTIFY_WEBHOOK_URL) {
    logger.warn('NOTIFY_WEBHOOK_URL is not set: notifications stay pending in the outbox');
  }

  const shutdown = () => {
    logger.info('shutting down');
    metricsServer?.close();
    server.close(() => {
      (scheduler?.stop() ?? Promise.resolve())
        .then(() => deps.audit.verifications.stop())
        .then(() => handle.close())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

const START_WAIT_MS = 60_000;

async function whileUnavailable<T>(logger: Logger, work: () => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + START_WAIT_MS;
  for (;;) {
    try {
      return await work();
    } catch (err) {
      if (!isDatabaseUnavailable(err) || Date.now() > giveUpAt) throw err;
      logger.warn({ err: safeError(err) }, 'database unavailable at start; trying again');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof Error ? err.message : String(err));
  process.exit(1);
});
