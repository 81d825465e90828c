// Calendar dates as plain YYYY-MM-DD strings: no time zones, so the same snapshot gives the same
// answer on every machine and in every year it is replayed.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Whole years from `from` to `to` (negative when `to` is earlier). A year counted from 29 February
 * ends on 28 February in a common year, as Swedish period computation does.
 */
export function wholeYearsBetween(from: string, to: string): number {
  if (to < from) return -wholeYearsBetween(to, from) || 0; // || 0: no negative zero in stored JSON or comparisons
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  const anniversaryDay = fm === 2 && fd === 29 && !isLeapYear(ty) ? 28 : fd;
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < anniversaryDay)) years -= 1;
  return years;
}

/** The same day `years` later (or earlier); 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = parts(date);
  const year = y + years;
  const day = m === 2 && d === 29 && !isLeapYear(year) ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
