import type { FindingCategory } from '../../shared/finding-categories';
import type { Listing, ListingName, ListSource, SubjectKind } from '../watchlist.table';
import { WATCHLIST_LIMITS } from '../watchlist.limits';
import { XmlProblem } from './sources.xml';

// One listed person, group or entity as read from a list file, and what the watchlist makes of it.

export const SOURCE_LIMITS = {
  /** Entities in one file (the EU list holds about 5,000 today, the UN list about 1,000). */
  entities: 100_000,
  /** Names (all spellings and languages), identifiers and regulations kept per entity. */
  names: 1000,
  identifiers: 500,
  regulations: 500,
} as const;

export interface ListedEntity {
  source: ListSource;
  reference: string;
  subjectKind: SubjectKind;
  /** The name the matcher indexes first, and the other spellings it indexes (bounded). */
  name: string;
  aliases: string[];
  category: FindingCategory;
  reason: string;
  sourceText: string;
  listing: Listing;
}

/** What a parser hands over for each entity it has read in full. */
export type EntitySink = (entity: ListedEntity) => void;

export function bounded<T>(list: T[], item: T, max: number, what: string, reference: string): void {
  if (list.length >= max) {
    throw new XmlProblem(`entity ${reference} has more than ${max} ${what}`, 'list_entity_too_large');
  }
  list.push(item);
}

/**
 * The names the matcher indexes: the first usable name, then the others, each once, at most
 * WATCHLIST_LIMITS.aliases of them. A name longer than a name can be stays in the listing (for
 * the coordinator) but is not indexed. All names stay in `listing.names`.
 */
export function matchNames(names: ListingName[]): { name: string; aliases: string[] } | null {
  const seen = new Set<string>();
  const usable: string[] = [];
  for (const n of names) {
    const text = n.name.replace(/\s+/g, ' ').trim();
    const key = text.toLowerCase();
    if (text === '' || text.length > WATCHLIST_LIMITS.name || seen.has(key)) continue;
    seen.add(key);
    usable.push(text);
  }
  const [name, ...aliases] = usable;
  if (!name) return null;
  return { name, aliases: aliases.slice(0, WATCHLIST_LIMITS.aliases) };
}

/** Text fields of an entry (reason, source) kept within the watchlist's bounds. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A date as YYYY-MM-DD from the start of an ISO date or date-time, or null. */
export function isoDay(value: string | undefined): string | null {
  const day = value?.trim().slice(0, 10) ?? '';
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(day)) ? day : null;
}

/**
 * The finding category an entry records (DOMAIN.md: every entry rests on documented conduct, never
 * an opinion). Listings under a terrorism regime (the EU's own list under Regulation (EC) No
 * 2580/2001, the ISIL/Al-Qaida lists under (EC) No 881/2002 and (EU) 2016/1686, the UN's Al-Qaida
 * and Taliban regimes) rest on terrorist acts or their financing: supports_violent_extremism (VBE-1:
 * "enables"). Every other regime (human rights, undermining a state's territorial integrity,
 * proliferation, armed conflict) is imposed for grave breaches of international law and
 * fundamental rights: rights_violation, the broadest conduct category (DEM-1: "otherwise violates
 * someone's fundamental rights and freedoms"). The category informs; what a hit leads to is
 * decided by SANK-1, which rests on the listing itself, whatever the regime.
 */
export function categoryOf(terrorism: boolean): FindingCategory {
  return terrorism ? 'supports_violent_extremism' : 'rights_violation';
}
