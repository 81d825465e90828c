// A diarienummer from the configured format, e.g. "HÄ {year}/{seq}" → "HÄ 2026/17". {seq} counts per
// year; {seq:4} pads it with zeros to four digits ("HÄ 2026/0017"). Checked once, at start-up.

export const DEFAULT_CASE_NUMBER_FORMAT = 'HÄ {year}/{seq}';

/** A case number a registry system gives, or one the format makes: printable, at most this long. */
export const CASE_NUMBER_MAX = 50;

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Why the format cannot be used, or undefined when it can. */
export function caseNumberFormatProblem(format: string): string | undefined {
  if (format.trim() !== format || format === '') return 'must not be empty or start or end with a space';
  if (format.length > 40) return 'must be at most 40 characters';
  let seq = 0;
  for (const m of format.matchAll(PLACEHOLDER)) {
    const name = m[1]!;
    if (name === 'seq' || /^seq:[1-9]$/.test(name)) seq += 1;
    else if (name !== 'year') return `has an unknown placeholder {${name}} (use {year}, {seq} or {seq:N})`;
  }
  if (seq !== 1) return 'must contain {seq} (or {seq:N}) exactly once, so that numbers are unique';
  if (/[{}]/.test(format.replace(PLACEHOLDER, ''))) return 'has an unmatched { or }';
  if (/[\u0000-\u001f\u007f]/.test(format)) return 'must not contain control characters';
  return undefined;
}

export function formatCaseNumber(format: string, year: number, seq: number): string {
  return format.replace(PLACEHOLDER, (_all, name: string) => {
    if (name === 'year') return String(year);
    const width = name.startsWith('seq:') ? Number(name.slice(4)) : 0;
    return String(seq).padStart(width, '0');
  });
}
