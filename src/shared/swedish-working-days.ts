// Swedish working days: Monday to Friday, except the public holidays (lag (1989:253) om allmänna
// helgdagar) and the eves that offices treat as holidays (midsommarafton, julafton, nyårsafton).
// Dates are plain YYYY-MM-DD strings, as in calendar-date.ts: no time zone enters the arithmetic.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function ymd(year: number, month: number, day: number): string {
  return fromUtc(Date.UTC(year, month - 1, day));
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher"). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

/** The first date on or after `from` (within the next week) that falls on `weekday` (0 = Sunday). */
function firstWeekdayFrom(from: string, weekday: number): string {
  const ms = toUtc(from);
  const offset = (weekday - new Date(ms).getUTCDay() + 7) % 7;
  return fromUtc(ms + offset * DAY_MS);
}

const shift = (date: string, days: number) => fromUtc(toUtc(date) + days * DAY_MS);

/**
 * The days of a year on which Swedish offices are closed besides weekends, with their names. The
 * Sunday and Saturday holidays (påskdagen, pingstdagen, midsommardagen, alla helgons dag) are listed
 * too, so the list is the whole calendar, though a weekend closes them anyway.
 */
export function swedishHolidays(year: number): ReadonlyMap<string, string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const days: [string, string][] = [
    [ymd(year, 1, 1), 'nyårsdagen'],
    [ymd(year, 1, 6), 'trettondedag jul'],
    [shift(easter, -2), 'långfredagen'],
    [easter, 'påskdagen'],
    [shift(easter, 1), 'annandag påsk'],
    [ymd(year, 5, 1), 'första maj'],
    [shift(easter, 39), 'Kristi himmelsfärdsdag'],
    [shift(easter, 49), 'pingstdagen'],
    [ymd(year, 6, 6), 'Sveriges nationaldag'],
    // Midsommardagen is the Saturday between 20 and 26 June; its eve, the Friday before, is a
    // holiday in practice (offices are closed), so a deadline never falls on it.
    [firstWeekdayFrom(ymd(year, 6, 19), 5), 'midsommarafton'],
    [firstWeekdayFrom(ymd(year, 6, 20), 6), 'midsommardagen'],
    [firstWeekdayFrom(ymd(year, 10, 31), 6), 'alla helgons dag'],
    [ymd(year, 12, 24), 'julafton'],
    [ymd(year, 12, 25), 'juldagen'],
    [ymd(year, 12, 26), 'annandag jul'],
    [ymd(year, 12, 31), 'nyårsafton'],
  ];
  const map = new Map(days);
  holidayCache.set(year, map);
  return map;
}

// A year's holidays are computed once: the premises check asks on its hot path.
const holidayCache = new Map<number, ReadonlyMap<string, string>>();
// The same, as day numbers (days since 1970-01-01), for the loop below.
const holidayDayCache = new Map<number, ReadonlySet<number>>();

function holidayDays(year: number): ReadonlySet<number> {
  let days = holidayDayCache.get(year);
  if (!days) {
    days = new Set([...swedishHolidays(year).keys()].map((d) => toUtc(d) / DAY_MS));
    holidayDayCache.set(year, days);
  }
  return days;
}

/** Whether a day number (days since 1970-01-01, a Thursday) is a working day. */
function isWorkingDayNumber(day: number): boolean {
  const weekday = (day + 4) % 7; // 0 = Sunday
  if (weekday === 0 || weekday === 6) return false;
  return !holidayDays(new Date(day * DAY_MS).getUTCFullYear()).has(day);
}

/** Whether offices are open: not a Saturday, Sunday, public holiday or holiday eve. */
export function isSwedishWorkingDay(date: string): boolean {
  return isWorkingDayNumber(toUtc(date) / DAY_MS);
}

/**
 * The `days`-th working day after `date` (the day itself does not count, working day or not):
 * from Thursday 2026-11-26, two working days is Monday 2026-11-30.
 */
export function addSwedishWorkingDays(date: string, days: number): string {
  if (!Number.isInteger(days) || days < 0) throw new Error(`not a whole number of days: ${days}`);
  let day = toUtc(date) / DAY_MS;
  let left = days;
  while (left > 0) {
    day += 1;
    if (isWorkingDayNumber(day)) left -= 1;
  }
  return fromUtc(day * DAY_MS);
}
