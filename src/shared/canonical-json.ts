// One canonical JSON for everything that is hashed or compared: the audit chain and screening replay.

/**
 * Canonical JSON: objects with keys sorted by UTF-16 code units (JavaScript's default sort), no
 * whitespace, properties whose value is undefined left out, everything else as JSON.stringify writes it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}
