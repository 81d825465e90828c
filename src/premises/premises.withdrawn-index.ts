import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { VersionedReload } from '../db/versioned-reload';
import { MatcherIndex, REFER_THRESHOLD } from '../watchlist/matcher';
import { supportVersion, withdrawnAssociations } from './premises.repository';

/**
 * The associations whose support is withdrawn, in a matcher index, so the booking desk's check finds
 * one by an alias, a misspelling or extra words as the watchlist would, not only by its exact name or
 * number. A cache of the database: rebuilt whole (the withdrawn are few) when the support version,
 * which a trigger bumps on every change of support, is newer than the one it was built from.
 */
export class WithdrawnIndexCache {
  private index = new MatcherIndex();
  private readonly reload = new VersionedReload(
    () => supportVersion(this.db),
    () => this.load(),
  );

  constructor(private readonly db: Kysely<Database>) {}

  get size(): number {
    return this.index.size;
  }

  get version(): number {
    return this.reload.version;
  }

  /** Brings the index up to the database's version; concurrent callers share one rebuild. */
  refresh(latestKnown?: number): Promise<void> {
    // The premises check reads the version with its other data (one round trip) and passes it in.
    return this.reload.refresh(latestKnown);
  }

  /** Rebuilds the index whole (the withdrawn are few); resolves to the version it was built from. */
  private async load(): Promise<number> {
    const { version, associations } = await withdrawnAssociations(this.db);
    // Built aside and swapped in: a search never sees a half-built index.
    const index = new MatcherIndex();
    for (const a of associations) {
      index.add({
        id: a.id,
        subjectKind: 'organisation',
        name: a.name,
        aliases: a.aliases,
        orgNumber: a.org_number,
      });
    }
    this.index = index;
    return version;
  }

  /** Ids of the withdrawn associations the name or number may mean, at the watchlist's refer threshold. */
  search(query: { name: string; orgNumber: string | null }): string[] {
    // Usually nobody is withdrawn: skip normalising the name on the hot path for an empty index.
    if (this.index.size === 0) return [];
    return this.index
      .search({ ...query, subjectKind: 'organisation' }, { minScore: REFER_THRESHOLD })
      .map((h) => h.entryId);
  }
}
