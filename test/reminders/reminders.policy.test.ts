import { loadConfig } from '../../src/config';
import { addInterval, addMonths, defaultReminderPolicy } from '../../src/reminders/reminders.policy';

describe('reminder policy', () => {
  it('has the defaults of DOMAIN.md: who does each follow-up and when', () => {
    expect(defaultReminderPolicy).toMatchObject({
      cancel_bookings: { assigneeRole: 'booking_staff', dueAfter: { days: 0 } },
      notify_association: { assigneeRole: 'case_officer', dueAfter: { days: 5 } },
      recover_grant: { assigneeRole: 'case_officer', dueAfter: { months: 1 } },
      reassess: { assigneeRole: 'case_officer', dueAfter: { months: 12 } },
      annual_follow_up: { assigneeRole: 'coordinator', dueAfter: { months: 12 } },
      review_support: { assigneeRole: 'coordinator' },
      review_watchlist_entry: { assigneeRole: 'coordinator', daysBefore: 14 },
    });
  });

  it('takes overrides from REMINDER_POLICY, keeping the defaults of everything not named', () => {
    const { REMINDER_POLICY: p } = loadConfig({
      REMINDER_POLICY:
        '{"notify_association":{"dueAfter":{"days":2}},"recover_grant":{"assigneeRole":"coordinator"}}',
    });
    expect(p.notify_association).toEqual({ assigneeRole: 'case_officer', dueAfter: { days: 2 } });
    expect(p.recover_grant).toEqual({ assigneeRole: 'coordinator', dueAfter: { months: 1 } });
    expect(p.cancel_bookings).toEqual(defaultReminderPolicy.cancel_bookings);
  });

  it.each([
    ['{nope', 'Invalid configuration: REMINDER_POLICY is not valid JSON'],
    ['{"recover_grant":{"assigneeRole":"admin"}}', 'REMINDER_POLICY.recover_grant.assigneeRole'],
    ['{"reassess":{"dueAfter":{"weeks":2}}}', 'REMINDER_POLICY.reassess.dueAfter'],
    ['{"annual_follow_up":{"dueAfter":{"days":0}}}', 'REMINDER_POLICY.annual_follow_up.dueAfter'],
    ['{"cancel_booking":{}}', 'REMINDER_POLICY'],
    ['{"review_support":{"assigneeRole":"booking_staff"}}', 'REMINDER_POLICY.review_support.assigneeRole'],
    [
      '{"review_watchlist_entry":{"assigneeRole":"booking_staff"}}',
      'REMINDER_POLICY.review_watchlist_entry.assigneeRole',
    ],
    [
      '{"recover_grant":{"assigneeRole":"booking_staff"}}',
      'only cancel_bookings may be assigned to booking_staff',
    ],
  ])('refuses %s with a one-line reason naming the place', (json, expected) => {
    expect(() => loadConfig({ REMINDER_POLICY: json })).toThrow(expected);
    try {
      loadConfig({ REMINDER_POLICY: json });
    } catch (e) {
      expect((e as Error).message).not.toContain('\n');
    }
  });

  it('refuses a webhook that is not an http(s) URL and a negative interval', () => {
    expect(() => loadConfig({ NOTIFY_WEBHOOK_URL: 'ftp://relay/hook' })).toThrow(/NOTIFY_WEBHOOK_URL/);
    expect(() => loadConfig({ SCHEDULER_INTERVAL_SECONDS: '-1' })).toThrow(/SCHEDULER_INTERVAL_SECONDS/);
    expect(loadConfig({}).SCHEDULER_INTERVAL_SECONDS).toBe(60);
    expect(loadConfig({ SCHEDULER_INTERVAL_SECONDS: '0' }).SCHEDULER_INTERVAL_SECONDS).toBe(0);
  });
});

describe('calendar arithmetic of due dates', () => {
  it('adds months clamping to the end of the month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-26', 12)).toBe('2027-11-26');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addInterval('2026-11-26', { days: 5 })).toBe('2026-12-01');
    expect(addInterval('2026-11-26', { months: 1, days: 6 })).toBe('2027-01-01');
  });

  it('counts a yearly series from its anchor, so a leap day does not drift to the 28th for good', () => {
    const series = [1, 2, 3, 4].map((n) => addInterval('2028-02-29', { months: 12 }, n));
    expect(series).toEqual(['2029-02-28', '2030-02-28', '2031-02-28', '2032-02-29']);
  });
});
