import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Db } from '../db/database';
import { isoDate, type Clock } from '../clock';
import { appendAudit } from '../audit/audit.service';
import { findAssociation } from '../associations/associations.repository';
import { NotFoundError, ValidationError } from '../http/errors';
import type { Config } from '../config';
import { openCase } from '../cases/cases.service';
import { checkDates, type DateCheck } from '../http/date-bounds';
import { findApplication, findingsOf, insertApplication, insertFinding } from './applications.repository';
import type { ApplicationRow, FindingRow } from './applications.table';
import type { Application, CreateApplicationInput, Finding, FindingInput } from './applications.schemas';

export function toFinding(row: FindingRow): Finding {
  return {
    id: row.id,
    applicationId: row.application_id,
    category: row.category,
    description: row.description,
    source: row.source,
    occurredOn: row.occurred_on,
    verified: row.verified,
    actingForAssociation: row.acting_for_association,
    mitigation: row.mitigation,
    lawfulSingleSexActivity: row.lawful_single_sex_activity,
    secrecy: row.secrecy_provision === null ? null : { provision: row.secrecy_provision },
    recordedBy: row.recorded_by,
    createdAt: row.created_at.toISOString(),
  };
}

export function toApplication(row: ApplicationRow, findings: FindingRow[]): Application {
  return {
    id: row.id,
    caseNumber: row.case_number,
    assignedTo: row.assigned_to,
    kind: row.kind,
    associationId: row.association_id,
    grant: row.grant,
    premises: row.premises,
    statutes: row.statutes,
    declaration: row.declaration,
    findings: findings.map(toFinding),
    status: row.status,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Conduct cannot be documented before it happened. */
const findingDates = (findings: FindingInput[], path: (i: number) => string): DateCheck[] =>
  findings.map((f, i) => ({ path: path(i), value: f.occurredOn, rule: 'happened' }));

/** A declaration is signed on a day that has come; a booking and a grant period lie near today. */
function applicationDates(input: CreateApplicationInput): DateCheck[] {
  return [
    { path: 'body.declaration.signedOn', value: input.declaration.signedOn, rule: 'happened' },
    { path: 'body.grant.periodFrom', value: input.grant?.periodFrom, rule: 'planned' },
    { path: 'body.grant.periodTo', value: input.grant?.periodTo, rule: 'planned' },
    { path: 'body.premises.from', value: input.premises?.from, rule: 'planned' },
    { path: 'body.premises.to', value: input.premises?.to, rule: 'planned' },
    ...findingDates(input.findings, (i) => `body.findings.${i}.occurredOn`),
  ];
}

/**
 * An application arrives and is a case at once: with the diarienummer the registry system gave, or
 * one from CASE_NUMBER_FORMAT, handled by the officer who took it in until someone reassigns it.
 */
export async function receiveApplication(
  deps: { db: Kysely<Database>; clock: Clock; config: Pick<Config, 'CASE_NUMBER_FORMAT'> },
  actor: string,
  input: CreateApplicationInput,
): Promise<Application> {
  const { db, clock } = deps;
  checkDates(isoDate(clock.now()), applicationDates(input));
  return db.transaction().execute(async (trx) => {
    if (!(await findAssociation(trx, input.associationId))) {
      throw new ValidationError('Request validation failed', [
        {
          path: 'body.associationId',
          code: 'association_unknown',
          message: 'no association with this id is registered',
        },
      ]);
    }
    const now = clock.now();
    const inserted = await insertApplication(trx, { id: randomUUID(), input, createdBy: actor, now });
    const c = await openCase(trx, deps, {
      kind: 'application',
      associationId: input.associationId,
      applicationId: inserted.id,
      caseNumber: input.caseNumber,
      actor,
    });
    const row = { ...inserted, case_id: c.id, case_number: c.case_number, assigned_to: c.assigned_to };
    const findings: FindingRow[] = [];
    for (const f of input.findings) {
      findings.push(
        await insertFinding(trx, {
          id: randomUUID(),
          applicationId: row.id,
          input: f,
          recordedBy: actor,
          now,
        }),
      );
    }
    const application = toApplication(row, findings);
    await appendAudit(trx, clock, {
      actor,
      action: 'application.received',
      entityType: 'application',
      entityId: row.id,
      details: { application },
    });
    return application;
  });
}

export async function addFinding(
  db: Kysely<Database>,
  clock: Clock,
  actor: string,
  applicationId: string,
  input: FindingInput,
): Promise<Finding> {
  checkDates(
    isoDate(clock.now()),
    findingDates([input], () => 'body.occurredOn'),
  );
  return db.transaction().execute(async (trx) => {
    if (!(await findApplication(trx, applicationId))) throw new NotFoundError('Application');
    const row = await insertFinding(trx, {
      id: randomUUID(),
      applicationId,
      input,
      recordedBy: actor,
      now: clock.now(),
    });
    const finding = toFinding(row);
    await appendAudit(trx, clock, {
      actor,
      action: 'finding.recorded',
      entityType: 'application',
      entityId: applicationId,
      details: { finding },
    });
    return finding;
  });
}

export async function loadApplication(db: Db, id: string): Promise<Application> {
  const row = await findApplication(db, id);
  if (!row) throw new NotFoundError('Application');
  return toApplication(row, await findingsOf(db, id));
}
