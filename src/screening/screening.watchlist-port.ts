import type { WatchlistHitFact } from './screening.facts';
import type { ListSource } from '../watchlist/watchlist.table';

// What screening needs from the watchlist, and nothing more. The watchlist area implements it; tests
// may pass their own.

/** A hit as stored with a screening and shown to the case officer: the fact plus its explanation. */
export interface ScreeningWatchlistHit extends WatchlistHitFact {
  /** Which name was screened: the association's name or alias, or a representative's name. */
  queryName: string;
  explanation: Record<string, unknown>;
  /** For a hit on a sanctions-list entry: the list, its reference, programmes and regulations. */
  sanctions?: { list: ListSource; reference: string; programmes: string[]; regulations: string[] };
}

export interface AssociationToScreen {
  name: string;
  aliases: string[];
  orgNumber: string;
  representatives: { name: string; role: string; personalNumber?: string | null }[];
}

/** What a screening saw: the hits, and the versions of the watchlist and the matcher that found them. */
export interface WatchlistScreen {
  hits: ScreeningWatchlistHit[];
  watchlistVersion: number;
  matcherVersion: string;
}

/** The watchlist in memory: searching it is synchronous, touches no database, and sees one version. */
export interface WatchlistView {
  screenAssociation(association: AssociationToScreen, today: string): WatchlistScreen;
}

export interface WatchlistPort {
  /** The current watchlist, refreshed from the database if another instance changed it. */
  view(): Promise<WatchlistView>;
}
