import { addYears } from '../shared/calendar-date';

/**
 * An entry must be re-validated at least yearly (DOMAIN.md): its review date lies between today and
 * one year ahead. Returns what is wrong, or null.
 */
export function reviewByProblem(reviewBy: string, today: string): string | null {
  if (reviewBy < today) return 'review_by is in the past';
  if (reviewBy > addYears(today, 1)) return 'review_by is more than one year ahead';
  return null;
}
