import { caseNumberFormatProblem, formatCaseNumber } from '../../src/cases/cases.number';
import { ConfigError, loadConfig } from '../../src/config';

describe('CASE_NUMBER_FORMAT', () => {
  it('makes numbers of the year and the sequence, padded when asked', () => {
    expect(formatCaseNumber('HÄ {year}/{seq}', 2026, 17)).toBe('HÄ 2026/17');
    expect(formatCaseNumber('KFN-{seq:4}-{year}', 2027, 3)).toBe('KFN-0003-2027');
    expect(formatCaseNumber('Dnr {year}/{seq:2}', 2026, 12345)).toBe('Dnr 2026/12345');
  });

  it.each([
    ['no sequence', 'HÄ {year}', /exactly once/],
    ['two sequences', '{seq}/{seq}', /exactly once/],
    ['an unknown placeholder', 'HÄ {år}/{seq}', /unknown placeholder \{år\}/],
    ['an unmatched brace', 'HÄ {year/{seq}', /unknown placeholder|unmatched/],
    ['a leading space', ' HÄ {seq}', /space/],
    ['a very long format', `${'x'.repeat(40)}{seq}`, /at most 40/],
  ])('refuses %s', (_what, format, problem) => {
    expect(caseNumberFormatProblem(format)).toMatch(problem);
  });

  it('stops start-up with a one-line reason, and has a default', () => {
    expect(loadConfig({}).CASE_NUMBER_FORMAT).toBe('HÄ {year}/{seq}');
    expect(loadConfig({ CASE_NUMBER_FORMAT: 'KFN {year}-{seq:3}' }).CASE_NUMBER_FORMAT).toBe(
      'KFN {year}-{seq:3}',
    );
    let error: unknown;
    try {
      loadConfig({ CASE_NUMBER_FORMAT: 'HÄ {year}' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      'Invalid configuration: CASE_NUMBER_FORMAT must contain {seq} (or {seq:N}) exactly once, so that numbers are unique',
    );
    expect((error as Error).message).not.toContain('\n');
  });
});
