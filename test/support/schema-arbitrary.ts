import fc from 'fast-check';
import { deref, type JsonSchema, type OpenApiDoc } from './openapi-walk';
import { orgNumber } from './test-app';

// fast-check arbitraries for hostile requests, driven by the OpenAPI document's schemas: values
// close to valid (so requests get past the first check and reach services and the database) mixed
// with wrong types, boundary lengths, unicode edge cases, prototype keys and dates at the edges.

export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
];

export const EDGE_DATES = [
  '0000-01-01',
  '0001-01-01',
  '0999-12-31',
  '1000-01-01',
  '1969-12-31',
  '1970-01-01',
  '2026-02-29',
  '2028-02-29',
  '2026-11-26',
  '2026-11-27',
  '2027-01-15',
  '2036-11-26',
  '2037-01-01',
  '9999-12-31',
  '10000-01-01',
  '2026-13-01',
  '2026-00-10',
  '2026-1-1',
  '+002026-01-01',
];

export const EDGE_INSTANTS = [
  '0000-01-01T00:00:00Z',
  '1000-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '2026-11-26T09:00:00Z',
  '2027-01-15T18:00:00+01:00',
  '2027-01-15T18:00:00+14:00',
  '2027-01-15T18:00:00-12:00',
  '2027-03-28T02:30:00+01:00',
  '9999-12-31T23:59:59.999Z',
  '2026-11-26T24:00:00Z',
  '2026-11-26T09:00:00',
  '2026-11-26T09:00:00.123456789Z',
];

export const EDGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'Anna\u0000Ek',
  '\ud800',
  'x\udc00',
  '😀',
  'e\u0301',
  '\u202eevil',
  '\ufeffBOM',
  'ß',
  'İstanbul',
  '\n\r\t',
  '0',
  '-1',
  'NaN',
  'null',
  'true',
  '1e309',
  "'; drop table users; --",
  '%00',
  '%E0',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${7*7}',
  '00000000-0000-4000-8000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '802000-0001',
  '16802000-0001',
  '19121212-1212',
  ...PROTOTYPE_KEYS,
  ...EDGE_DATES,
  ...EDGE_INSTANTS,
];

export const EDGE_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  2 ** 31,
  2 ** 53 + 2,
  1e308,
  -1e308,
  1_000_000_000,
  1_000_000_001,
];

/** Any JSON value: the wrong type for wherever it is put. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, [], {}, '', 0, -1, 'x'),
  fc.constantFrom(...EDGE_STRINGS),
  fc.constantFrom(...EDGE_NUMBERS),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Strings of every kind of code point, lone surrogates included. */
const anyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(...EDGE_STRINGS),
);

/** Plausible text, so that the rest of a request is valid often enough to reach the database. */
const PLAIN = [
  'Anna Ek',
  'Föreningen Kvarnen',
  'Idrottsföreningen Ö',
  'Sal 1',
  'Polisanmälan K123456-26',
  'Skäl till beslutet.',
  'activity',
  'Tingsrätten',
];

/** Characters a careless paste or an attacker puts inside otherwise ordinary text. */
const INJECTED = ['\u0000', '\ud800', '\udfff', '\u0000', '\u202e', '\ufeff', 'e\u0301', "'"];

const plainText = fc.oneof(
  fc.constantFrom(...PLAIN),
  fc.string({ minLength: 1, maxLength: 30 }).map((v) => v.trim() || 'Namn'),
);

/** Plain text with one hostile character put somewhere inside. */
const tainted = fc
  .tuple(fc.constantFrom(...PLAIN), fc.constantFrom(...INJECTED), fc.nat())
  .map(([text, bad, at]) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + bad + text.slice(i);
  });

/** Valid-looking values of the formats the service checks (organisationsnummer, ids, dates). */
export interface Pools {
  /** Ids the service has handed out (associations, applications, decisions …), for references. */
  ids: string[];
  orgNumbers: string[];
}

export const pools: Pools = { ids: [], orgNumbers: [] };

