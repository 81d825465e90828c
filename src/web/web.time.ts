// Instants as people in Sweden read and type them: Stockholm time, whatever the server's zone.

const ZONE = 'Europe/Stockholm';

const dateTimeFmt = new Intl.DateTimeFormat('sv-SE', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** "2026-11-26 10:00" in Stockholm time. */
export function formatInstant(iso: unknown): string {
  if (typeof iso !== 'string' && !(iso instanceof Date)) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : dateTimeFmt.format(d);
}

const partsFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Minutes Stockholm is ahead of UTC at an instant (60 in winter, 120 in summer). */
function offsetMinutes(at: number): number {
  const p = Object.fromEntries(partsFmt.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return Math.round((asUtc - at) / 60_000);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * A `datetime-local` value ("2027-03-01T18:00"), read as Stockholm time, as an ISO instant with its
 * offset ("2027-03-01T18:00:00+01:00"). Anything else is returned unchanged, so the API's own
 * validation reports it.
 */
export function stockholmLocalToInstant(local: string): string {
  const m = LOCAL.exec(local.trim());
  if (!m) return local;
  const guess = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  // Two passes: the offset at the guessed instant, then at the corrected one (near a DST change).
  let offset = offsetMinutes(guess - offsetMinutes(guess) * 60_000);
  offset = offsetMinutes(guess - offset * 60_000);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00${sign}${hh}:${mm}`;
}

/** The other way, for showing a stored instant in a `datetime-local` field. */
export function instantToStockholmLocal(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return dateTimeFmt.format(d).replace(' ', 'T');
}
