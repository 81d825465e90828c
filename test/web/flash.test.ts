import { flashText } from '../../src/web/web.flash.sv';
import { redirect } from '../../src/web/web.page';

// The message after a form post: named by a key in the address, shown once in Swedish.

describe('messages after a redirect', () => {
  it('puts the key before the fragment, so the page opens where it should and still says what was done', () => {
    expect(redirect('/ansokningar/1#uppgifter', 'uppgift-registrerad')).toEqual({
      redirect: '/ansokningar/1?klart=uppgift-registrerad#uppgifter',
    });
    expect(redirect('/hanvisningar', 'hanvisning-avslutad')).toEqual({
      redirect: '/hanvisningar?klart=hanvisning-avslutad',
    });
    expect(redirect('/foreningar')).toEqual({ redirect: '/foreningar' });
  });

  it('shows the Swedish text for a known key and nothing for anything else', () => {
    expect(flashText('forening-registrerad')).toBe('Föreningen är registrerad.');
    expect(flashText('constructor')).toBeUndefined();
    expect(flashText('<script>')).toBeUndefined();
    expect(flashText(['granskad'])).toBeUndefined();
  });
});
