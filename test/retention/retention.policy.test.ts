import { loadConfig } from '../../src/config';
import { defaultRetentionPolicy, dueOn } from '../../src/retention/retention.policy';

describe('RETENTION_POLICY', () => {
  it('defaults to DOMAIN.md’s examples: clear checks months, referrals years, ended entries months, findings at the age limit', () => {
    expect(loadConfig({}).RETENTION_POLICY).toEqual(defaultRetentionPolicy);
    expect(defaultRetentionPolicy).toMatchObject({
      premises_check_clear: { keepFor: { months: 3 } },
      referral: { keepFor: { years: 2 } },
      watchlist_entry_ended: { keepFor: { months: 3 } },
      finding: { keepFor: { years: 10 } },
    });
  });

  it('takes an override that names only what it changes', () => {
    const policy = loadConfig({
      RETENTION_POLICY:
        '{"decisionReference":"KFN 2026/9","referral":{"keepFor":{"years":3},"decisionReference":"KFN 2025/1"}}',
    }).RETENTION_POLICY;
    expect(policy).toMatchObject({
      decisionReference: 'KFN 2026/9',
      referral: { keepFor: { years: 3 }, decisionReference: 'KFN 2025/1' },
      premises_check_clear: { keepFor: { months: 3 } },
    });
  });

  it.each([
    ['not JSON', '{', /RETENTION_POLICY is not valid JSON/],
    ['an unknown kind', '{"decisions":{"keepFor":{"years":1}}}', /RETENTION_POLICY/],
    [
      'a zero period',
      '{"finding":{"keepFor":{"years":0}}}',
      /RETENTION_POLICY\.finding\.keepFor .*longer than zero/,
    ],
    ['an empty reference', '{"decisionReference":"  "}', /RETENTION_POLICY\.decisionReference/],
  ])('stops the start with a one-line reason for %s', (_what, value, reason) => {
    expect(() => loadConfig({ RETENTION_POLICY: value })).toThrow(reason);
  });

  it('counts calendar months and years from the day the period starts', () => {
    expect(dueOn('2027-01-31', { months: 3 })).toBe('2027-04-30');
    expect(dueOn('2016-02-29', { years: 10 })).toBe('2026-02-28');
    expect(dueOn('2026-12-06', { years: 2 })).toBe('2028-12-06');
  });
});
