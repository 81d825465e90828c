import { addYears } from '../shared/calendar-date';
import { ValidationError, type ErrorDetail } from './errors';

// The bounds of dates that depend on today (the injected clock), in one place. The schemas hold the
// fixed bounds every date and instant shares (a real calendar day, years 1000–9999); these hold the
// ones a schema cannot know: what has happened cannot be in the future, and what is planned (a
// booking, a grant period) lies within PLANNING_YEARS of today — year 2999 is a typing error.

export const PLANNING_YEARS = 10;
export const FUTURE_MESSAGE = 'must not be in the future';
export const PLANNING_MESSAGE = `must be within ${PLANNING_YEARS} years of today`;

export interface DateCheck {
  path: string;
  /** YYYY-MM-DD, or an ISO instant (its date is used); absent values are not checked. */
  value: string | null | undefined;
  rule: 'happened' | 'planned';
}

/** A planned instant's calendar date: the date as written, which is as near as a ten-year window needs. */
const dayOf = (value: string) => value.slice(0, 10);

export function dateProblems(today: string, checks: readonly DateCheck[]): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const c of checks) {
    if (!c.value) continue;
    const day = dayOf(c.value);
    if (c.rule === 'happened' && day > today)
      details.push({ path: c.path, code: 'date_in_future', message: FUTURE_MESSAGE });
    if (
      c.rule === 'planned' &&
      (day < addYears(today, -PLANNING_YEARS) || day > addYears(today, PLANNING_YEARS))
    ) {
      details.push({
        path: c.path,
        code: 'date_outside_planning',
        params: { years: PLANNING_YEARS },
        message: PLANNING_MESSAGE,
      });
    }
  }
  return details;
}

/** Throws one ValidationError naming every date out of its bounds. */
export function checkDates(today: string, checks: readonly DateCheck[]): void {
  const details = dateProblems(today, checks);
  if (details.length) throw new ValidationError('Request validation failed', details);
}
