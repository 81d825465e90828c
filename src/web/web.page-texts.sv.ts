// Swedish texts the pages themselves say about a form, where no API problem code fits: the page
// checks something before any operation runs (a file chosen, a key typed), or says more than the
// API's code can ("Föreningen finns inte i registret." does not say that the number typed was
// searched for). Each text is written once here, beside the labels, not inline in the pages.

export const PAGE_TEXT = {
  /** An organisationsnummer typed into a form names no registered association. */
  orgNumberUnknown: 'Ingen förening med det organisationsnumret är registrerad.',
  /** A new application's form names no association at all. */
  orgNumberMissing: 'Ange föreningens organisationsnummer.',
  /** The watchlist import got neither a file nor pasted lines. */
  importEmpty: 'Välj en fil eller klistra in raderna.',
  /** The sign-in form was sent without a key. */
  signInKeyMissing: 'Ange din inloggningsnyckel.',
  /** The key typed is unknown or belongs to a blocked user (which one is not said). */
  signInKeyRefused: 'Nyckeln är okänd eller spärrad. Kontrollera att du har klistrat in hela nyckeln.',
} as const;
