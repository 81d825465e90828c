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

/** The calendar date (YYYY-MM-DD) of an instant in Sweden. */
export function isoDate(d: Date): string {
  return swedishDay.format(d);
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
