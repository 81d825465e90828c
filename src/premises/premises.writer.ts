import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { Clock } from '../clock';
import { appendAuditMany } from '../audit/audit.service';
import { enqueueNotifications } from '../notifications/notifications.service';
import { insertChecks, insertReferrals, type NewCheck } from './premises.repository';

interface Pending {
  check: NewCheck;
  done: (err?: unknown) => void;
}

const MAX_BATCH = 128;

/** Writes checks — each with its referral, notification and audit event — in one transaction. */
async function writeChecks(trx: Transaction<Database>, clock: Clock, checks: NewCheck[]): Promise<void> {
  await insertChecks(trx, checks);
  const refer = checks.flatMap((c) => (c.result === 'refer' ? [c] : []));
  await insertReferrals(
    trx,
    refer.map((c) => ({ id: randomUUID(), checkId: c.id, answerBy: c.answerBy, now: c.now })),
  );
  await enqueueNotifications(
    trx,
    clock,
    refer.map((c) => ({
      topic: 'referral.opened',
      recipientRole: 'coordinator',
      subject: `Lokalkontroll ${c.id} behöver prövas av samordnaren senast ${c.answerBy}`,
      payload: { checkId: c.id, venue: c.venue, date: c.date, answerBy: c.answerBy },
    })),
  );
  await appendAuditMany(
    trx,
    clock,
    checks.map((c) => ({
      actor: c.checkedBy,
      action: 'premises.checked',
      entityType: 'premises_check',
      entityId: c.id,
      details: {
        result: c.result,
        name: c.name,
        orgNumber: c.orgNumber,
        venue: c.venue,
        date: c.date,
        associationId: c.associationId,
        watchlistVersion: c.watchlistVersion,
        ...(c.answerBy ? { answerBy: c.answerBy } : {}),
        grounds: c.grounds.map((g) =>
          g.kind === 'watchlist' ? { kind: g.kind, entryId: g.entryId, score: g.score } : g,
        ),
      },
    })),
  );
}

/**
 * Group commit for the booking desk's hot path. Every check must be audited, and the audit chain
 * admits one appender at a time until its commit, so a transaction per check caps the service at one
 * commit (one disk flush) per check. Instead, checks that arrive while a write is in flight are
 * written together by the next one: each check still commits with its audit event before its answer
 * is sent, but a busy desk pays for one flush per batch. No delay is added: an idle writer writes at
 * once. If a batch fails, its checks are retried one by one so only a faulty one fails.
 */
export class CheckWriter {
  private queue: Pending[] = [];
  private running = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  write(check: NewCheck): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ check, done: (err) => (err ? reject(err) : resolve()) });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await this.db.transaction().execute((trx) =>
            writeChecks(
              trx,
              this.clock,
              batch.map((p) => p.check),
            ),
          );
          for (const p of batch) p.done();
        } catch (err) {
          if (batch.length === 1) {
            batch[0]!.done(err);
            continue;
          }
          for (const p of batch) {
            await this.db
              .transaction()
              .execute((trx) => writeChecks(trx, this.clock, [p.check]))
              .then(
                () => p.done(),
                (e: unknown) => p.done(e),
              );
          }
        }
      }
    } finally {
      this.running = false;
    }
  }
}
