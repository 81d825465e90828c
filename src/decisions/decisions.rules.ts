import type { Recommendation } from '../screening/screening.result';
import type { ApplicationOutcome } from './decisions.table';

// The law's rules for a decision on an application (DOMAIN.md), kept apart so they read as a list.

/** An outcome departs from the recommendation when it goes the other way than the engine pointed. */
export function departsFromRecommendation(
  recommendation: Recommendation,
  outcome: ApplicationOutcome,
): boolean {
  if (outcome === 'denied') return recommendation === 'eligible';
  return recommendation === 'ineligible' || recommendation === 'incomplete';
}

/**
 * Only the engine's clean "eligible" followed by an approval is final at once. A denial is adverse
 * (four eyes), and approving what the engine referred or found wanting is a person's weighing that a
 * second officer confirms.
 */
export function needsSecondOfficer(recommendation: Recommendation, outcome: ApplicationOutcome): boolean {
  return !(outcome === 'approved' && recommendation === 'eligible');
}

/** Reasons are given at decision time: for a denial, a departure, and any weighing of a referral. */
export function needsJustification(recommendation: Recommendation, outcome: ApplicationOutcome): boolean {
  return (
    outcome === 'denied' || recommendation === 'refer' || departsFromRecommendation(recommendation, outcome)
  );
}
