// CSV for people to open in a spreadsheet, as RFC 4180 has it (comma-separated, CRLF, a field with a
// comma, quote or line break in double quotes, quotes doubled), with a byte-order mark so spreadsheet
// programs read å, ä and ö as UTF-8.

/**
 * A cell a spreadsheet would take for a formula (=, +, -, @, or a tab or carriage return first) gets
 * a leading apostrophe: a name or a note typed by someone must never run as a formula when opened
 * (CSV/formula injection).
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function csvField(value: string | number | null | undefined): string {
  const text = neutraliseFormula(value === null || value === undefined ? '' : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: the header row, then one line per record. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  const line = (cells: readonly (string | number | null)[]) => cells.map(csvField).join(',');
  return `\uFEFF${[header, ...rows].map(line).join('\r\n')}\r\n`;
}
