import { addDays, startOfSwedishDay } from '../clock';

// Period filters (from/to) on lists. A date means the whole Swedish calendar day (a decision taken at
// 00:30 belongs to that day, as its letter says); an instant means that moment.

/** `to` as a date includes that whole day. */
export function rangeBound(value: string | undefined, bound: 'from' | 'to'): Date | undefined {
  if (value === undefined) return undefined;
  if (value.length === 10) return startOfSwedishDay(bound === 'to' ? addDays(value, 1) : value);
  const d = new Date(value);
  return bound === 'to' ? new Date(d.getTime() + 1) : d;
}