function stringArb(s: JsonSchema, name: string): fc.Arbitrary<string> {
  const hostile: fc.Arbitrary<string>[] = [anyString];
  const plausible: fc.Arbitrary<string>[] = [];
  if (s.enum) plausible.push(fc.constantFrom(...(s.enum as string[])));
  else if (s.format === 'uuid') {
    plausible.push(pools.ids.length ? fc.constantFrom(...pools.ids) : fc.uuid({ version: 4 }));
    hostile.push(fc.uuid());
  } else if (s.format === 'date-time') plausible.push(fc.constantFrom(...EDGE_INSTANTS));
  else if (s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) plausible.push(fc.constantFrom(...EDGE_DATES));
  else if (/orgNumber/i.test(name) && pools.orgNumbers.length)
    plausible.push(fc.constantFrom(...pools.orgNumbers));
  else plausible.push(plainText, tainted);
  const max = s.maxLength;
  if (max !== undefined) {
    // Boundary lengths: exactly the limit, one over, and in multibyte characters.
    hostile.push(fc.constantFrom('x'.repeat(max), 'x'.repeat(max + 1), 'å'.repeat(max), '😀'.repeat(max)));
  }
  if (s.minLength) hostile.push(fc.constant('x'.repeat(Math.max(0, s.minLength - 1))));
  return fc.oneof(
    { arbitrary: fc.oneof(...plausible), weight: 3 },
    { arbitrary: fc.oneof(...hostile), weight: 1 },
  );
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = typeof s.minimum === 'number' ? s.minimum : -1e6;
  const max = typeof s.maximum === 'number' ? s.maximum : 1e6;
  const inRange = integer
    ? fc.integer({ min: Math.max(min, -1e9), max: Math.min(max, 1e9) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return fc.oneof(inRange, fc.constantFrom(min, max, min - 1, max + 1, ...EDGE_NUMBERS));
}

/** A value for `schema`: near-valid most of the time, hostile some of the time. */
export function valueFor(doc: OpenApiDoc, schema: JsonSchema, depth = 0, name = ''): fc.Arbitrary<unknown> {
  const s = deref(doc, schema);
  if (depth > 5) return anyJson;
  const alts = [...(s.anyOf ?? []), ...(s.oneOf ?? [])];
  const types = ([] as string[]).concat(s.type ?? []);
  const options: fc.Arbitrary<unknown>[] = [];
  for (const alt of alts) options.push(valueFor(doc, alt, depth + 1, name));
  for (const t of types) {
    if (t === 'string') options.push(stringArb(s, name));
    if (t === 'integer') options.push(numberArb(s, true));
    if (t === 'number') options.push(numberArb(s, false));
    if (t === 'boolean') options.push(fc.boolean());
    if (t === 'null') options.push(fc.constant(null));
    if (t === 'array') {
      const item = s.items ? valueFor(doc, s.items, depth + 1) : anyJson;
      options.push(
        fc.array(item, { maxLength: 3 }),
        fc.array(item, { minLength: (s.maxItems ?? 3) + 1, maxLength: (s.maxItems ?? 3) + 1 }),
      );
    }
    if (t === 'object' || (!types.length && s.properties)) options.push(objectFor(doc, s, depth));
  }
  if (!types.length && s.properties) options.push(objectFor(doc, s, depth));
  if (s.enum && !types.length) options.push(fc.constantFrom(...s.enum));
  if (s.nullable) options.push(fc.constant(null));
  if (!options.length) return anyJson;
  // One in twelve: a value of the wrong type altogether.
  return fc.oneof({ arbitrary: fc.oneof(...options), weight: 11 }, { arbitrary: anyJson, weight: 1 });
}

/** Sets a property as an own, enumerable key even when it is "__proto__" (JSON.stringify then writes it). */
function own(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export function objectFor(doc: OpenApiDoc, s: JsonSchema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(s.properties ?? {});
  const required = new Set(s.required ?? []);
  const fields = props.map(([k, child]) =>
    fc.tuple(
      fc.constant(k),
      // Required fields are nearly always present; optional ones half the time.
      fc.double({ min: 0, max: 1, noNaN: true }),
      valueFor(doc, child, depth + 1, k),
    ),
  );
  const extras = fc.array(
    fc.tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 10 })), anyJson),
    { maxLength: 2 },
  );
  return fc
    .tuple(fc.tuple(...fields), extras, fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([values, extra, extraChance]) => {
      const out: Record<string, unknown> = {};
      for (const [k, p, v] of values) {
        if (p < (required.has(k) ? 0.97 : 0.5)) own(out, k, v);
      }
      if (extraChance < 0.2) for (const [k, v] of extra) own(out, k, v);
      return out;
    });
}

/**
 * A path or query value as bytes in a URL: lone surrogates as the WTF-8 bytes a sloppy client would
 * send (invalid UTF-8), everything else percent-encoded as UTF-8.
 */
