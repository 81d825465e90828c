import type { Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { Clock } from '../clock';
import type { ReminderPolicy } from '../reminders/reminders.policy';
import { createReminder } from '../reminders/reminders.service';
import { MatcherIndex, type MatchQuery } from './matcher';
import type { WatchlistEntryRow } from './watchlist.table';

/**
 * Continuous monitoring (DOMAIN.md): when entries are added, the associations that currently have
 * support are matched against them at once, rather than at their next application. The search runs
 * the other way round — each new entry is looked up in an index of those associations (and their
 * representatives) — so one add costs one index build and a few searches, not a search per
 * association. A hit asks the coordinator to review that association's support.
 */
export async function monitorNewEntries(
  trx: Transaction<Database>,
  clock: Clock,
  policy: ReminderPolicy,
  actor: string,
  entries: WatchlistEntryRow[],
): Promise<{ associationId: string; entryId: string }[]> {
  if (entries.length === 0) return [];
  const supported = await trx
    .selectFrom('associations')
    .select(['id', 'name', 'aliases', 'org_number', 'representatives'])
    .where('support_status', '=', 'active')
    .execute();
  const index = new MatcherIndex();
  const owner = new Map<string, string>();
  for (const a of supported) {
    owner.set(`a:${a.id}`, a.id);
    index.add({
      id: `a:${a.id}`,
      subjectKind: 'organisation',
      name: a.name,
      aliases: a.aliases,
      orgNumber: a.org_number,
    });
    a.representatives.forEach((r, i) => {
      owner.set(`r:${a.id}:${i}`, a.id);
      index.add({
        id: `r:${a.id}:${i}`,
        subjectKind: 'person',
        name: r.name,
        aliases: [],
        personalNumber: r.personalNumber ?? null,
      });
    });
  }
  const found: { associationId: string; entryId: string }[] = [];
  for (const e of entries) {
    const seen = new Set<string>();
    const queries: MatchQuery[] = [e.name, ...e.aliases].map((name, i) => ({
      name,
      subjectKind: e.subject_kind,
      ...(i === 0 ? { orgNumber: e.org_number, personalNumber: e.personal_number } : {}),
    }));
    for (const q of queries) {
      for (const hit of index.search(q)) {
        const associationId = owner.get(hit.entryId)!;
        if (seen.has(associationId)) continue;
        seen.add(associationId);
        await createReminder(trx, clock, policy, {
          kind: 'review_support',
          associationId,
          watchlistEntryId: e.id,
          watchlistEntryVersion: e.version,
          actor,
        });
        found.push({ associationId, entryId: e.id });
      }
    }
  }
  return found;
}
