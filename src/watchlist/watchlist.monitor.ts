import type { Transaction } from 'kysely';
import type { Database, Db } from '../db/database';
import type { Clock } from '../clock';
import type { ReminderPolicy } from '../reminders/reminders.policy';
import { createReminder } from '../reminders/reminders.service';
import { MatcherIndex, type MatchQuery } from './matcher';
import type { SubjectKind } from './watchlist.table';
import type { TimeSlicer } from './watchlist.slices';

/** What monitoring needs of a new entry (before or after it is stored). */
export interface MonitoredEntry {
  id: string;
  subjectKind: SubjectKind;
  name: string;
  aliases: string[];
  orgNumber: string | null;
  personalNumber: string | null;
}

/** The associations that currently have support, and their representatives, as a matcher index. */
export interface SupportedIndex {
  index: MatcherIndex;
  /** Index entry id → association id. */
  owner: Map<string, string>;
}

/**
 * Continuous monitoring (DOMAIN.md): when entries are added, the associations that currently have
 * support are matched against them at once, rather than at their next application. The search runs
 * the other way round — each new entry is looked up in an index of those associations (and their
 * representatives) — so one add costs one index build and a few searches, not a search per
 * association. A large import builds the index once and reads it for every batch; given a slicer,
 * the build leaves the event loop a turn now and then.
 */
export async function loadSupported(db: Db, slicer?: TimeSlicer): Promise<SupportedIndex> {
  const supported = await db
    .selectFrom('associations')
    .select(['id', 'name', 'aliases', 'org_number', 'representatives'])
    .where('support_status', '=', 'active')
    .execute();
  const index = new MatcherIndex();
  const owner = new Map<string, string>();
  for (const a of supported) {
    if (slicer) await slicer.pause();
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
  index.flush();
  return { index, owner };
}

/** The associations each entry matches: pure matching, done before any transaction opens. */
export async function matchSupported(
  supported: SupportedIndex,
  entries: MonitoredEntry[],
  slicer?: TimeSlicer,
): Promise<{ associationId: string; entryId: string }[]> {
  const found: { associationId: string; entryId: string }[] = [];
  if (supported.owner.size === 0) return found;
  for (const e of entries) {
    if (slicer) await slicer.pause();
    const seen = new Set<string>();
    const queries: MatchQuery[] = [e.name, ...e.aliases].map((name, i) => ({
      name,
      subjectKind: e.subjectKind,
      ...(i === 0 ? { orgNumber: e.orgNumber, personalNumber: e.personalNumber } : {}),
    }));
    for (const q of queries) {
      for (const hit of supported.index.search(q)) {
        const associationId = supported.owner.get(hit.entryId)!;
        if (seen.has(associationId)) continue;
        seen.add(associationId);
        found.push({ associationId, entryId: e.id });
      }
    }
  }
  return found;
}

/** A hit asks the coordinator to review that association's support: one reminder per pair. */
export async function remindOfMatches(
  trx: Transaction<Database>,
  clock: Clock,
  policy: ReminderPolicy,
  actor: string,
  matches: { associationId: string; entryId: string }[],
  versionOf: (entryId: string) => number,
): Promise<void> {
  for (const m of matches) {
    await createReminder(trx, clock, policy, {
      kind: 'review_support',
      associationId: m.associationId,
      watchlistEntryId: m.entryId,
      watchlistEntryVersion: versionOf(m.entryId),
      actor,
    });
  }
}

/** Monitoring for entries added in `trx` (one entry from the API): build, match, remind. */
export async function monitorNewEntries(
  trx: Transaction<Database>,
  clock: Clock,
  policy: ReminderPolicy,
  actor: string,
  entries: Array<MonitoredEntry & { version: number }>,
): Promise<{ associationId: string; entryId: string }[]> {
  if (entries.length === 0) return [];
  const found = await matchSupported(await loadSupported(trx), entries);
  const versions = new Map(entries.map((e) => [e.id, e.version]));
  await remindOfMatches(trx, clock, policy, actor, found, (id) => versions.get(id)!);
  return found;
}
