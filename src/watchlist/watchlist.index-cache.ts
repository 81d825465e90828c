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
import { currentVersion, entriesChangedAfter } from './watchlist.repository';
import { TimeSlicer } from './watchlist.slices';
import { matcherDuration } from '../metrics/metrics.registry';
import type { ListSource, WatchlistEntryRow } from './watchlist.table';

/** Rows read per statement while loading. */
const LOAD_PAGE = 2000;
/** Postings merged once this many are waiting, so no single merge is long. */
const FLUSH_POSTINGS = 1 << 16;
/** A list entry has no review date: it stays live while the list holds it. */
const WHILE_LISTED = '9999-12-31';

function matchable(row: WatchlistEntryRow) {
  return {
    id: row.id,
    subjectKind: row.subject_kind,
    name: row.name,
    aliases: row.aliases,
    orgNumber: row.org_number,
    personalNumber: row.personal_number,
  };
}

/** What a hit on a sanctions-list entry carries for the coordinator (SANK-1). */
export interface SanctionsListing {
  list: ListSource;
  reference: string;
  programmes: string[];
  regulations: string[];
}

function sanctionsOf(row: WatchlistEntryRow): SanctionsListing | null {
  if (!row.list_source || !row.listing) return null;
  return {
    list: row.list_source,
    reference: row.listing.euReferenceNumber ?? row.listing.unReferenceNumber ?? row.listing.reference,
    programmes: row.listing.programmes,
    regulations: row.listing.regulations.map((r) => r.title),
  };
}

/**
 * The in-memory matcher index, kept equal to the database's active entries. Before each use it reads
 * the watchlist version (one indexed row); if another instance (or this one) changed the list, it
 * loads just the entries changed since. The database stays authoritative: this is a cache.
 *
 * Loading never holds the event loop or the database for long (issue 14 point 2): changed rows are
 * read a page per statement, outside any transaction, and applied a slice of milliseconds at a time.
 * New entries go in hidden and retired ones stay visible until the end of the load, when one
 * synchronous step shows the whole change at once: a search never sees half a load, and the hits it
 * returns and the version it reports belong together. (While a load runs, the not-yet-shown entries
 * already count in the index's word frequencies, so a score can differ in its third decimal from
 * what the same search gives a moment later.)
 */
export class WatchlistIndexCache implements WatchlistPort {
  private readonly index = new MatcherIndex();
  /** Review date of every indexed entry: an entry stops matching the day after it, sweep or not. */
  private readonly reviewBy = new Map<string, string>();
  /** The sanctions listing of every indexed list entry, so a hit can name its regulation. */
  private readonly listed = new Map<string, SanctionsListing>();
  private readonly reload = new VersionedReload(
    () => currentVersion(this.db),
    (from) => this.load(from),
  );
  /** The version searches see; set in the same step that shows a load's changes. */
  private shown = -1;

  constructor(private readonly db: Kysely<Database>) {}

  get size(): number {
    return this.index.size;
  }

  get version(): number {
    return this.shown;
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
    // Everything committed up to `start` is in the pages read below; later commits sort after them.
    const start = await currentVersion(this.db);
    const slicer = new TimeSlicer();
    // The embedded database runs a statement on this thread: a turn after each one keeps them apart.
    const staged = new Set<string>();
    const retired: string[] = [];
    const reviewBy = new Map<string, string>();
    const changed = new Map<string, WatchlistEntryRow>();
    let latest = from;
    let after: { version: number; id: string } | null = null;
    for (;;) {
      const rows: WatchlistEntryRow[] = await entriesChangedAfter(this.db, from, after, LOAD_PAGE);
      await slicer.yield();
      for (const row of rows) {
        if (slicer.due) await slicer.yield();
        this.stage(row, staged, retired, reviewBy, changed);
        latest = Math.max(latest, Number(row.version));
        if (this.index.pendingPostings > FLUSH_POSTINGS) this.index.flush();
      }
      if (rows.length < LOAD_PAGE) break;
      const last = rows[rows.length - 1]!;
      after = { version: Number(last.version), id: last.id };
    }
    this.index.flush();
    if (slicer.due) await slicer.yield();

    const listings = new Map<string, SanctionsListing>();
    for (const id of staged) this.noteListing(id, listings);
    for (const row of changed.values()) {
      const listing = sanctionsOf(row);
      if (listing) listings.set(row.id, listing);
    }

    // Show the whole change in one step.
    for (const id of retired) this.index.hide(id);
    for (const id of staged) this.index.reveal(id);
    // An indexed entry whose names a newer list file changed: re-indexed in this same step (few).
    for (const row of changed.values()) this.index.add(matchable(row));
    for (const [id, day] of reviewBy) this.reviewBy.set(id, day);
    for (const id of retired) this.listed.delete(id);
    for (const [id, listing] of listings) this.listed.set(id, listing);
    const version = Math.max(start, latest);
    this.shown = version;

    // Then free what was retired, hidden already.
    for (const id of retired) {
      if (slicer.due) await slicer.yield();
      this.index.remove(id);
      this.reviewBy.delete(id);
    }
    return version;
  }

