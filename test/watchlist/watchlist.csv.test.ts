import { luhnCheckDigit } from '../../src/shared/swedish-ids';
import { parseCsv, parseWatchlistCsv } from '../../src/watchlist/watchlist.csv';
import { WATCHLIST_CSV_HEADER } from '../support/watchlist-entries';

const HEADER = WATCHLIST_CSV_HEADER;
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
    expect(errors).toMatchObject([
      {
        line: 2,
        error: 'unexpected character after a closing quote',
        details: [{ code: 'csv_after_quote' }],
      },
      { line: 4, error: 'unterminated quoted field', details: [{ code: 'csv_unterminated_quote' }] },
    ]);
  });
});

describe('parseWatchlistCsv', () => {
  it('imports good rows and names the bad lines', () => {
    const text = [
      HEADER,
      `organisation,Nordiska Motståndsrörelsen,NMR|Motståndsrörelsen,${ORG.replace('-', '')},supports_violent_extremism,court judgment B 123-45,Säpo 2026,2027-06-30`,
      'company,Fel Sort,,,discrimination,r,s,2027-01-01',
      'organisation,,,,discrimination,r,s,2027-01-01',
      'organisation,Fel Nummer,,802000-0001,discrimination,r,s,2027-01-01',
      'person,Anna Andersson,,,discrimination,r,s,2027-02-30',
      'person,Anna Andersson,,,discrimination,r,s,2026-11-25',
      'person,Anna Andersson,,,discrimination,r,s,2027-11-27',
      'person,Kalle Karlsson,,,discrimination,r,s,2027-11-26',
      'organisation,För få fält,,,discrimination,r,s',
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
          category: 'supports_violent_extremism',
          reason: 'court judgment B 123-45',
          source: 'Säpo 2026',
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
    expect(result.rejected.map((r) => r.details?.map((d) => `${d.path}:${d.code}`).join())).toEqual([
      'subject_kind:invalid_option',
      'name:empty',
      'org_number:invalid_org_number',
      'review_by:invalid_date_format',
      'review_by:review_by_past',
      'review_by:review_by_too_far',
      ':csv_field_count',
    ]);
    expect(result.rejected.map(({ line, error }) => ({ line, error }))).toEqual([
      { line: 3, error: 'subject_kind must be "organisation" or "person"' },
      { line: 4, error: 'name is empty' },
      { line: 5, error: 'org_number: check digit does not match (Luhn)' },
      { line: 6, error: 'review_by must be a real date as YYYY-MM-DD' },
      { line: 7, error: 'review_by is in the past' },
      { line: 8, error: 'review_by is more than one year ahead' },
      { line: 10, error: 'expected 8 fields, found 7' },
    ]);
  });

  it('ignores columns outside the import format and accepts any column order', () => {
    const text = `ref,review_by,source,reason,category,org_number,aliases,name,subject_kind\nW1,2027-01-31,s,r,rights_violation,,A | B ,Gröna Fronten,organisation\n`;
    const { rows, rejected } = parseWatchlistCsv(text, TODAY);
    expect(rejected).toEqual([]);
    expect(rows[0]!.value).toEqual({
      subjectKind: 'organisation',
      name: 'Gröna Fronten',
      aliases: ['A', 'B'],
      orgNumber: null,
      category: 'rights_violation',
      reason: 'r',
      source: 's',
      reviewBy: '2027-01-31',
    });
  });

  it('accepts an org number in every format and stores it as NNNNNN-NNNN', () => {
    const digits = ORG.replace('-', '');
    const text = [
      HEADER,
      ...[ORG, digits, `16${digits}`, `16${ORG}`].map(
        (o) => `organisation,X,,${o},discrimination,r,s,2027-01-01`,
      ),
    ].join('\r\n');
    expect(parseWatchlistCsv(text, TODAY).rows.map((r) => r.value.orgNumber)).toEqual([ORG, ORG, ORG, ORG]);
  });

  it('rejects the whole file, at line 1, when the header lacks a column', () => {
    expect(parseWatchlistCsv('subject_kind,name\norganisation,X\n', TODAY)).toMatchObject({
      rows: [],
      rejected: [
        {
          line: 1,
          error: 'header lacks column(s): aliases, org_number, category, reason, source, review_by',
        },
      ],
    });
  });

  it('checks review_by against the given today only; null skips just that window', () => {
    const text = `${HEADER}\norganisation,X,,,discrimination,r,s,2020-01-01\norganisation,Y,,,discrimination,r,s,2020-02-30\n`;
    expect(parseWatchlistCsv(text, TODAY).rows).toEqual([]);
    const lenient = parseWatchlistCsv(text, { today: null });
    expect(lenient.rows.map((r) => r.value.name)).toEqual(['X']);
    expect(lenient.rejected).toMatchObject([
      { line: 3, error: 'review_by must be a real date as YYYY-MM-DD' },
    ]);
  });

  it('counts one year ahead from 29 February to 28 February', () => {
    const text = `${HEADER}\norganisation,X,,,discrimination,r,s,2029-02-28\norganisation,Y,,,discrimination,r,s,2029-03-01\n`;
    const { rows, rejected } = parseWatchlistCsv(text, { today: '2028-02-29' });
    expect(rows.map((r) => r.value.name)).toEqual(['X']);
    expect(rejected.map((r) => r.line)).toEqual([3]);
  });

  it('requires a conduct category from the finding categories (issue 11 point 7)', () => {
    const text = [
      HEADER,
      'organisation,Utan Kategori,,,,r,s,2027-01-01',
      'organisation,Åsiktsgruppen,,,opinions,r,s,2027-01-01',
      'organisation,Med Kategori,,,counteracts_democracy,r,s,2027-01-01',
    ].join('\n');
    const { rows, rejected } = parseWatchlistCsv(text, TODAY);
    expect(rows.map((r) => [r.value.name, r.value.category])).toEqual([
      ['Med Kategori', 'counteracts_democracy'],
    ]);
    expect(rejected).toMatchObject([
      { line: 2, error: 'category is empty' },
      {
        line: 3,
        error:
          'category must be one of violence_coercion_threats, rights_violation, discrimination, gender_equality_violation, promotes_violations, counteracts_democracy, supports_violent_extremism',
      },
    ]);
  });

  it('holds every field to the same limits as the API (issue 14 point 1)', () => {
    const long = (n: number) => 'x'.repeat(n);
    const aliases = (n: number, length = 10) =>
      Array.from({ length: n }, (_, i) => `${long(length - 3)}${100 + i}`).join('|');
    const line = (name: string, alias: string, reason = 'r', source = 's') =>
      `organisation,${name},${alias},,discrimination,${reason},${source},2027-01-01`;
    const text = [
      HEADER,
      line(long(300), aliases(50, 300), long(1000), long(1000)),
      line(long(301), ''),
      line('A', aliases(1, 301)),
      line('B', aliases(51)),
      line('C', aliases(51, 2000)),
      line('D', '', long(1001)),
      line('E', '', 'r', long(1001)),
    ].join('\n');
    const { rows, rejected } = parseWatchlistCsv(text, TODAY);
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(rows[0]!.value.aliases).toHaveLength(50);
    expect(rejected.map((r) => r.details?.map((d) => [d.path, d.code, d.params?.max]))).toEqual([
      [['name', 'too_long', 300]],
      [['aliases', 'too_long', 300]],
      [['aliases', 'too_many', 50]],
      [
        ['aliases', 'too_many', 50],
        ['aliases', 'too_long', 300],
      ],
      [['reason', 'too_long', 1000]],
      [['source', 'too_long', 1000]],
    ]);
    expect(rejected).toMatchObject([
      { line: 3, error: 'name is longer than 300 characters' },
      { line: 4, error: 'an alias is longer than 300 characters' },
      { line: 5, error: 'more than 50 aliases' },
      { line: 6, error: 'more than 50 aliases; an alias is longer than 300 characters' },
      { line: 7, error: 'reason is longer than 1000 characters' },
      { line: 8, error: 'source is longer than 1000 characters' },
    ]);
  });
});
