import type { Transaction } from 'kysely';
import type { Database } from '../db/database';
import { isoDate, type Clock } from '../clock';
import type { Config } from '../config';
import { appendAudit } from '../audit/audit.service';
import { setApplicationStatus } from '../applications/applications.repository';
import { setSupportStatus } from '../associations/associations.repository';
import { closeWithdrawalFollowUps, createFollowUpReminders } from '../reminders/reminders.service';
import type { ReminderPolicy } from '../reminders/reminders.policy';
import { markSuperseded, storeDocument } from './decisions.repository';
import type { DecisionRow } from './decisions.table';
import { decisionMakers } from './decisions.makers';
import { buildLetterModel, type LetterBuildDeps } from './letter.build';
import type { LetterRenderer } from './letter.renderer';

export interface FinaliseDeps extends LetterBuildDeps {
  clock: Clock;
  config: LetterBuildDeps['config'] & Pick<Config, 'REMINDER_POLICY'>;
  letters: LetterRenderer;
}

/**
 * What a decision does the moment it becomes final, in the same transaction: its effects (the
 * application decided; support withdrawn or restored, with the follow-up reminders), the correction
 * of the decision it supersedes, and the letter, rendered once and stored with its SHA-256.
 */
export async function finalise(
  trx: Transaction<Database>,
  deps: FinaliseDeps,
  actor: string,
  d: DecisionRow,
) {
  const now = deps.clock.now();
  if (d.kind === 'application') {
    await setApplicationStatus(trx, d.application_id!, 'decided', now);
  } else {
    const status = d.kind === 'withdrawal' ? 'withdrawn' : 'active';
    await setSupportStatus(trx, d.association_id, status, now);
    if (d.kind === 'restoration') {
      await closeWithdrawalFollowUps(trx, deps.clock, {
        associationId: d.association_id,
        note: `Avslutad: stödet återupptogs genom beslut ${d.reference}.`,
        actor,
      });
    }
    if (d.kind === 'withdrawal') {
      await createFollowUpReminders(trx, deps.clock, deps.config.REMINDER_POLICY as ReminderPolicy, {
        associationId: d.association_id,
        decisionId: d.id,
        decidedOn: isoDate(now),
        actor,
      });
    }
    await appendAudit(trx, deps.clock, {
      actor,
      action: 'association.support_status_changed',
      entityType: 'association',
      entityId: d.association_id,
      details: { supportStatus: status, decisionId: d.id, reference: d.reference },
    });
  }
  if (d.supersedes_id) await markSuperseded(trx, d.supersedes_id, d.id, now);

  const { html, sha256 } = deps.letters.render(await buildLetterModel(trx, deps, d));
  await storeDocument(trx, d.id, html, sha256);
  await appendAudit(trx, deps.clock, {
    actor,
    action: 'decision.finalised',
    entityType: 'decision',
    entityId: d.id,
    details: {
      reference: d.reference,
      outcome: d.outcome,
      ...decisionMakers(d),
      supersedes: d.supersedes_id,
      documentSha256: sha256,
    },
  });
  return { ...d, document_html: html, document_sha256: sha256 };
}
