import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, Db } from '../db/database';
import { isoDate, type Clock } from '../clock';
import type { Config } from '../config';
import { appendAuditMany, type AuditInput } from '../audit/audit.service';
import { findingsFor, lockApplication } from '../applications/applications.repository';
import type { ApplicationRow } from '../applications/applications.table';
import { findAssociation, lockAssociation } from '../associations/associations.repository';
import type { AssociationRow } from '../associations/associations.table';
import { caseOpenedEvent, withdrawalCaseFor } from '../cases/cases.service';
import type { AuthUser } from '../http/auth';
import { ConflictError, invalidField, NotFoundError, ValidationError } from '../http/errors';
import {
  findCommunication,
  insertCommunication,
  lockCommunication,
  recordReply,
  type CommunicationWithCase,
} from './communications.repository';
import {
  consideration,
  letterFindings,
  writtenDate,
  type CommunicationLetterRenderer,
} from './communications.letter';
import type { Communication, CreateCommunicationInput, ReplyInput } from './communications.schemas';

export interface CommunicationDeps {
  db: Kysely<Database>;
  clock: Clock;
  config: Pick<Config, 'CASE_NUMBER_FORMAT' | 'MUNICIPALITY_NAME' | 'COMMITTEE_NAME' | 'CONTACT_DETAILS'>;
  communicationLetter: CommunicationLetterRenderer;
}

export function toCommunication(row: CommunicationWithCase): Communication {
  return {
    id: row.id,
    caseNumber: row.case_number,
    caseKind: row.case_kind,
    associationId: row.association_id,
    applicationId: row.application_id,
    findingIds: row.finding_ids,
    sentOn: row.sent_on,
    replyBy: row.reply_by,
    status: row.status,
    replyReceivedOn: row.reply_received_on,
    replySummary: row.reply_summary,
    replyRecordedBy: row.reply_recorded_by,
    replyRecordedAt: row.reply_recorded_at?.toISOString() ?? null,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    documentSha256: row.document_sha256,
  };
}

/** The same calendar day some months later (the last day of a shorter month when it has no such day). */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** A deadline the association can use: after the letter is sent, and not months away. */
function checkDates(sentOn: string, replyBy: string, today: string): void {
  const details = [
    ...(sentOn > today
      ? [{ path: 'body.sentOn', code: 'date_in_future' as const, message: 'must not be in the future' }]
      : []),
    ...(replyBy < sentOn
      ? [
          {
            path: 'body.replyBy',
            code: 'reply_by_before_sent' as const,
            message: 'must not be before the day the letter is sent',
          },
        ]
      : []),
    ...(replyBy > addMonths(sentOn, 3)
      ? [
          {
            path: 'body.replyBy',
            code: 'reply_by_too_late' as const,
            params: { months: 3 },
            message: 'must be at most three months after the day the letter is sent',
          },
        ]
      : []),
  ];
  if (details.length) throw new ValidationError('Request validation failed', details);
}

/** The case and its application (if any) the communication belongs to, locked for the command. */
async function caseOf(
  trx: Transaction<Database>,
  deps: CommunicationDeps,
  actor: AuthUser,
  input: CreateCommunicationInput,
): Promise<{
  caseId: string;
  caseNumber: string;
  application: ApplicationRow | null;
  association: AssociationRow;
  events: AuditInput[];
}> {
  if (input.applicationId) {
    const app = await lockApplication(trx, input.applicationId);
    if (!app) throw invalidField('body.applicationId', 'application_unknown', 'no application with this id');
    const association = (await findAssociation(trx, app.association_id))!;
    return { caseId: app.case_id, caseNumber: app.case_number, application: app, association, events: [] };
  }
  const association = await lockAssociation(trx, input.associationId!);
  if (!association)
    throw invalidField(
      'body.associationId',
      'association_unknown',
      'no association with this id is registered',
    );
  if (association.support_status !== 'active') {
    throw new ConflictError(`The association's support is ${association.support_status}`, {
      code: 'support_status',
      params: { status: association.support_status },
    });
  }
  const c = await withdrawalCaseFor(trx, deps, {
    associationId: association.id,
    caseNumber: input.caseNumber,
    actor: actor.id,
  });
  return {
    caseId: c.row.id,
    caseNumber: c.row.case_number,
    application: null,
    association,
    events: c.opened ? [caseOpenedEvent(c.row, actor.id)] : [],
  };
}

/**
 * Sends the material to the association (förvaltningslagen 25 §): the kommuniceringsbrev is rendered
 * once from the findings named, stored with its SHA-256, and the deadline starts to run.
 */
