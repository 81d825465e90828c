import path from 'node:path';
import { criterionGroups } from '../../src/web/pages/screenings/screening.view-model';
import { explainMatch } from '../../src/web/web.match-explanation';
import { stockholmLocalToInstant } from '../../src/web/web.time';
import { svLineError, svMessage } from '../../src/web/web.validation.sv';
import { Views } from '../../src/web/web.views';
import { textOf } from './web-support';

// Pure pieces of the pages: the criterion verdicts, the Swedish texts, time zones, escaping.

const check = (
  ruleId: string,
  code: string,
  status: 'met' | 'not_met' | 'not_evaluated',
  outcome = 'refer',
) => ({
  ruleId,
  code,
  criterion: `Kriteriet för ${ruleId}`,
  outcome: outcome as 'refer',
  status,
  explanation:
    status === 'met' ? 'Regeln slog till.' : status === 'not_met' ? 'Prövat, inte uppfyllt.' : null,
  legalBasis: 'Lagrum',
});

describe('criteria on a screening page', () => {
  const views = new Views(path.join(__dirname, '../../templates'), { cssHref: '/static/web.css' });
  const render = (checks: ReturnType<typeof check>[]) =>
    textOf(
      views.render('replay', {
        title: 't',
        groups: criterionGroups(checks, undefined, undefined),
        replay: {},
      }),
    );

  it('never shows a rule that could not be evaluated as failed', () => {
    const groups = criterionGroups([check('SUP-1', 'SUP-1', 'not_evaluated')], undefined, undefined);
    expect(groups[0]!.status).toBe('not_evaluated');
    const text = render([check('SUP-1', 'SUP-1', 'not_evaluated')]);
    expect(text).toContain('Kriterium SUP-1 Ej bedömt');
    expect(text).toContain('Den har varken godkänts eller underkänts.');
    expect(text).not.toMatch(/SUP-1 (Inget hinder|Prövas särskilt|Hinder finns)/);
  });

  it('gives a criterion the verdict of its rules: met wins with its most severe outcome, then not evaluated', () => {
    const groups = criterionGroups(
      [
        check('DEM-1', 'DEM-1', 'met', 'ineligible'),
        check('DEM-1-REFER', 'DEM-1', 'met', 'refer'),
        check('WL-1', 'WL-1', 'not_met'),
        check('WL-1-REP', 'WL-1', 'not_evaluated'),
      ],
      undefined,
      undefined,
    );
    expect(groups.map((g) => [g.code, g.status, g.outcome])).toEqual([
      ['DEM-1', 'met', 'ineligible'],
      ['WL-1', 'not_evaluated', undefined],
    ]);
  });

  it('words each verdict for its kind of criterion: obstacle for conduct, weighing for refer, requirement for formal', () => {
    const text = render([
      check('VBE-1', 'VBE-1', 'met', 'ineligible'),
      check('VBE-1-REFER', 'VBE-1', 'not_met', 'refer'),
      check('DEM-1', 'DEM-1', 'not_met', 'ineligible'),
      check('DEM-1-REFER', 'DEM-1', 'met', 'refer'),
      check('HR-1', 'HR-1', 'not_met', 'ineligible'),
      check('HR-1-REFER', 'HR-1', 'not_met', 'refer'),
      check('WL-1', 'WL-1', 'met', 'refer'),
      check('FORM-1-AGE', 'FORM-1', 'met', 'ineligible'),
      check('FORM-4', 'FORM-4', 'not_met', 'incomplete'),
    ]);
    expect(text).toMatch(/Kriterium VBE-1 Hinder finns leder till Ej stödberättigad/);
    expect(text).toMatch(/Regel VBE-1: .* Resultat: Hinder finns – utfall Ej stödberättigad/);
    expect(text).toMatch(/Regel VBE-1-REFER: .* Resultat: Inget hinder/);
    expect(text).toMatch(/Kriterium DEM-1 Prövas särskilt leder till Särskild prövning/);
    expect(text).toMatch(/Kriterium HR-1 Inget hinder/);
    expect(text).toMatch(/Kriterium WL-1 Prövas särskilt/);
    expect(text).toMatch(/Kriterium FORM-1 Krav inte uppfyllt leder till Ej stödberättigad/);
    expect(text).toMatch(/Kriterium FORM-4 Krav uppfyllt/);
    expect(text).not.toMatch(/Uppfyllt|Ej uppfyllt/);
  });

  it('escapes what people typed', () => {
    const html = views.render('error', { title: '<b>x</b>', text: '<script>alert(1)</script>', details: [] });
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });
});

describe('Swedish texts', () => {
  it('translates the API messages a form meets, with a Swedish sentence for an unknown one', () => {
    expect(svMessage('invalid organisationsnummer: digits 3–4 must be 20 or more')).toBe(
      'Ogiltigt organisationsnummer: siffra 3–4 ska vara minst 20.',
    );
    expect(svMessage('Too big: expected string to have <=300 characters')).toBe('Högst 300 tecken.');
    expect(svMessage('something new in a later version')).toBe('Uppgiften godtas inte.');
    expect(svLineError('name is empty; reason is empty')).toBe(
      'Namnet (name) saknas. Skälet (reason) saknas.',
    );
  });

  it('explains a watchlist hit once per word pair, and says when the numbers differ', () => {
    const sentences = explainMatch({
      method: 'name',
      matcherVersion: 'v',
      idNumber: { kind: 'org_number', matched: false },
      matchedName: 'Nordiska Stålfronten',
      nameScore: 0.93,
      pairs: [
        { query: 'stalfronten', entry: 'Stålfronten', similarity: 1, weight: 0.4, edits: 0 },
        { query: 'stalfronten', entry: 'Stålfronten', similarity: 1, weight: 0.2, edits: 0 },
        { query: 'nordisk', entry: 'Nordiska', similarity: 0.9, weight: 0.4, edits: 1 },
      ],
      unmatchedQueryTokens: [],
      unmatchedEntryTokens: [],
      normalisations: ['diacritics_fold'],
      summary: 'English',
    });
    expect(sentences).toEqual([
      'Träffen bygger på namn.',
      'Organisationsnumret stämmer inte: namnlikheten är det enda sambandet.',
      'Namnet liknar ”Nordiska Stålfronten” till 93 %.',
      'Ord som motsvarar varandra: ”stalfronten” ≈ ”Stålfronten”, ”nordisk” ≈ ”Nordiska” (1 tecken skiljer).',
      'Skillnader som inte räknas: å, ä, ö och accenter likställda med a, o.',
    ]);
    expect(explainMatch({ not: 'an explanation' })).toEqual([]);
  });
});

describe('Stockholm time in forms', () => {
  it.each([
    ['2027-01-15T18:00', '2027-01-15T18:00:00+01:00'],
    ['2027-07-01T18:00', '2027-07-01T18:00:00+02:00'],
    ['2027-10-31T01:30', '2027-10-31T01:30:00+02:00'],
    ['2027-10-31T04:00', '2027-10-31T04:00:00+01:00'],
    ['inte en tid', 'inte en tid'],
  ])('%s → %s', (local, instant) => {
    expect(stockholmLocalToInstant(local)).toBe(instant);
  });
});
