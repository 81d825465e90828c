import { orgNumberDigits, parseOrgNumber, parsePersonalNumber } from '../../src/shared/swedish-ids';

describe('organisationsnummer', () => {
  it.each([
    ['556016-0680', '556016-0680'],
    ['5560160680', '556016-0680'],
    ['16556016-0680', '556016-0680'],
    ['165560160680', '556016-0680'],
    [' 802000-0009 ', '802000-0009'],
  ])('accepts %s and stores it as %s', (input, expected) => {
    expect(parseOrgNumber(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['556016-0681', 'check digit'],
    ['551016-0680', 'digits 3–4'],
    ['123', 'must be 10 digits'],
    ['17556016-0680', 'must be 10 digits'],
    ['556016_0680', 'must be 10 digits'],
    ['55601-60680', 'must be 10 digits'],
  ])('refuses %s (%s)', (input, reason) => {
    const r = parseOrgNumber(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(reason);
  });

  it('gives the ten digits of any accepted format for matching', () => {
    expect(orgNumberDigits('16556016-0680')).toBe('5560160680');
    expect(orgNumberDigits('556016-0680')).toBe('5560160680');
    expect(orgNumberDigits('55601')).toBeNull();
  });
});

describe('personnummer', () => {
  const today = new Date('2026-11-26T12:00:00Z');
  it('accepts short and long forms and adds the century', () => {
    expect(parsePersonalNumber('811218-9876', today)).toEqual({ ok: true, value: '19811218-9876' });
    expect(parsePersonalNumber('198112189876', today)).toEqual({ ok: true, value: '19811218-9876' });
    expect(parsePersonalNumber('0101012383', today)).toEqual({ ok: true, value: '20010101-2383' });
  });

  it('treats + as a person over a hundred', () => {
    expect(parsePersonalNumber('121212+1212', today)).toEqual({ ok: true, value: '19121212-1212' });
  });

  it('accepts a samordningsnummer (day + 60)', () => {
    expect(parsePersonalNumber('811278-9873', today)).toEqual({ ok: true, value: '19811278-9873' });
  });

  it('refuses a wrong check digit and impossible dates', () => {
    expect(parsePersonalNumber('811218-9875', today).ok).toBe(false);
    expect(parsePersonalNumber('811332-9876', today).ok).toBe(false);
    expect(parsePersonalNumber('810230-1234', today).ok).toBe(false);
  });
});
