import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { appendAudit, appendAuditAlone } from './audit.service';
import { readHead } from './audit.repository';
import {
  claimVerification,
  finishVerification,
  insertVerification,
  recordProgress,
  type VerificationRow,
} from './audit.verifications.repository';
import { verifyLog, type AuditDeps, type Verification } from './audit.verify.service';

// Full recomputations of the log as background jobs. A job is a row: whichever instance is free
// takes it (SKIP LOCKED) under a lease it renews with each batch's progress, so a job whose instance
// dies is taken over when the lease runs out, and two instances never run the same job. The walk
// yields between batches, so this instance keeps answering requests meanwhile.

const LEASE_MS = 60_000;

class LostLease extends Error {}

export class VerificationRunner {
  private active: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly deps: AuditDeps & { logger?: Logger | undefined }) {}

  /** Queues a full verification and starts working on it at once (without waiting for it). */
  async request(actor: string): Promise<{ id: string }> {
    const id = randomUUID();
    await this.deps.db.transaction().execute(async (trx) => {
      await insertVerification(trx, { id, requestedBy: actor, now: this.deps.clock.now() });
      await appendAudit(trx, this.deps.clock, {
        actor,
        action: 'audit.verification_requested',
        entityType: 'audit_verification',
        entityId: id,
      });
    });
    this.kick();
    return { id };
  }

  /** Starts working through open jobs unless this instance already is. */
  kick(): void {
    if (this.stopping) return;
    this.active ??= this.drain().finally(() => {
      this.active = undefined;
    });
  }

  /** Resolves when this instance has no job in hand (for tests). */
  async idle(): Promise<void> {
    while (this.active) await this.active;
  }

  /**
   * Stops after the current batch (on shutdown). The job keeps its lease until it runs out and is
   * then taken over, from the start, by whichever instance is free.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopping) {
        const now = this.deps.clock.now();
        const job = await claimVerification(this.deps.db, now, new Date(now.getTime() + LEASE_MS));
        if (!job) return;
        await this.run(job);
      }
    } catch (err) {
      this.deps.logger?.error({ err }, 'audit verification runner failed');
    }
  }

  private async run(job: VerificationRow): Promise<void> {
    const { db, clock } = this.deps;
    const startedAt = job.started_at!;
    let upTo = (await readHead(db)).seq;
    let checked = 0;
    const progress = async (c: number, u: number) => {
      checked = c;
      upTo = u;
      const mine = await recordProgress(db, job.id, {
        upTo,
        checked,
        leaseUntil: new Date(clock.now().getTime() + LEASE_MS),
        startedAt,
      });
      if (!mine || this.stopping) throw new LostLease();
    };
    let result: Verification;
    try {
      await progress(0, upTo);
      result = await verifyLog(this.deps, { full: true, onBatch: progress });
    } catch (err) {
      if (err instanceof LostLease) return;
      this.deps.logger?.error({ err, verification: job.id }, 'audit verification failed');
      await finishVerification(db, job.id, {
        status: 'failed',
        result: { error: 'The verification stopped because of an internal error; request a new one.' },
        now: clock.now(),
        checked,
        upTo,
      });
      return;
    }
    await finishVerification(db, job.id, {
      status: 'done',
      result,
      now: clock.now(),
      checked: result.valid ? result.events : checked,
      upTo: result.valid ? result.events : upTo,
    });
    await appendAuditAlone(db, clock, {
      actor: 'system',
      action: 'audit.verified',
      entityType: 'audit_verification',
      entityId: job.id,
      details: result.valid
        ? { valid: true, events: result.events, rootHash: result.rootHash, erased: result.erased }
        : { valid: false, brokenAt: result.brokenAt, reason: result.reason },
    });
  }
}
