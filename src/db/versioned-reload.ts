/**
 * Keeps an in-memory copy current with a version counter in the database: reloads only when the
 * database is ahead of the copy, and concurrent callers share one reload instead of each starting
 * their own. Used by the in-memory indexes (watchlist, withdrawn associations) that several service
 * instances keep over one database.
 */
export class VersionedReload {
  private loaded = -1;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly readVersion: () => Promise<number>,
    /** Brings the copy up from version `from` (-1: empty); resolves to the version it now holds. */
    private readonly reload: (from: number) => Promise<number>,
  ) {}

  /** The version the copy holds; -1 before the first load. */
  get version(): number {
    return this.loaded;
  }

  /** A caller that read the version already (with other data, in one round trip) passes it in. */
  async refresh(latestKnown?: number): Promise<void> {
    const latest = latestKnown ?? (await this.readVersion());
    while (this.loaded < latest) {
      this.pending ??= this.reload(this.loaded)
        .then((version) => {
          this.loaded = version;
        })
        .finally(() => {
          this.pending = undefined;
        });
      await this.pending;
    }
  }
}
