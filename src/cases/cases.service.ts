import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database';
import { isoDate, type Clock } from '../clock';
import type { Config } from '../config';
import type { AuditInput } from '../audit/audit.service';
import { ConflictError } from '../http/errors';
import { formatCaseNumber } from './cases.number';
import {
  caseNumberTaken,
  caseOfLatestWithdrawal,
  insertCase,
  nextCaseSeq,
  openWithdrawalCase,
} from './cases.repository';
import type { CaseKind, CaseRow } from './cases.table';
import type { CaseSummary } from './cases.schemas';

export interface CaseDeps {
  clock: Clock;
  config: Pick<Config, 'CASE_NUMBER_FORMAT'>;
}

export function toCase(row: CaseRow): CaseSummary {
  return {
    id: row.id,
    caseNumber: row.case_number,
    kind: row.kind,
    associationId: row.association_id,
    applicationId: row.application_id,
    assignedTo: row.assigned_to,
    openedBy: row.opened_by,
    openedAt: row.opened_at.toISOString(),
  };
}

/** The audit event of a case opened inside a command; the command appends it with its own, last. */
export const caseOpenedEvent = (row: CaseRow, actor: string): AuditInput => ({
  actor,
  action: 'case.opened',
  entityType: 'case',
  entityId: row.id,
  details: { case: toCase(row) },
});

/**
 * The next free number of the configured format. A number the registry system gave earlier may
 * already hold a place in the sequence; it is skipped, not reused.
 */
async function assignCaseNumber(trx: Transaction<Database>, deps: CaseDeps): Promise<string> {
  const year = Number(isoDate(deps.clock.now()).slice(0, 4));
  for (;;) {
    const candidate = formatCaseNumber(deps.config.CASE_NUMBER_FORMAT, year, await nextCaseSeq(trx, year));
    if (!(await caseNumberTaken(trx, candidate))) return candidate;
  }
}

/** Opens a case with the number the caller gave (unique, or 409) or one from the configured format. */
export async function openCase(
  trx: Transaction<Database>,
  deps: CaseDeps,
  c: {
    kind: CaseKind;
    associationId: string;
    applicationId: string | null;
    caseNumber?: string | undefined;
    actor: string;
  },
): Promise<CaseRow> {
  if (c.caseNumber !== undefined && (await caseNumberTaken(trx, c.caseNumber))) {
    throw new ConflictError(`The case number ${c.caseNumber} is already in use`, {
      code: 'case_number_in_use',
      params: { caseNumber: c.caseNumber },
    });
  }
  return insertCase(trx, {
    id: randomUUID(),
    caseNumber: c.caseNumber ?? (await assignCaseNumber(trx, deps)),
    kind: c.kind,
    associationId: c.associationId,
    applicationId: c.applicationId,
    assignedTo: c.actor,
    openedBy: c.actor,
    now: deps.clock.now(),
  });
}

/**
 * The association's open withdrawal case, or a new one: kommunicering before a withdrawal comes before
 * the decision, so the case exists first, and the proposal later joins it. A number given for a case
 * that is already open must be that case's. The caller holds the association's lock.
 */
export async function withdrawalCaseFor(
  trx: Transaction<Database>,
  deps: CaseDeps,
  c: { associationId: string; caseNumber?: string | undefined; actor: string },
): Promise<{ row: CaseRow; opened: boolean }> {
  const open = await openWithdrawalCase(trx, c.associationId);
  if (open) {
    if (c.caseNumber !== undefined && c.caseNumber !== open.case_number) {
      throw new ConflictError(
        `The association already has an open withdrawal case, ${open.case_number}; use that number or none`,
        { code: 'open_withdrawal_case', params: { caseNumber: open.case_number } },
      );
    }
    return { row: open, opened: false };
  }
  const row = await openCase(trx, deps, {
    kind: 'withdrawal',
    associationId: c.associationId,
    applicationId: null,
    caseNumber: c.caseNumber,
    actor: c.actor,
  });
  return { row, opened: true };
}

/**
 * A restoration continues the case of the withdrawal it ends (the same matter: the association's
 * support); only an association withdrawn without any recorded case gets a new one.
 */
export async function restorationCaseFor(
  trx: Transaction<Database>,
  deps: CaseDeps,
  c: { associationId: string; actor: string },
): Promise<{ row: CaseRow; opened: boolean }> {
  const latest = await caseOfLatestWithdrawal(trx, c.associationId);
  if (latest) return { row: latest, opened: false };
  return withdrawalCaseFor(trx, deps, c);
}
