// How large a watchlist entry may be, in one place for every way an entry comes in: the API, the
// CSV import, the pages (which call the API) and any list source. Issue 14 point 1: the import once
// took aliases of any length, and one line of 2,000 characters stopped the service. The matcher
// bounds its own work as well (src/watchlist/matcher/matcher.constants.ts); these limits keep
// entries to what a name is.
export const WATCHLIST_LIMITS = {
  /** Characters in the name, and in each alias. */
  name: 300,
  /** Aliases per entry. Sanctions-list entries carry a few dozen spellings; none needs more. */
  aliases: 50,
  /** Characters in the reason and in the source. */
  reason: 1000,
  source: 1000,
} as const;

/**
 * The CSV import's English messages for those limits; the line's details carry them as codes
 * (`too_long` / `too_many` with `max`), which the pages translate.
 */
export const LIMIT_MESSAGES = {
  name: `name is longer than ${WATCHLIST_LIMITS.name} characters`,
  alias: `an alias is longer than ${WATCHLIST_LIMITS.name} characters`,
  aliases: `more than ${WATCHLIST_LIMITS.aliases} aliases`,
  reason: `reason is longer than ${WATCHLIST_LIMITS.reason} characters`,
  source: `source is longer than ${WATCHLIST_LIMITS.source} characters`,
} as const;
