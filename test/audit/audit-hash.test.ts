import {
  ChainVerifier,
  GENESIS_HASH,
  canonicalJson,
  eventHash,
  type ExportedEvent,
} from '../../src/audit/audit.hash';

function chain(n: number): ExportedEvent[] {
  const events: ExportedEvent[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields = {
      prevHash: prev,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      actor: 'u1',
      action: 'association.registered',
      entityType: 'association',
      entityId: `a${i}`,
      details: { name: `Förening ${i}`, n: i },
    };
    const hash = eventHash(fields);
    events.push({ seq: i, ...fields, hash });
    prev = hash;
  }
  return events;
}

function verify(events: ExportedEvent[]) {
  const v = new ChainVerifier();
  for (const e of events) if (!v.add(e)) break;
  return v.result();
}

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
    );
  });

  it('does not depend on the order keys were written in', () => {
    expect(canonicalJson({ x: 'å', y: null })).toBe(canonicalJson({ y: null, x: 'å' }));
  });
});

describe('chain verification', () => {
  it('accepts an intact chain and reports its head', () => {
    const events = chain(5);
    expect(verify(events)).toEqual({ valid: true, events: 5, head: events[4]!.hash });
  });

  it('finds an edited event', () => {
    const events = chain(5);
    events[2] = { ...events[2]!, details: { name: 'Annan förening', n: 3 } };
    expect(verify(events)).toMatchObject({ valid: false, brokenAt: 3 });
  });

  it('finds an edited event whose hash was recomputed (the next link breaks)', () => {
    const events = chain(5);
    const forged = { ...events[2]!, actor: 'someone-else' };
    forged.hash = eventHash(forged);
    events[2] = forged;
    expect(verify(events)).toMatchObject({ valid: false, brokenAt: 4 });
  });

  it('finds a removed event', () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verify(events)).toMatchObject({ valid: false, brokenAt: 3 });
  });

  it('finds reordered events', () => {
    const events = chain(4);
    [events[1], events[2]] = [events[2]!, events[1]!];
    expect(verify(events)).toMatchObject({ valid: false });
  });

  it('accepts an empty log with the genesis head', () => {
    expect(verify([])).toEqual({ valid: true, events: 0, head: GENESIS_HASH });
  });
});
