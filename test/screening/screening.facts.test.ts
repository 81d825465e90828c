import { wholeYearsBetween } from '../../src/shared/calendar-date';
import { deriveFacts, screeningFactsSchema } from '../../src/screening/screening.facts';
import { eligibleFacts, factsWith, finding } from './screening.builders';

describe('wholeYearsBetween', () => {
  test.each([
    ['2021-11-26', '2026-11-26', 5],
    ['2021-11-27', '2026-11-26', 4],
    ['2026-11-26', '2026-11-26', 0],
    ['2026-11-27', '2026-11-26', 0],
    ['2020-01-01', '2018-12-31', -1],
    // A year from 29 February ends on 28 February in a common year.
    ['2024-02-29', '2025-02-28', 1],
    ['2024-02-29', '2025-02-27', 0],
    ['2024-02-29', '2028-02-28', 3],
    ['2024-02-29', '2028-02-29', 4],
  ])('%s to %s is %d whole years', (from, to, years) => {
    expect(wholeYearsBetween(from, to)).toBe(years);
  });

  test('refuses anything but YYYY-MM-DD', () => {
    expect(() => wholeYearsBetween('2026-1-1', '2026-11-26')).toThrow('not a YYYY-MM-DD date');
  });
});

describe('deriveFacts', () => {
  test('adds age, mitigation, registration years and org-number validity, computed from the snapshot only', () => {
    const facts = factsWith({
      association: { registeredOn: '2024-02-29' },
      findings: [
        finding({
          occurredOn: '2019-11-27',
          mitigation: { distanced: false, actionTaken: true, oneOff: false },
        }),
      ],
    });
    const derived = deriveFacts(facts);
    expect(derived.findings[0]).toMatchObject({ ageYears: 6, mitigated: true });
    expect(derived.association).toMatchObject({ registeredYears: 2, orgNumberValid: true });
  });

  test('turns blank or absent declaration fields into null', () => {
    const derived = deriveFacts(
      factsWith({ application: { declaration: { signedBy: '  ', signedOn: undefined } } }),
    );
    expect(derived.application.declaration).toEqual({ signed: true, signedBy: null, signedOn: null });
  });

  test('unknown registration date stays unknown rather than zero', () => {
    expect(
      deriveFacts(factsWith({ association: { registeredOn: null } })).association.registeredYears,
    ).toBeNull();
  });

  test('does not change the snapshot it is given', () => {
    const facts = eligibleFacts();
    facts.findings.push(finding());
    const before = JSON.stringify(facts);
    deriveFacts(facts);
    expect(JSON.stringify(facts)).toBe(before);
  });
});

describe('the snapshot schema', () => {
  test('accepts the builders’ snapshot', () => {
    expect(screeningFactsSchema.safeParse(eligibleFacts()).success).toBe(true);
  });

  test('has no finding category for opinions', () => {
    const r = screeningFactsSchema.safeParse(
      factsWith({ findings: [{ ...finding(), category: 'opinion' as never }] }),
    );
    expect(r.success).toBe(false);
  });
});
