import type { Db } from '../db/database';
import type { AuthUser } from '../http/auth';
import { casesAwaitingApprovalByOthers, findCase } from './cases.repository';

// Need-to-know for watchlist hits (DOMAIN.md "Users"): coordinators keep the watchlist and
// investigators read everything; a case officer sees the hits of a screening only in a case they
// handle (assigned to them) or that is put before them to decide. Today that is a decision on the
// case awaiting approval which they could approve: one someone else made. When approval moves to a
// delegat (the delegation order), this is the one place to say so.

/** The cases among `caseIds` whose watchlist hits this user may see. */
export async function casesWithVisibleHits(
  db: Db,
  user: AuthUser,
  cases: readonly { id: string; assigned_to: string }[],
): Promise<Set<string>> {
  if (user.role === 'coordinator' || user.role === 'investigator') return new Set(cases.map((c) => c.id));
  if (user.role !== 'case_officer') return new Set();
  const visible = new Set(cases.filter((c) => c.assigned_to === user.id).map((c) => c.id));
  const others = cases.filter((c) => !visible.has(c.id)).map((c) => c.id);
  for (const id of await casesAwaitingApprovalByOthers(db, others, user.id)) visible.add(id);
  return visible;
}

/** Whether this user may see the watchlist hits of the case's screenings. */
export async function canSeeCaseHits(db: Db, user: AuthUser, caseId: string): Promise<boolean> {
  const c = await findCase(db, caseId);
  if (!c) return false;
  return (await casesWithVisibleHits(db, user, [c])).has(c.id);
}
