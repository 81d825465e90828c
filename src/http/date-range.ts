// Period filters (from/to) on lists: a date means the whole day (UTC), an instant means that moment.

/** `to` as a date includes that whole day. */
export function rangeBound(value: string | undefined, bound: 'from' | 'to'): Date | undefined {
  if (value === undefined) return undefined;
  if (value.length === 10) {
    const d = new Date(`${value}T00:00:00Z`);
    if (bound === 'to') d.setUTCDate(d.getUTCDate() + 1);
    return d;
  }
  const d = new Date(value);
  return bound === 'to' ? new Date(d.getTime() + 1) : d;
}
