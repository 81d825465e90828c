import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { isoDate, type Clock } from '../clock';
import { appendAudit } from '../audit/audit.service';
import { enqueueNotification } from '../notifications/notifications.service';
import { ConflictError, NotFoundError } from '../http/errors';
import {
  findReferral,
  lockOverdueReferrals,
  markReferralsEscalated,
  resolveReferral,
  type ReferralListRow,
} from './premises.referrals.repository';
import type { Referral } from './premises.schemas';
import type { ReferralOutcome } from './premises.table';

/** A referral for the coordinator; `today` (Swedish) tells whether its answer is overdue. */
export function toReferral(r: ReferralListRow, today: string): Referral {
  return {
    id: r.id,
    checkId: r.check_id,
    status: r.status,
    answerBy: r.answer_by,
    overdue: r.status === 'open' && r.answer_by < today,
    escalatedAt: r.escalated_at?.toISOString() ?? null,
    outcome: r.outcome,
    check: {
      name: r.name,
      orgNumber: r.org_number,
      venue: r.venue,
      date: r.date,
      checkedBy: r.checked_by,
      checkedAt: r.checked_at.toISOString(),
      associationId: r.association_id,
    },
    grounds: r.grounds,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at?.toISOString() ?? null,
    note: r.note,
    createdAt: r.created_at.toISOString(),
  };
}

// The booking desk's words for an outcome, as on their page.
const OUTCOME_WORDS: Record<ReferralOutcome, string> = {
  no_obstacle: 'Inget hinder',
  not_cleared: 'Kan inte bekräftas',
};

/**
 * The coordinator answers a referral, once: no obstacle, or the booking cannot be confirmed. The
 * note is the coordinator's record (it may name grounds): it stays with the referral and its audit
 * event, and the booking desk is told only the outcome.
 */
export async function resolveWithOutcome(
  db: Kysely<Database>,
  clock: Clock,
  actor: string,
  referralId: string,
  resolution: { outcome: ReferralOutcome; note: string },
): Promise<Referral> {
  return db.transaction().execute(async (trx) => {
    const referral = await findReferral(trx, referralId);
    if (!referral) throw new NotFoundError('Referral');
    const now = clock.now();
    if (!(await resolveReferral(trx, referralId, { by: actor, ...resolution, now }))) {
      throw new ConflictError('The referral is already resolved', { code: 'referral_resolved' });
    }
    await appendAudit(trx, clock, {
      actor,
      action: 'referral.resolved',
      entityType: 'referral',
      entityId: referralId,
      details: { checkId: referral.check_id, outcome: resolution.outcome, note: resolution.note },
    });
    await enqueueNotification(trx, clock, {
      topic: 'referral.answered',
      recipientRole: 'booking_staff',
      subject: `Besked om lokalkontroll ${referral.check_id}: ${OUTCOME_WORDS[resolution.outcome]}`,
      payload: { checkId: referral.check_id, outcome: resolution.outcome },
    });
    return toReferral((await findReferral(trx, referralId))!, isoDate(now));
  });
}

export const REFERRAL_ESCALATION_SUBJECT = (checkId: string, answerBy: string) =>
  `Försenad hänvisning: lokalkontroll ${checkId} skulle ha besvarats senast ${answerBy}`;

/**
 * Marks open referrals past their answer day escalated, once each, and tells the coordinators. A
 * batch at a time, each batch one transaction, rows taken with FOR UPDATE SKIP LOCKED: as the
 * reminders' escalation, so several instances sweeping at once split the work.
 */
export async function escalateOverdueReferrals(
  db: Kysely<Database>,
  clock: Clock,
  batchSize = 50,
): Promise<number> {
  let total = 0;
  for (;;) {
    const handled = await db.transaction().execute(async (trx) => {
      const now = clock.now();
      const today = isoDate(now);
      const rows = await lockOverdueReferrals(trx, today, batchSize);
      if (!rows.length) return 0;
      await markReferralsEscalated(
        trx,
        rows.map((r) => r.id),
        now,
      );
      for (const r of rows) {
        const { id: notificationId } = await enqueueNotification(trx, clock, {
          topic: 'referral.escalated',
          recipientRole: 'coordinator',
          subject: REFERRAL_ESCALATION_SUBJECT(r.check_id, r.answer_by),
          payload: {
            referralId: r.id,
            checkId: r.check_id,
            answerBy: r.answer_by,
            venue: r.venue,
            date: r.date,
          },
        });
        await appendAudit(trx, clock, {
          actor: 'system',
          action: 'referral.escalated',
          entityType: 'referral',
          entityId: r.id,
          details: { checkId: r.check_id, answerBy: r.answer_by, escalatedOn: today, notificationId },
        });
      }
      return rows.length;
    });
    total += handled;
    if (handled < batchSize) return total;
  }
}
