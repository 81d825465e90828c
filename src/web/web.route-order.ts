// Express tries routes in the order they were registered, so `/bevakningslista/:id` registered first
// would answer `/bevakningslista/import` with id "import". Rather than make registration order a
// rule every page file must know, the router registers pages by specificity: comparing paths segment
// by segment, a fixed segment comes before a `:parameter` at the same position.

const segmentKinds = (path: string): number[] =>
  path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => (s.startsWith(':') ? 1 : 0));

/** Negative when `a` must be tried before `b`; 0 when their order cannot matter (keeps it). */
export function compareSpecificity(a: string, b: string): number {
  const ka = segmentKinds(a);
  const kb = segmentKinds(b);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
  }
  // Paths of different lengths never match the same address; any fixed order will do.
  return ka.length - kb.length;
}

/** The routes in the order to register them: fixed segments before parameters, otherwise as given. */
export function bySpecificity<T extends { path: string }>(routes: readonly T[]): T[] {
  return [...routes].sort((a, b) => compareSpecificity(a.path, b.path));
}
