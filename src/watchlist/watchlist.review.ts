import { addYears } from '../shared/calendar-date';

/**
 * An entry must be re-validated at least yearly (DOMAIN.md): its review date lies between today and
 * one year ahead. Returns what is wrong, or null.
 */
export function reviewByProblem(
  reviewBy: string,
  today: string,
): { code: 'review_by_past' | 'review_by_too_far'; message: string } | null {
  if (reviewBy < today) return { code: 'review_by_past', message: 'review_by is in the past' };
  if (reviewBy > addYears(today, 1)) {
    return { code: 'review_by_too_far', message: 'review_by is more than one year ahead' };
  }
  return null;
}
