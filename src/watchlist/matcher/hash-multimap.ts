// A multimap from 32-bit string hashes to int32 values in two typed arrays (open addressing,
// linear probing). A JS Map of strings costs ~80 bytes an entry; this costs ~16 at half load, which
// is what lets millions of typo variants and id numbers fit in the heap. Hashes may collide, so
// callers verify every value they get back against the real string.

const EMPTY = 0;
const TOMBSTONE = -1;

/** FNV-1a over UTF-16 code units, never 0 (0 marks an empty slot). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0 || 1;
}

export class HashMultimap {
  private keys: Uint32Array;
  private values: Int32Array;
  private used = 0;
  private live = 0;

  constructor(initialCapacity = 1024) {
    let cap = 16;
    while (cap < initialCapacity * 2) cap *= 2;
    this.keys = new Uint32Array(cap);
    this.values = new Int32Array(cap);
  }

  get size(): number {
    return this.live;
  }

  add(hash: number, value: number): void {
    if ((this.used + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let i = hash & mask;
    while (this.keys[i] !== EMPTY) i = (i + 1) & mask;
    this.keys[i] = hash;
    this.values[i] = value;
    this.used++;
    this.live++;
  }

  /** Removes one (hash, value) pair; the slot stays occupied so later probes still pass it. */
  remove(hash: number, value: number): boolean {
    const mask = this.keys.length - 1;
    for (let i = hash & mask; this.keys[i] !== EMPTY; i = (i + 1) & mask) {
      if (this.keys[i] === hash && this.values[i] === value) {
        this.values[i] = TOMBSTONE;
        this.live--;
        return true;
      }
    }
    return false;
  }

  /** Calls `fn` for every value stored under `hash`. */
  forEach(hash: number, fn: (value: number) => void): void {
    const mask = this.keys.length - 1;
    for (let i = hash & mask; this.keys[i] !== EMPTY; i = (i + 1) & mask) {
      if (this.keys[i] === hash && this.values[i] !== TOMBSTONE) fn(this.values[i]!);
    }
  }

  /** Bytes held by the two arrays (for the benchmark's accounting). */
  get byteLength(): number {
    return this.keys.byteLength + this.values.byteLength;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    // Rebuilding also drops tombstones; only double when live entries need the room.
    const cap = this.live * 4 > oldKeys.length ? oldKeys.length * 2 : oldKeys.length;
    this.keys = new Uint32Array(cap);
    this.values = new Int32Array(cap);
    this.used = 0;
    this.live = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] !== EMPTY && oldValues[i] !== TOMBSTONE) this.add(oldKeys[i]!, oldValues[i]!);
    }
  }
}