export function encodeLoose(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(s[i]! + s[i + 1]!);
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out +=
        `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase();
    } else {
      out += encodeURIComponent(s[i]!);
    }
  }
  return out;
}

/** A query parameter's value: as the schema has it, or anything, as a string. */
export function queryValueFor(doc: OpenApiDoc, schema: JsonSchema, name: string): fc.Arbitrary<string> {
  const value = fc.oneof(
    { arbitrary: plausibleFor(doc, schema, 0, name), weight: 2 },
    { arbitrary: valueFor(doc, schema, 0, name), weight: 1 },
  );
  return value.map((v) =>
    typeof v === 'string'
      ? v
      : v === null || v === undefined
        ? ''
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v),
  );
}

/** CSV text: the header or a garbled one, then lines of generated cells. */
export const csvText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(
      'subject_kind,name,aliases,org_number,reason,source,review_by',
      'subject_kind,name,aliases,org_number,category,reason,source,review_by',
      'name,reason',
      '',
      '"unterminated',
    ),
    fc.array(
      fc.array(
        fc.oneof(
          fc.constantFrom(...EDGE_STRINGS),
          fc.string({ maxLength: 20 }),
          fc.constantFrom('organisation', 'person', '"a,b"', '"x""y"'),
        ),
        {
          maxLength: 9,
        },
      ),
      { maxLength: 5 },
    ),
    fc.constantFrom('\n', '\r\n', '\r'),
  )
  .map(([header, rows, nl]) => [header, ...rows.map((r) => r.join(','))].join(nl));

// Plausible values: what a well-behaved client would send, so that one hostile change to it (see
// `mutated`) is the only thing wrong with a request and reaches as deep as it can.

const PLAUSIBLE_DATES = ['2026-11-20', '2026-11-26', '2027-01-15', '2027-06-01', '2015-01-01'];
const PLAUSIBLE_INSTANTS = ['2027-01-15T18:00:00+01:00', '2027-01-15T21:00:00+01:00'];

function plausibleString(s: JsonSchema, name: string): fc.Arbitrary<string> {
  if (s.enum) return fc.constantFrom(...(s.enum as string[]));
  if (s.format === 'uuid') return pools.ids.length ? fc.constantFrom(...pools.ids) : fc.uuid({ version: 4 });
  if (s.format === 'date-time') return fc.constantFrom(...PLAUSIBLE_INSTANTS);
  if (s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return fc.constantFrom(...PLAUSIBLE_DATES);
  if (/orgNumber/i.test(name)) {
    const fresh = fc.integer({ min: 100_000, max: 999_999 }).map(orgNumber);
    return pools.orgNumbers.length ? fc.oneof(fresh, fc.constantFrom(...pools.orgNumbers)) : fresh;
  }
  if (/personalNumber/i.test(name)) return fc.constant('19121212-1212');
  const max = s.maxLength ?? 300;
  return plainText.map((t) => t.slice(0, max) || 'x');
}

export function plausibleFor(
  doc: OpenApiDoc,
  schema: JsonSchema,
  depth = 0,
  name = '',
): fc.Arbitrary<unknown> {
  const s = deref(doc, schema);
  if (depth > 5) return fc.constant(null);
  const alts = [...(s.anyOf ?? []), ...(s.oneOf ?? [])].filter((a) => deref(doc, a).type !== 'null');
  if (alts.length) return fc.oneof(...alts.map((a) => plausibleFor(doc, a, depth + 1, name)));
  const type = ([] as string[]).concat(s.type ?? (s.properties ? 'object' : [])).find((t) => t !== 'null');
  switch (type) {
    case 'string':
      return plausibleString(s, name);
    case 'integer':
    case 'number': {
      const min = typeof s.minimum === 'number' ? s.minimum : 0;
      const max = typeof s.maximum === 'number' ? s.maximum : min + 100_000;
      return fc.integer({ min: Math.max(1, min), max: Math.max(1, Math.min(max, min + 100_000)) });
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(s.items ? plausibleFor(doc, s.items, depth + 1, name) : fc.constant('x'), {
        maxLength: 2,
      });
    case 'object': {
      const required = new Set(s.required ?? []);
      const entries = Object.entries(s.properties ?? {}).map(([k, child]) =>
        fc.tuple(fc.constant(k), fc.boolean(), plausibleFor(doc, child, depth + 1, k)),
      );
      return fc.tuple(...entries).map((values) => {
        const out: Record<string, unknown> = {};
        for (const [k, include, v] of values) if (required.has(k) || include) out[k] = v;
        return out;
      });
    }
    default:
      return fc.constant(s.enum?.[0] ?? null);
  }
}

/** The places in a JSON value where a mutation can go: every property and array item. */
function leafPaths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  if (Array.isArray(v)) v.forEach((x, i) => leafPaths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) leafPaths(x, [...prefix, k], out);
  }
  if (prefix.length) out.push(prefix);
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  own(cur as Record<string, unknown>, String(path[path.length - 1]), value);
  return copy;
}

/** A hostile value for one place: another type, an edge string, text with a bad character, a limit. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  anyJson,
  fc.constantFrom(...EDGE_STRINGS),
  tainted,
  tainted,
  tainted,
  fc.constantFrom('x'.repeat(301), 'x'.repeat(1001), 'x'.repeat(5001), '😀'.repeat(300)),
  fc.constantFrom(...EDGE_DATES, ...EDGE_INSTANTS),
);

/** A plausible value with exactly one thing wrong (or a prototype key added), or none. */
export function mutated(doc: OpenApiDoc, schema: JsonSchema): fc.Arbitrary<unknown> {
  return plausibleFor(doc, schema).chain((base) => {
    const paths = leafPaths(base);
    const options: fc.Arbitrary<unknown>[] = [fc.constant(base)];
    if (paths.length) {
      const one = fc.tuple(fc.constantFrom(...paths), hostileValue).map(([p, bad]) => setAt(base, p, bad));
      options.push(one, one, one);
    }
    if (base && typeof base === 'object' && !Array.isArray(base)) {
      options.push(
        fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS), anyJson).map(([k, v]) => setAt(base, [k], v)),
      );
    }
    return fc.oneof(...options);
  });
}