  /** One changed row, not yet visible to searches. */
  private stage(
    row: WatchlistEntryRow,
    staged: Set<string>,
    retired: string[],
    reviewBy: Map<string, string>,
    changed: Map<string, WatchlistEntryRow>,
  ) {
    if (row.status !== 'active') {
      reviewBy.delete(row.id);
      changed.delete(row.id);
      this.stagedRows.delete(row.id);
      if (staged.delete(row.id))
        this.index.remove(row.id); // added and retired within this load
      else if (this.reviewBy.has(row.id)) retired.push(row.id);
      return;
    }
    reviewBy.set(row.id, row.review_by ?? WHILE_LISTED);
    // An entry kept by hand never changes its names (only its status and review date). A list
    // entry does when a newer file spells it otherwise: it is indexed anew when the load is shown.
    if (this.reviewBy.has(row.id)) {
      if (row.list_source) changed.set(row.id, row);
      return;
    }
    if (staged.has(row.id)) {
      if (row.list_source) {
        this.index.add(matchable(row), { hidden: true });
        this.stagedRows.set(row.id, row);
      }
      return;
    }
    this.index.add(matchable(row), { hidden: true });
    if (row.list_source) this.stagedRows.set(row.id, row);
    staged.add(row.id);
  }

  /** Rows of list entries staged in the running load, for their listing when it is shown. */
  private readonly stagedRows = new Map<string, WatchlistEntryRow>();

  private noteListing(id: string, into: Map<string, SanctionsListing>): void {
    const row = this.stagedRows.get(id);
    if (!row) return;
    this.stagedRows.delete(id);
    const listing = sanctionsOf(row);
    if (listing) into.set(id, listing);
  }

  /** The sanctions listing of an indexed entry, if it comes from a list. */
  listingOf(entryId: string): SanctionsListing | undefined {
    return this.listed.get(entryId);
  }

  /**
   * Searches synchronously: the hits and the version they come from belong together. Entries past
   * their review date are left out before the limit is applied, so they never take the place of a
   * live entry (issue 13 point 5).
   */
  search(query: MatchQuery, today: string, limit = 10): MatchHit[] {
    const live = (entryId: string): boolean => (this.reviewBy.get(entryId) ?? '') >= today;
    const end = matcherDuration.startTimer();
    try {
      return this.index.search(query, { limit, accept: live });
    } finally {
      end();
    }
  }

  /** Screens an association (numbers, names, representatives) against the index as it is now. */
  screenAssociation(a: AssociationToScreen, today: string): WatchlistScreen {
    const hits = new Map<string, ScreeningWatchlistHit>();
    const keep = (h: MatchHit, subject: ScreeningWatchlistHit['subject'], queryName: string) => {
      const prev = hits.get(h.entryId);
      if (prev && prev.score >= h.score) return;
      const listing = this.listed.get(h.entryId);
      hits.set(h.entryId, {
        entryId: h.entryId,
        score: h.score,
        matchedName: h.matchedName,
        subject,
        idNumberMatch: h.explanation.idNumber?.matched === true,
        ...(listing && { sanctionsList: listing.list, sanctions: listing }),
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
      watchlistVersion: this.shown,
      matcherVersion: MATCHER_VERSION,
    };
  }
}
