// Time comes from here, never from `new Date()` in business code, so reminders, review dates and
// rule-set validity can be tested by moving the clock.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

// Dates people read (a decision's date, a reminder's due date) are calendar days in Sweden, not UTC:
// a decision taken at 00:30 Swedish time belongs to that day.
const swedishDay = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

let lastHour = NaN;
let lastDay = '';

/** The calendar date (YYYY-MM-DD) of an instant in Sweden. */
export function isoDate(d: Date): string {
  // Sweden's offset is whole hours, so the date is the same throughout a UTC hour: format once per
  // hour (Intl formatting is slow, and this is on every request's path).
  const hour = Math.floor(d.getTime() / 3_600_000);
  if (hour !== lastHour) {
    lastDay = swedishDay.format(d);
    lastHour = hour;
  }
  return lastDay;
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const offsetFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Stockholm',
  timeZoneName: 'longOffset',
});

/** Minutes Sweden is ahead of UTC at an instant (60 in winter, 120 in summer). */
function swedishOffsetMinutes(at: Date): number {
  const name = offsetFormat.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The instant a Swedish calendar day (YYYY-MM-DD) begins. */
export function startOfSwedishDay(date: string): Date {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  // The offset at local midnight is the one a little after it (DST changes happen at 02:00/03:00).
  const offset = swedishOffsetMinutes(new Date(utcMidnight.getTime() - 60 * 60_000));
  return new Date(utcMidnight.getTime() - offset * 60_000);
}
