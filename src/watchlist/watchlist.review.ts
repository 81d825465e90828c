import { addYears } from '../shared/calendar-date';

/**
 * An entry must be re-validated at least yearly (DOMAIN.md): its review date lies between today and
 * one year ahead. Returns what is wrong, or null; the message names the field as the caller's input
 * spells it (`reviewBy` in the API's JSON, `review_by` in a CSV file).
 */
export function reviewByProblem(
  reviewBy: string,
  today: string,
  field: 'reviewBy' | 'review_by',
): { code: 'review_by_past' | 'review_by_too_far'; message: string } | null {
  if (reviewBy < today) return { code: 'review_by_past', message: `${field} is in the past` };
  if (reviewBy > addYears(today, 1)) {
    return { code: 'review_by_too_far', message: `${field} is more than one year ahead` };
  }
  return null;
}
