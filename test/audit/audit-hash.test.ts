import { createHash } from 'node:crypto';
import {
  GENESIS_HASH,
  canonicalJson,
  detailsDigest,
  eventHash,
  headerJson,
  type ExportedEvent,
} from '../../src/audit/audit.hash';
import { ChainVerifier } from '../../src/audit/audit.verifier';
import { exportLine } from '../../src/audit/audit.export';

// The log's format as README's recipe states it, checked with node:crypto directly (not through the
// service's helpers), and the verifier's rules on a chain built here.

const sha256hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

function chain(n: number, runAt?: { seq: number; erases: number[] }): ExportedEvent[] {
  const events: ExportedEvent[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const isRun = runAt?.seq === i;
    const details = isRun
      ? { erasedPayloads: runAt!.erases.length, counts: { test: runAt!.erases.length } }
      : { name: `Förening ${i}`, n: i };
    const salt = `${i}`.padStart(32, 'a');
    const header = {
      seq: i,
      prevHash: prev,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      actor: 'u1',
      action: isRun ? 'retention.run' : 'association.registered',
      entityType: 'association',
      entityId: `a${i}`,
      detailsDigest: detailsDigest(salt, details),
    };
    const hash = eventHash(header);
    events.push({ ...header, hash, salt, details, erased: null });
    prev = hash;
  }
  for (const seq of runAt?.erases ?? []) {
    events[seq - 1] = {
      ...events[seq - 1]!,
      salt: null,
      details: null,
      erased: { at: '2027-01-01T00:00:00.000Z', under: 'KFN 2026/17', byRun: runAt!.seq },
    };
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

describe('the format, as README states it', () => {
  const e = chain(2)[1]!;

  it('chains the header: SHA-256 of 0x00 and the canonical JSON array of its eight fields', () => {
    const header = JSON.stringify([
      e.seq,
      e.prevHash,
      e.occurredAt,
      e.actor,
      e.action,
      e.entityType,
      e.entityId,
      e.detailsDigest,
    ]);
    expect(headerJson(e)).toBe(header);
    expect(e.hash).toBe(sha256hex(Buffer.concat([Buffer.from([0]), Buffer.from(header, 'utf8')])));
  });

  it('digests the details salted: SHA-256 of salt followed by their canonical JSON', () => {
    expect(e.detailsDigest).toBe(sha256hex(`${e.salt}{"n":2,"name":"Förening 2"}`));
    // Without the salt the digest of a guessed payload says nothing about the real one.
    expect(detailsDigest('b'.repeat(32), e.details)).not.toBe(e.detailsDigest);
  });

  it('writes details last and canonical in the export, and the line parses to the event', () => {
    const line = exportLine({ ...e, details: { z: 1, a: [{ y: 2, b: 1 }] } });
    expect(line.endsWith(',"details":{"a":[{"b":1,"y":2}],"z":1}}')).toBe(true);
    expect(JSON.parse(line)).toMatchObject({ seq: 2, hash: e.hash, details: { z: 1 } });
  });
});

describe('chain verification', () => {
  it('accepts an intact chain and reports its head, root and erasures', () => {
    const events = chain(5);
    expect(verify(events)).toMatchObject({ valid: true, events: 5, head: events[4]!.hash, erased: 0 });
  });

  it('finds edited details (the digest no longer matches)', () => {
    const events = chain(5);
    events[2] = { ...events[2]!, details: { name: 'Annan förening', n: 3 } };
    expect(verify(events)).toMatchObject({
      valid: false,
      brokenAt: 3,
      reason: expect.stringMatching(/digest/),
    });
  });

  it('finds a payload swapped for another with its digest recomputed (the header changed)', () => {
    const events = chain(5);
    const details = { name: 'Annan förening', n: 3 };
    events[2] = { ...events[2]!, details, detailsDigest: detailsDigest(events[2]!.salt!, details) };
    expect(verify(events)).toMatchObject({
      valid: false,
      brokenAt: 3,
      reason: expect.stringMatching(/hash/),
    });
  });

  it('finds an edited header whose hash was recomputed (the next link breaks)', () => {
    const events = chain(5);
    const forged = { ...events[2]!, actor: 'someone-else' };
    forged.hash = eventHash(forged);
    events[2] = forged;
    expect(verify(events)).toMatchObject({ valid: false, brokenAt: 4 });
  });

  it('finds a removed event', () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verify(events)).toMatchObject({ valid: false, brokenAt: 2, reason: 'expected event 2, found 3' });
  });

  it('finds reordered events', () => {
    const events = chain(4);
    [events[1], events[2]] = [events[2]!, events[1]!];
    expect(verify(events)).toMatchObject({ valid: false });
  });

  it('accepts an empty log with the genesis head', () => {
    expect(verify([])).toMatchObject({ valid: true, events: 0, head: GENESIS_HASH });
  });
});

describe('erased payloads', () => {
  it('verifies a chain whose erased events name the retention run that erased them, and counts them', () => {
    const events = chain(6, { seq: 5, erases: [2, 3] });
    expect(verify(events)).toMatchObject({ valid: true, events: 6, erased: 2 });
  });

  it('refuses an erasure the retention run does not account for', () => {
    const events = chain(6, { seq: 5, erases: [2, 3] });
    events[0] = { ...events[0]!, salt: null, details: null, erased: { at: 'x', under: 'y', byRun: 5 } };
    expect(verify(events)).toMatchObject({
      valid: false,
      brokenAt: 5,
      reason: expect.stringMatching(/erased 2/),
    });
  });

  it('refuses an erasure that names an event which is not a retention run', () => {
    const events = chain(6, { seq: 5, erases: [2, 3] });
    events[0] = { ...events[0]!, salt: null, details: null, erased: { at: 'x', under: 'y', byRun: 4 } };
    expect(verify(events)).toMatchObject({ valid: false, brokenAt: 1 });
  });

  it('refuses an erased event that still carries details', () => {
    const events = chain(6, { seq: 5, erases: [2, 3] });
    events[1] = { ...events[1]!, details: { name: 'Förening 2', n: 2 } };
    expect(verify(events)).toMatchObject({ valid: false, brokenAt: 2 });
  });

  it('refuses an erasure by a run the log does not reach', () => {
    const events = chain(6, { seq: 5, erases: [2, 3] });
    expect(verify(events.slice(0, 4))).toMatchObject({
      valid: false,
      brokenAt: 2,
      reason: expect.stringMatching(/after the end/),
    });
  });
});