export async function createCommunication(
  deps: CommunicationDeps,
  actor: AuthUser,
  input: CreateCommunicationInput,
): Promise<Communication> {
  const today = isoDate(deps.clock.now());
  const sentOn = input.sentOn ?? today;
  checkDates(sentOn, input.replyBy, today);
  return deps.db.transaction().execute(async (trx) => {
    const { caseId, caseNumber, application, association, events } = await caseOf(trx, deps, actor, input);
    const scope = application ? { applicationId: application.id } : { associationId: association.id };
    const findings = await findingsFor(trx, input.findingIds, scope);
    const found = new Set(findings.map((f) => f.id));
    const missing = input.findingIds.flatMap((id, i) =>
      found.has(id)
        ? []
        : [
            {
              path: `body.findingIds.${i}`,
              code: application
                ? ('finding_not_of_application' as const)
                : ('finding_not_of_association' as const),
              message: application
                ? 'not a finding of this application'
                : 'not a finding of the association’s applications',
            },
          ],
    );
    if (missing.length) throw new ValidationError('Request validation failed', missing);

    const { html, sha256 } = deps.communicationLetter.render({
      municipality: deps.config.MUNICIPALITY_NAME,
      committee: deps.config.COMMITTEE_NAME,
      caseNumber,
      sentOn: writtenDate(sentOn),
      replyBy: writtenDate(input.replyBy),
      association: { name: association.name, orgNumber: association.org_number },
      ...consideration(deps.config.COMMITTEE_NAME, application),
      ...letterFindings(findings),
      contact: { name: actor.name, details: deps.config.CONTACT_DETAILS },
    });
    const id = randomUUID();
    await insertCommunication(trx, {
      id,
      caseId,
      findingIds: findings.map((f) => f.id),
      sentOn,
      replyBy: input.replyBy,
      html,
      sha256,
      createdBy: actor.id,
      now: deps.clock.now(),
    });
    const communication = toCommunication((await findCommunication(trx, id))!);
    await appendAuditMany(trx, deps.clock, [
      ...events,
      {
        actor: actor.id,
        action: 'communication.sent',
        entityType: 'communication',
        entityId: id,
        details: { communication },
      },
    ]);
    return communication;
  });
}

/** Records the association's answer, or (once the deadline has passed) that none came. Once. */
export async function recordCommunicationReply(
  deps: Pick<CommunicationDeps, 'db' | 'clock'>,
  actor: AuthUser,
  id: string,
  input: ReplyInput,
): Promise<Communication> {
  const today = isoDate(deps.clock.now());
  return deps.db.transaction().execute(async (trx) => {
    const c = await lockCommunication(trx, id);
    if (!c) throw new NotFoundError('Communication');
    if (c.status !== 'awaiting_reply') {
      throw c.status === 'replied'
        ? new ConflictError('The answer to this communication is already recorded', {
            code: 'reply_already_recorded',
          })
        : new ConflictError('It is already recorded that no answer came to this communication', {
            code: 'no_reply_already_recorded',
          });
    }
    const noReply = 'noReply' in input;
    if (noReply && today <= c.reply_by) {
      throw new ConflictError(`The reply deadline ${c.reply_by} has not passed yet`, {
        code: 'reply_deadline_not_passed',
        params: { replyBy: c.reply_by },
      });
    }
    if (!noReply) {
      if (input.receivedOn > today)
        throw invalidField('body.receivedOn', 'date_in_future', 'must not be in the future');
      if (input.receivedOn < c.sent_on) {
        throw invalidField(
          'body.receivedOn',
          'received_before_sent',
          'must not be before the day the letter was sent',
        );
      }
    }
    const recorded = await recordReply(trx, id, {
      status: noReply ? 'no_reply' : 'replied',
      receivedOn: noReply ? null : input.receivedOn,
      summary: noReply ? null : input.summary,
      recordedBy: actor.id,
      now: deps.clock.now(),
    });
    if (!recorded)
      throw new ConflictError('The answer to this communication was just recorded by someone else', {
        code: 'reply_just_recorded',
      });
    const communication = toCommunication((await findCommunication(trx, id))!);
    await appendAuditMany(trx, deps.clock, [
      {
        actor: actor.id,
        action: 'communication.reply_recorded',
        entityType: 'communication',
        entityId: id,
        details: {
          caseNumber: c.case_number,
          status: communication.status,
          receivedOn: communication.replyReceivedOn,
          summary: communication.replySummary,
        },
      },
    ]);
    return communication;
  });
}

export async function loadCommunication(db: Db, id: string): Promise<CommunicationWithCase> {
  const c = await findCommunication(db, id);
  if (!c) throw new NotFoundError('Communication');
  return c;
}
