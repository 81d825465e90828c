import { addSwedishWorkingDays } from '../shared/swedish-working-days';
import type { CheckStatus } from './premises.schemas';
import type { CheckResult, ReferralOutcome, ReferralStatus } from './premises.table';

// What the booking desk is told, in Swedish. Neutral on purpose: a refer says that the booking must
// be checked and when an answer comes, never why (no reason, name, score or criterion), so the
// clerk has nothing to pass on to the association but the check number and the date.
export const MESSAGES = {
  clear: 'Inget hinder. Bokningen kan bekräftas.',
  refer: (checkId: string, answerBy: string) =>
    `Bokningen behöver stämmas av innan den bekräftas. Kontrollnummer: ${checkId}. Du får besked senast ${answerBy}.`,
} as const;

let last = { today: '', days: -1, answerBy: '' };

/**
 * The day the coordinators must answer by: `days` Swedish working days after the (Swedish) day of
 * the check. Computed in process, from the clock and the calendar, so the check's hot path gains no
 * round trip; and kept for the day, since every check of a day gets the same date.
 */
export function answerByFor(today: string, days: number): string {
  if (last.today !== today || last.days !== days) {
    last = { today, days, answerBy: addSwedishWorkingDays(today, days) };
  }
  return last.answerBy;
}

/**
 * The status of a check as its booking clerk sees it. A referral resolved before outcomes existed
 * carries no outcome: the desk is told it cannot be confirmed, the one safe reading (ask again
 * rather than let the room on an answer nobody recorded).
 */
export function checkStatus(
  result: CheckResult,
  referral: { status: ReferralStatus; outcome: ReferralOutcome | null } | null,
): CheckStatus {
  if (result === 'clear') return 'clear';
  if (!referral || referral.status === 'open') return 'awaiting_answer';
  return referral.outcome === 'no_obstacle' ? 'no_obstacle' : 'not_cleared';
}
