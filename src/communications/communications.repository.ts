import type { Db } from '../db/database';
import { toJson } from '../db/json';
import { paginate, timeIdKeyset, type PageRequest } from '../db/paginate';
import type { Page } from '../http/pagination';
import type { CaseKind } from '../cases/cases.table';
import type { CommunicationRow, CommunicationStatus } from './communications.table';

/** A communication with its case's number and kind, as every reader wants it. */
export type CommunicationWithCase = CommunicationRow & {
  case_number: string;
  case_kind: CaseKind;
  association_id: string;
  application_id: string | null;
};

const withCase = (db: Db) =>
  db
    .selectFrom('communications')
    .innerJoin('cases', 'cases.id', 'communications.case_id')
    .selectAll('communications')
    .select(['cases.case_number', 'cases.kind as case_kind', 'cases.association_id', 'cases.application_id']);

export async function insertCommunication(
  db: Db,
  c: {
    id: string;
    caseId: string;
    findingIds: string[];
    sentOn: string;
    replyBy: string;
    html: string;
    sha256: string;
    createdBy: string;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('communications')
    .values({
      id: c.id,
      case_id: c.caseId,
      finding_ids: toJson(c.findingIds),
      sent_on: c.sentOn,
      reply_by: c.replyBy,
      status: 'awaiting_reply',
      document_html: c.html,
      document_sha256: c.sha256,
      created_by: c.createdBy,
      created_at: c.now,
    })
    .execute();
}

/** One communication by id, with its case's number: what the letters and the decisions read. */
export async function findCommunication(db: Db, id: string): Promise<CommunicationWithCase | undefined> {
  return withCase(db).where('communications.id', '=', id).executeTakeFirst();
}

/** The same, locked: a reply is recorded once. */
export async function lockCommunication(db: Db, id: string): Promise<CommunicationWithCase | undefined> {
  return withCase(db).where('communications.id', '=', id).forUpdate('communications').executeTakeFirst();
}

/** Records the answer (or that none came), only while none is recorded: a compare-and-set. */
export async function recordReply(
  db: Db,
  id: string,
  r: {
    status: Exclude<CommunicationStatus, 'awaiting_reply'>;
    receivedOn: string | null;
    summary: string | null;
    recordedBy: string;
    now: Date;
  },
): Promise<boolean> {
  const res = await db
    .updateTable('communications')
    .set({
      status: r.status,
      reply_received_on: r.receivedOn,
      reply_summary: r.summary,
      reply_recorded_by: r.recordedBy,
      reply_recorded_at: r.now,
    })
    .where('id', '=', id)
    .where('status', '=', 'awaiting_reply')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// Joined with cases, which has its own created_at and id.
const newestFirst = timeIdKeyset('communications.created_at', 'communications.id');

export async function listCommunications(
  db: Db,
  f: {
    applicationId?: string | undefined;
    associationId?: string | undefined;
    caseNumber?: string | undefined;
    status?: CommunicationStatus | undefined;
  },
  page: PageRequest,
): Promise<Page<CommunicationWithCase>> {
  let q = withCase(db);
  if (f.applicationId) q = q.where('cases.application_id', '=', f.applicationId);
  if (f.associationId) q = q.where('cases.association_id', '=', f.associationId);
  if (f.caseNumber) q = q.where('cases.case_number', '=', f.caseNumber);
  if (f.status) q = q.where('communications.status', '=', f.status);
  return paginate(q, newestFirst, page);
}
