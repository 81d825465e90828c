import fc from 'fast-check';
import {
  addSwedishWorkingDays,
  easterSunday,
  isSwedishWorkingDay,
  swedishHolidays,
} from '../../src/shared/swedish-working-days';

// Known dates from the almanac (Svenska kalendern), not from the code.
describe('Easter Sunday', () => {
  it.each([
    [2008, '2008-03-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'], // the latest possible date
    [2285, '2285-03-22'], // the earliest possible date
  ])('%i: %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('the holidays of a year', () => {
  it('2027, named', () => {
    expect([...swedishHolidays(2027)].sort(([a], [b]) => a.localeCompare(b))).toEqual([
      ['2027-01-01', 'nyårsdagen'],
      ['2027-01-06', 'trettondedag jul'],
      ['2027-03-26', 'långfredagen'],
      ['2027-03-28', 'påskdagen'],
      ['2027-03-29', 'annandag påsk'],
      ['2027-05-01', 'första maj'],
      ['2027-05-06', 'Kristi himmelsfärdsdag'],
      ['2027-05-16', 'pingstdagen'],
      ['2027-06-06', 'Sveriges nationaldag'],
      ['2027-06-25', 'midsommarafton'],
      ['2027-06-26', 'midsommardagen'],
      ['2027-11-06', 'alla helgons dag'],
      ['2027-12-24', 'julafton'],
      ['2027-12-25', 'juldagen'],
      ['2027-12-26', 'annandag jul'],
      ['2027-12-31', 'nyårsafton'],
    ]);
  });

  it.each([
    [2024, '2024-06-21'],
    [2025, '2025-06-20'],
    [2026, '2026-06-19'],
    [2027, '2027-06-25'],
    [2028, '2028-06-23'],
  ])('midsommarafton %i is %s, a Friday between 19 and 25 June', (year, date) => {
    const eve = [...swedishHolidays(year)].find(([, name]) => name === 'midsommarafton')?.[0];
    expect(eve).toBe(date);
    expect(isSwedishWorkingDay(date)).toBe(false);
  });

  it('knows Kristi himmelsfärdsdag and alla helgons dag of 2026', () => {
    expect(swedishHolidays(2026).get('2026-05-14')).toBe('Kristi himmelsfärdsdag');
    expect(swedishHolidays(2026).get('2026-10-31')).toBe('alla helgons dag');
  });
});

describe('working days', () => {
  it.each([
    ['2026-11-26', true, 'an ordinary Thursday'],
    ['2026-11-28', false, 'a Saturday'],
    ['2026-11-29', false, 'a Sunday'],
    ['2027-03-26', false, 'långfredagen'],
    ['2027-03-29', false, 'annandag påsk'],
    ['2026-05-01', false, 'första maj on a Friday'],
    ['2026-05-14', false, 'Kristi himmelsfärdsdag'],
    ['2026-06-19', false, 'midsommarafton'],
    ['2025-06-06', false, 'nationaldagen on a Friday'],
    ['2025-06-09', true, 'annandag pingst, no holiday since 2005'],
    ['2026-12-24', false, 'julafton'],
    ['2026-12-31', false, 'nyårsafton'],
    ['2027-01-06', false, 'trettondedag jul'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(isSwedishWorkingDay(date)).toBe(working);
  });

  it.each([
    ['2026-11-26', 2, '2026-11-30', 'Thursday + 2 skips the weekend'],
    ['2026-11-28', 2, '2026-12-01', 'from a Saturday: Monday is the first'],
    ['2027-03-24', 2, '2027-03-30', 'over Easter: långfredagen and annandag påsk'],
    ['2026-12-23', 2, '2026-12-29', 'over Christmas: julafton, juldagen, the weekend'],
    ['2026-12-30', 2, '2027-01-05', 'over New Year: nyårsafton, nyårsdagen, the weekend'],
    ['2026-12-30', 3, '2027-01-07', 'and trettondedag jul'],
    ['2027-06-24', 1, '2027-06-28', 'over midsommar'],
    ['2026-05-13', 1, '2026-05-15', 'over Kristi himmelsfärdsdag'],
    ['2026-04-30', 1, '2026-05-04', 'over första maj'],
    ['2026-11-26', 0, '2026-11-26', 'none'],
  ])('%s + %i working days = %s (%s)', (from, days, expected) => {
    expect(addSwedishWorkingDays(from, days)).toBe(expected);
  });

  it('lands on a working day with exactly that many working days after the start', () => {
    const dates = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 15 }), (from, days) => {
        const to = addSwedishWorkingDays(from, days);
        expect(to > from).toBe(true);
        expect(isSwedishWorkingDay(to)).toBe(true);
        let counted = 0;
        for (let d = new Date(`${from}T00:00:00Z`); ;) {
          d.setUTCDate(d.getUTCDate() + 1);
          const day = d.toISOString().slice(0, 10);
          if (isSwedishWorkingDay(day)) counted += 1;
          if (day === to) break;
        }
        expect(counted).toBe(days);
      }),
    );
  });

  it('refuses a negative or fractional number of days and a malformed date', () => {
    expect(() => addSwedishWorkingDays('2026-11-26', -1)).toThrow();
    expect(() => addSwedishWorkingDays('2026-11-26', 1.5)).toThrow();
    expect(() => addSwedishWorkingDays('26-11-2026', 1)).toThrow();
  });
});
