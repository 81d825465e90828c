import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Clock } from '../clock';
import { isoDate } from '../clock';
import { appendAudit } from '../audit/audit.service';
import { ConflictError, NotFoundError, invalidField } from '../http/errors';
import { findAssociation, findAssociationByOrgNumber, insertAssociation } from './associations.repository';
import type { AssociationRow } from './associations.table';
import type { Association, CreateAssociationInput } from './associations.schemas';

export function toAssociation(row: AssociationRow): Association {
  return {
    id: row.id,
    orgNumber: row.org_number,
    name: row.name,
    aliases: row.aliases,
    registeredOn: row.registered_on,
    representatives: row.representatives,
    supportStatus: row.support_status,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function registerAssociation(
  db: Kysely<Database>,
  clock: Clock,
  actor: string,
  input: CreateAssociationInput,
): Promise<Association> {
  if (input.registeredOn && input.registeredOn > isoDate(clock.now())) {
    throw invalidField('body.registeredOn', 'date_in_future', 'must not be in the future');
  }
  return db.transaction().execute(async (trx) => {
    if (await findAssociationByOrgNumber(trx, input.orgNumber)) {
      throw new ConflictError(
        `An association with organisationsnummer ${input.orgNumber} is already registered`,
        { code: 'association_registered', params: { orgNumber: input.orgNumber } },
      );
    }
    const row = await insertAssociation(trx, {
      id: randomUUID(),
      orgNumber: input.orgNumber,
      name: input.name,
      aliases: input.aliases,
      registeredOn: input.registeredOn ?? null,
      representatives: input.representatives,
      supportStatus: 'active',
      now: clock.now(),
    });
    const association = toAssociation(row);
    await appendAudit(trx, clock, {
      actor,
      action: 'association.registered',
      entityType: 'association',
      entityId: row.id,
      details: {
        orgNumber: association.orgNumber,
        name: association.name,
        aliases: association.aliases,
        registeredOn: association.registeredOn,
        representatives: association.representatives,
      },
    });
    return association;
  });
}

export async function getAssociation(db: Kysely<Database>, id: string): Promise<Association> {
  const row = await findAssociation(db, id);
  if (!row) throw new NotFoundError('Association');
  return toAssociation(row);
}

export async function getAssociationByOrgNumber(
  db: Kysely<Database>,
  orgNumber: string,
): Promise<Association> {
  const row = await findAssociationByOrgNumber(db, orgNumber);
  if (!row) throw new NotFoundError('Association');
  return toAssociation(row);
}
