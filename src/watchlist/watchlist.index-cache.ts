import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { VersionedReload } from '../db/versioned-reload';
import type {
  AssociationToScreen,
  ScreeningWatchlistHit,
  WatchlistPort,
  WatchlistScreen,
  WatchlistView,
} from '../screening/screening.watchlist-port';
import { MATCHER_VERSION, MatcherIndex, type MatchHit, type MatchQuery } from './matcher';
import { currentVersion, entriesChangedSince } from './watchlist.repository';
import type { WatchlistEntryRow } from './watchlist.table';

const LOAD_BATCH = 5000;

/**
 * The in-memory matcher index, kept equal to the database's active entries. Before each use it reads
 * the watchlist version (one indexed row); if another instance (or this one) changed the list, it
 * loads just the entries changed since. The database stays authoritative: this is a cache.
 */
export class WatchlistIndexCache implements WatchlistPort {
  private readonly index = new MatcherIndex();
  /** Review date of every indexed entry: an entry stops matching the day after it, sweep or not. */
  private readonly reviewBy = new Map<string, string>();
  private readonly reload = new VersionedReload(
    () => currentVersion(this.db),
    (from) => this.load(from),
  );

  constructor(private readonly db: Kysely<Database>) {}

  get size(): number {
    return this.index.size;
  }

  get version(): number {
    return this.reload.version;
  }

  async view(): Promise<WatchlistView> {
    await this.refresh();
    return {
      screenAssociation: (association, today) => this.screenAssociation(association, today),
    };
  }

  /** Brings the index up to the database's version; concurrent callers share one load. */
  refresh(latestKnown?: number): Promise<void> {
    return this.reload.refresh(latestKnown);
  }

  /** Applies the entries changed since version `from`; resolves to the version now indexed. */
  private async load(from: number): Promise<number> {
    // One snapshot for the version and the rows, so the index is exactly that version: nothing
    // half-committed, nothing from a later change mixed in.
    const loaded = await this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const version = await currentVersion(trx);
        let afterId: string | null = null;
        for (;;) {
          const rows: WatchlistEntryRow[] = await entriesChangedSince(trx, from, afterId, LOAD_BATCH);
          for (const row of rows) this.apply(row);
          if (rows.length < LOAD_BATCH) break;
          afterId = rows[rows.length - 1]!.id;
        }
        return version;
      });
    // The first search after many additions merges their postings; pay for it here, not in a request.
    this.index.search({ name: 'a' }, { limit: 1 });
    return loaded;
  }

  private apply(row: WatchlistEntryRow): void {
    if (row.status !== 'active') {
      this.index.remove(row.id);
      this.reviewBy.delete(row.id);
      return;
    }
    this.index.add({
      id: row.id,
      subjectKind: row.subject_kind,
      name: row.name,
      aliases: row.aliases,
      orgNumber: row.org_number,
      personalNumber: row.personal_number,
    });
    this.reviewBy.set(row.id, row.review_by);
  }

  /** Searches synchronously: the hits and the version they come from belong together. */
  search(query: MatchQuery, today: string, limit = 10): MatchHit[] {
    return this.index.search(query, { limit }).filter((h) => (this.reviewBy.get(h.entryId) ?? '') >= today);
  }

  /** Screens an association (numbers, names, representatives) against the index as it is now. */
  screenAssociation(a: AssociationToScreen, today: string): WatchlistScreen {
    const hits = new Map<string, ScreeningWatchlistHit>();
    const keep = (h: MatchHit, subject: ScreeningWatchlistHit['subject'], queryName: string) => {
      const prev = hits.get(h.entryId);
      if (prev && prev.score >= h.score) return;
      hits.set(h.entryId, {
        entryId: h.entryId,
        score: h.score,
        matchedName: h.matchedName,
        subject,
        idNumberMatch: h.explanation.idNumber?.matched === true,
        queryName,
        explanation: { ...h.explanation },
      });
    };
    // The association by its number and each of its names, against organisations.
    const [first, ...others] = [a.name, ...a.aliases];
    for (const h of this.search(
      { name: first, orgNumber: a.orgNumber, subjectKind: 'organisation' },
      today,
    )) {
      keep(h, 'association', first!);
    }
    for (const alias of others) {
      for (const h of this.search({ name: alias, subjectKind: 'organisation' }, today))
        keep(h, 'association', alias);
    }
    // Its representatives against persons: the criteria cover anyone representing the association.
    for (const r of a.representatives) {
      const q: MatchQuery = { name: r.name, personalNumber: r.personalNumber ?? null, subjectKind: 'person' };
      for (const h of this.search(q, today)) keep(h, 'representative', r.name);
    }
    return {
      hits: [...hits.values()].sort((x, y) => y.score - x.score || x.entryId.localeCompare(y.entryId)),
      watchlistVersion: this.reload.version,
      matcherVersion: MATCHER_VERSION,
    };
  }
}
