import { addDays, startOfSwedishDay } from '../clock';

// Period filters (from/to) on lists. A date means the whole Swedish calendar day (a decision taken at
// 00:30 belongs to that day, as its letter says); an instant means that moment.

/**
 * The last moment the schemas admit (end of year 9999). `to` is exclusive one step past what was
 * given, which for the very last day or instant would be year 10000: PostgreSQL's timestamp input
 * and JavaScript's date strings handle that year differently (PGlite refused it), so it is clamped.
 */
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** `to` as a date includes that whole day. */
export function rangeBound(value: string | undefined, bound: 'from' | 'to'): Date | undefined {
  if (value === undefined) return undefined;
  if (value.length === 10) {
    if (bound === 'to' && value >= '9999-12-31') return new Date(LATEST);
    return startOfSwedishDay(bound === 'to' ? addDays(value, 1) : value);
  }
  const d = new Date(value);
  return bound === 'to' ? new Date(Math.min(d.getTime() + 1, LATEST)) : d;
}
