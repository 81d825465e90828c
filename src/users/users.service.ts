import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { Clock } from '../clock';
import { appendAudit } from '../audit/audit.service';
import { countActiveAdmins, findActiveUserByTokenHash, insertUser } from './users.repository';
import { hashToken, newToken } from './tokens';
import type { Role } from './users.table';

export interface CreatedUser {
  id: string;
  name: string;
  role: Role;
  /** Shown once; only its hash is stored. */
  token: string;
}

export async function createUser(
  db: Kysely<Database>,
  clock: Clock,
  actor: string,
  input: { name: string; role: Role },
): Promise<CreatedUser> {
  const token = newToken();
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await insertUser(trx, {
      id,
      name: input.name,
      role: input.role,
      tokenHash: hashToken(token),
      createdAt: clock.now(),
    });
    await appendAudit(trx, clock, {
      actor,
      action: 'user.created',
      entityType: 'user',
      entityId: id,
      details: { name: input.name, role: input.role },
    });
  });
  return { id, name: input.name, role: input.role, token };
}

/**
 * The first admin. With ADMIN_TOKEN set, that token is made an admin token (idempotent across
 * restarts). Without it, a token is generated only when no admin exists yet, and returned so the
 * caller can print it once.
 */
export async function bootstrapAdmin(
  db: Kysely<Database>,
  clock: Clock,
  adminToken: string | undefined,
): Promise<{ generatedToken?: string }> {
  return db.transaction().execute(async (trx) => {
    if (adminToken) {
      const tokenHash = hashToken(adminToken);
      if (await findActiveUserByTokenHash(trx, tokenHash)) return {};
      await addAdmin(trx, clock, tokenHash, 'ADMIN_TOKEN');
      return {};
    }
    if ((await countActiveAdmins(trx)) > 0) return {};
    const token = newToken();
    await addAdmin(trx, clock, hashToken(token), 'generated on first start');
    return { generatedToken: token };
  });
}

async function addAdmin(trx: Transaction<Database>, clock: Clock, tokenHash: string, how: string) {
  const id = randomUUID();
  await insertUser(trx, { id, name: 'Systemförvaltare', role: 'admin', tokenHash, createdAt: clock.now() });
  await appendAudit(trx, clock, {
    actor: 'system',
    action: 'user.bootstrapped',
    entityType: 'user',
    entityId: id,
    details: { role: 'admin', how },
  });
}
