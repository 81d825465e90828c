import { readXml, XmlProblem, type XmlElement } from '../../src/watchlist/sources/sources.xml';

// The streaming reader's bounds, with small limits so the tests stay small.
const limits = { fileBytes: 10_000, fieldChars: 50, depth: 4 };

function collect() {
  const closed: XmlElement[] = [];
  return { closed, handler: { open: () => undefined, close: (e: XmlElement) => closed.push(e) } };
}

async function* pieces(...parts: string[]) {
  for (const p of parts) yield Buffer.from(p);
}

async function problemOf(promise: Promise<unknown>): Promise<XmlProblem> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof XmlProblem) return err;
    throw err;
  }
  throw new Error('expected the file to be refused');
}

it('reads elements split anywhere across chunks, multi-byte characters included', async () => {
  const { closed, handler } = collect();
  const text = '<list date="2026-11-27"><name>Иван Тестов</name><name>عبد</name></list>';
  const bytes = Buffer.from(text);
  // One byte at a time: every character and tag is split.
  async function* bytewise() {
    for (const b of bytes) yield Buffer.from([b]);
  }
  const file = await readXml(bytewise(), handler, limits);
  expect(closed.filter((e) => e.name === 'name').map((e) => e.text)).toEqual(['Иван Тестов', 'عبد']);
  expect(file).toMatchObject({
    bytes: bytes.length,
    root: { name: 'list', attributes: { date: '2026-11-27' } },
  });
  expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
});

it('stops reading at the size bound, even from an endless stream', async () => {
  let served = 0;
  async function* endless() {
    yield Buffer.from('<list>');
    for (;;) {
      served += 1;
      yield Buffer.from('<name>x</name>'.repeat(50));
    }
  }
  const problem = await problemOf(readXml(endless(), collect().handler, limits));
  expect(problem.code).toBe('xml_too_large');
  expect(served).toBeLessThan(20);
});

it.each([
  ['a long text', `<list><name>${'x'.repeat(51)}</name></list>`, 'xml_field_too_long'],
  ['a long attribute', `<list a="${'x'.repeat(51)}"/>`, 'xml_field_too_long'],
  ['deep nesting', '<a><b><c><d><e/></d></c></b></a>', 'xml_too_deep'],
  ['a DTD', '<!DOCTYPE list [<!ENTITY big "xxxxxxxx">]><list>&big;</list>', 'xml_dtd_refused'],
  ['an undefined entity', '<list>&big;</list>', 'xml_malformed'],
  ['a truncated file', '<list><name>x</name>', 'xml_malformed'],
  ['another encoding', '<?xml version="1.0" encoding="ISO-8859-1"?><list/>', 'xml_encoding'],
])('refuses %s', async (_what, text, code) => {
  expect((await problemOf(readXml(pieces(text), collect().handler, limits))).code).toBe(code);
});

it('indentation between elements does not count towards a field', async () => {
  const { closed, handler } = collect();
  const body = Array.from({ length: 100 }, (_, i) => `\n    <name>n${i}</name>`).join('');
  await readXml(pieces(`<list>${body}\n</list>`), handler, limits);
  expect(closed.filter((e) => e.name === 'name')).toHaveLength(100);
});
