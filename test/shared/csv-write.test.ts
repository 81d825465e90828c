import { csvField, toCsv } from '../../src/shared/csv-write';

describe('CSV for spreadsheets', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+46 8 123 45', "'+46 8 123 45"],
    ['-1', "'-1"],
    ['@import', "'@import"],
    ['\tTabb', "'\tTabb"],
    ['Vanligt namn', 'Vanligt namn'],
    ['802000-0009', '802000-0009'],
  ])('a cell %j is written as %j', (cell, written) => {
    expect(csvField(cell)).toBe(written);
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('Kultur, fritid')).toBe('"Kultur, fritid"');
    expect(csvField('Föreningen "Ljuset"')).toBe('"Föreningen ""Ljuset"""');
    expect(csvField('rad ett\nrad två')).toBe('"rad ett\nrad två"');
    expect(csvField('=A1,"x"')).toBe(`"'=A1,""x"""`);
    expect(csvField(null)).toBe('');
  });

  it('writes a byte-order mark, the header and CRLF line ends', () => {
    expect(
      toCsv(
        ['Namn', 'Punkt'],
        [
          ['Å', '4.1'],
          ['Ä', null],
        ],
      ),
    ).toBe('\uFEFFNamn,Punkt\r\nÅ,4.1\r\nÄ,\r\n');
  });
});
