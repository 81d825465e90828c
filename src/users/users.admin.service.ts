import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { appendAudit } from '../audit/audit.service';
import { forgetResolvedTokens } from '../http/auth';
import { ConflictError, NotFoundError } from '../http/errors';
import { deleteSessionsOf, listUsers, lockActiveAdminIds, lockUser, updateUser } from './users.repository';
import { hashToken, newToken } from './tokens';
import type { Role, UserRow } from './users.table';
import type { UserView } from './users.admin.schemas';

// An admin's work on users: each step one transaction with its audit event. Whatever takes access
// away (deactivation, a new token, another role) also empties this process's cache of resolved
// tokens after the commit, so the next request is refused or served as the new role at once.

export interface UsersAdminDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    status: row.active ? 'active' : 'deactivated',
    signIn: row.oidc_subject ? 'oidc' : 'token',
    lastSignInAt: row.last_sign_in_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listUserViews(deps: UsersAdminDeps): Promise<{ items: UserView[] }> {
  return { items: (await listUsers(deps.db)).map(toUserView) };
}

const LAST_ADMIN = 'The last active admin cannot be deactivated or given another role';

/** Refuses a change that would leave no active admin; the admins stay locked until the commit. */
async function keepAnAdmin(trx: Transaction<Database>, user: UserRow): Promise<void> {
  if (user.role !== 'admin' || !user.active) return;
  const admins = await lockActiveAdminIds(trx);
  if (admins.length <= 1) throw new ConflictError(LAST_ADMIN, { code: 'last_admin' });
}

async function change<T>(
  deps: UsersAdminDeps,
  id: string,
  work: (trx: Transaction<Database>, user: UserRow) => Promise<T>,
): Promise<T> {
  const result = await deps.db.transaction().execute(async (trx) => {
    // Admins first, then the user, always in that order, so two changes never wait on each other.
    await lockActiveAdminIds(trx);
    const user = await lockUser(trx, id);
    if (!user) throw new NotFoundError('User');
    return work(trx, user);
  });
  forgetResolvedTokens(id);
  return result;
}

export function deactivateUser(deps: UsersAdminDeps, actor: string, id: string): Promise<UserView> {
  return change(deps, id, async (trx, user) => {
    if (!user.active) return toUserView(user);
    await keepAnAdmin(trx, user);
    const row = await updateUser(trx, id, { active: false });
    const sessionsEnded = await deleteSessionsOf(trx, id);
    await appendAudit(trx, deps.clock, {
      actor,
      action: 'user.deactivated',
      entityType: 'user',
      entityId: id,
      details: { role: user.role, sessionsEnded },
    });
    return toUserView(row);
  });
}

export function reactivateUser(deps: UsersAdminDeps, actor: string, id: string): Promise<UserView> {
  return change(deps, id, async (trx, user) => {
    if (user.active) return toUserView(user);
    const row = await updateUser(trx, id, { active: true });
    await appendAudit(trx, deps.clock, {
      actor,
      action: 'user.reactivated',
      entityType: 'user',
      entityId: id,
      details: { role: user.role },
    });
    return toUserView(row);
  });
}

export function changeRole(deps: UsersAdminDeps, actor: string, id: string, role: Role): Promise<UserView> {
  return change(deps, id, async (trx, user) => {
    if (user.role === role) return toUserView(user);
    await keepAnAdmin(trx, user);
    const row = await updateUser(trx, id, { role });
    await appendAudit(trx, deps.clock, {
      actor,
      action: 'user.role_changed',
      entityType: 'user',
      entityId: id,
      details: { from: user.role, to: role },
    });
    return toUserView(row);
  });
}

/** A new token, shown this once; the old one and every page session stop working with the commit. */
export function rotateToken(
  deps: UsersAdminDeps,
  actor: string,
  id: string,
): Promise<{ id: string; name: string; role: Role; token: string }> {
  return change(deps, id, async (trx, user) => {
    const token = newToken();
    await updateUser(trx, id, { tokenHash: hashToken(token) });
    // A page session was opened with the old token, perhaps by whoever leaked it: it ends too.
    const sessionsEnded = await deleteSessionsOf(trx, id);
    await appendAudit(trx, deps.clock, {
      actor,
      action: 'user.token_rotated',
      entityType: 'user',
      entityId: id,
      details: { sessionsEnded },
    });
    return { id, name: user.name, role: user.role, token };
  });
}
