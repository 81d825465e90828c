import type { ErrorDetail } from '../http/errors';

// A letter states the grounds that decided the case and nothing about the watchlist or the
// screening's recommendation (DOMAIN.md, "The decision letter"). The templates never print them; the
// one way in is free text the letter prints as written (an adverse decision's justification), so
// that text is checked when the decision is made, while the officer can still rephrase it.

/** Word stems a letter must never contain, lower case. */
export const LETTER_FORBIDDEN_STEMS = ['bevakningslist', 'watchlist', 'rekommendation'] as const;

export const LETTER_WORD_MESSAGE =
  'is printed in the letter and must not mention the watchlist or the recommendation: state the documented conduct and your assessment';

/** The stems of LETTER_FORBIDDEN_STEMS found in a text (case-insensitive). */
export function forbiddenLetterWords(text: string): string[] {
  const lower = text.toLocaleLowerCase('sv-SE');
  return LETTER_FORBIDDEN_STEMS.filter((stem) => lower.includes(stem));
}

/** A validation detail for a text the letter will print, when it uses a forbidden word. */
export function letterWordProblems(text: string | null | undefined, path: string): ErrorDetail[] {
  return text && forbiddenLetterWords(text).length
    ? [{ path, code: 'letter_mentions_watchlist', message: LETTER_WORD_MESSAGE }]
    : [];
}
