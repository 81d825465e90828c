import type { TokenTier } from './normalise.lexicon';

/** The normalisations a hit can report; stable strings, they are stored in screenings. */
export type Normalisation =
  | 'unicode_nfkc'
  | 'case_fold'
  | 'quotes'
  | 'punctuation'
  | 'initials_collapsed'
  | 'diacritics_fold'
  | 'transliteration_fold'
  | 'ascii_fold'
  | 'genitive_s'
  | 'legal_form_low_weight'
  | 'class_word_low_weight'
  | 'legal_form_typo'
  | 'compound_split'
  | 'compound_joined'
  | 'acronym'
  | 'number_words';

export interface NormToken {
  /** Canonical form compared and indexed: å/ä → a, ö → o. */
  key: string;
  /** The same word with å → aa, ä → ae, ö → oe, when it had such letters. */
  translit?: string;
  /** The key before a genitive or linking -s was dropped, when one was ("tomas" for key "toma"). */
  full?: string;
  /** The word lower-cased, before folding. */
  surface: string;
  /** The word as written, for explanations. */
  written: string;
  tier: TokenTier;
  /** Index of the written word this token came from; a split compound yields two tokens with one word. */
  word: number;
  /** Normalisations that changed this token. */
  applied: Normalisation[];
}
