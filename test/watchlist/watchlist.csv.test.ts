import { luhnCheckDigit } from '../../src/shared/swedish-ids';
import { parseCsv, parseWatchlistCsv } from '../../src/watchlist/watchlist.csv';

const HEADER = 'subject_kind,name,aliases,org_number,reason,source,review_by';
const ORG = `802000-000${luhnCheckDigit('802000000')}`;
const TODAY = { today: '2026-11-26' };

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and numbers records by their first line', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\nlast,row,here\r\n';
    expect(parseCsv(text)).toEqual({
      records: [
        { line: 1, fields: ['a', 'b', 'c'] },
        { line: 2, fields: ['x, y', 'say "hi"', 'two\nlines'] },
        { line: 4, fields: ['last', 'row', 'here'] },
      ],
      errors: [],
    });
  });

  it('drops a byte-order mark and skips blank lines, keeping line numbers true to the file', () => {
    const { records } = parseCsv('\uFEFFh1,h2\n\nv1,v2\n\n');
    expect(records).toEqual([
      { line: 1, fields: ['h1', 'h2'] },
      { line: 3, fields: ['v1', 'v2'] },
    ]);
  });

  it('keeps empty fields, also at the end of a line, and a file without a final newline', () => {
    expect(parseCsv('a,,\n,b,').records.map((r) => r.fields)).toEqual([
      ['a', '', ''],
      ['', 'b', ''],
    ]);
  });

  it('reports a malformed record by line and reads on', () => {
    const { records, errors } = parseCsv('a,b\n"bad"x,y\nc,d\n"open,e\n');
    expect(records.map((r) => r.line)).toEqual([1, 3]);
    expect(errors).toEqual([
      { line: 2, error: 'unexpected character after a closing quote' },
      { line: 4, error: 'unterminated quoted field' },
    ]);
  });
});

describe('parseWatchlistCsv', () => {
  it('imports good rows and names the bad lines', () => {
    const text = [
      HEADER,
      `organisation,Nordiska Motståndsrörelsen,NMR|Motståndsrörelsen,${ORG.replace('-', '')},supports_violent_extremism,court judgment B 123-45,2027-06-30`,
      'company,Fel Sort,,,r,s,2027-01-01',
      'organisation,,,,r,s,2027-01-01',
      'organisation,Fel Nummer,,802000-0001,r,s,2027-01-01',
      'person,Anna Andersson,,,r,s,2027-02-30',
      'person,Anna Andersson,,,r,s,2026-11-25',
      'person,Anna Andersson,,,r,s,2027-11-27',
      'person,Kalle Karlsson,,,r,s,2027-11-26',
      'organisation,För få fält,,,r,s',
    ].join('\n');
    const result = parseWatchlistCsv(text, TODAY);
    expect(result.rows).toEqual([
      {
        line: 2,
        value: {
          subjectKind: 'organisation',
          name: 'Nordiska Motståndsrörelsen',
          aliases: ['NMR', 'Motståndsrörelsen'],
          orgNumber: ORG,
          reason: 'supports_violent_extremism',
          source: 'court judgment B 123-45',
          reviewBy: '2027-06-30',
        },
      },
      {
        line: 9,
        value: expect.objectContaining({
          subjectKind: 'person',
          name: 'Kalle Karlsson',
          orgNumber: null,
          reviewBy: '2027-11-26',
        }),
      },
    ]);
    expect(result.rejected).toEqual([
      { line: 3, error: 'subject_kind must be "organisation" or "person"' },
      { line: 4, error: 'name is empty' },
      { line: 5, error: 'org_number: check digit does not match (Luhn)' },
      { line: 6, error: 'review_by must be a real date as YYYY-MM-DD' },
      { line: 7, error: 'review_by is in the past' },
      { line: 8, error: 'review_by is more than one year ahead' },
      { line: 10, error: 'expected 7 fields, found 6' },
    ]);
  });

  it('ignores columns outside the import format and accepts any column order', () => {
    const text = `ref,review_by,source,reason,org_number,aliases,name,subject_kind\nW1,2027-01-31,s,r,,A | B ,Gröna Fronten,organisation\n`;
    const { rows, rejected } = parseWatchlistCsv(text, TODAY);
    expect(rejected).toEqual([]);
    expect(rows[0]!.value).toEqual({
      subjectKind: 'organisation',
      name: 'Gröna Fronten',
      aliases: ['A', 'B'],
      orgNumber: null,
      reason: 'r',
      source: 's',
      reviewBy: '2027-01-31',
    });
  });

  it('accepts an org number in every format and stores it as NNNNNN-NNNN', () => {
    const digits = ORG.replace('-', '');
    const text = [
      HEADER,
      ...[ORG, digits, `16${digits}`, `16${ORG}`].map((o) => `organisation,X,,${o},r,s,2027-01-01`),
    ].join('\r\n');
    expect(parseWatchlistCsv(text, TODAY).rows.map((r) => r.value.orgNumber)).toEqual([ORG, ORG, ORG, ORG]);
  });

  it('rejects the whole file, at line 1, when the header lacks a column', () => {
    expect(parseWatchlistCsv('subject_kind,name\norganisation,X\n', TODAY)).toEqual({
      rows: [],
      rejected: [
        { line: 1, error: 'header lacks column(s): aliases, org_number, reason, source, review_by' },
      ],
    });
  });

  it('checks review_by against the given today only; null skips just that window', () => {
    const text = `${HEADER}\norganisation,X,,,r,s,2020-01-01\norganisation,Y,,,r,s,2020-02-30\n`;
    expect(parseWatchlistCsv(text, TODAY).rows).toEqual([]);
    const lenient = parseWatchlistCsv(text, { today: null });
    expect(lenient.rows.map((r) => r.value.name)).toEqual(['X']);
    expect(lenient.rejected).toEqual([{ line: 3, error: 'review_by must be a real date as YYYY-MM-DD' }]);
  });

  it('counts one year ahead from 29 February to 28 February', () => {
    const text = `${HEADER}\norganisation,X,,,r,s,2029-02-28\norganisation,Y,,,r,s,2029-03-01\n`;
    const { rows, rejected } = parseWatchlistCsv(text, { today: '2028-02-29' });
    expect(rows.map((r) => r.value.name)).toEqual(['X']);
    expect(rejected.map((r) => r.line)).toEqual([3]);
  });
});
