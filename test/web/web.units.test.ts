import path from 'node:path';
import { criterionGroups } from '../../src/web/pages/screenings/screening.view-model';
import { explainMatch } from '../../src/web/web.match-explanation';
import { stockholmLocalToInstant } from '../../src/web/web.time';
import { SV, svError, svLineError, svProblem } from '../../src/web/web.validation.sv';
import { nameSchema, orgNumberSchema } from '../../src/http/common.schemas';
import { zodDetails } from '../../src/http/validation-details';
import { ConflictError, ValidationError, type ErrorCode, type ErrorDetail } from '../../src/http/errors';
import { parseWatchlistCsv, WATCHLIST_CSV_COLUMNS } from '../../src/watchlist/watchlist.csv';
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
  const problemsOf = (schema: { safeParse(v: unknown): { error?: unknown } }, value: unknown) =>
    zodDetails(schema.safeParse(value).error as Parameters<typeof zodDetails>[0], 'body');

  it('translates the problems a form meets by their code, whatever the English says', () => {
    const [org] = problemsOf(orgNumberSchema, '551000-0000');
    expect(org).toMatchObject({ code: 'invalid_org_number', params: { reason: 'org_digits' } });
    expect(svProblem(org!)).toBe('Ogiltigt organisationsnummer: siffra 3–4 ska vara minst 20.');
    const [long] = problemsOf(nameSchema, 'x'.repeat(301));
    expect(long).toMatchObject({ code: 'too_long', params: { max: 300 } });
    // Rewording the API's English changes nothing on the page.
    const reworded: ErrorDetail = { ...long!, message: 'a new English wording' };
    expect(svProblem(reworded)).toBe('Högst 300 tecken.');
    expect(svProblem({ code: 'too_long', params: { max: 2000 } })).toBe('Högst 2\u00a0000 tecken.');
  });

  it('says a conflict by its reason, and a refusal without one by its top-level code', () => {
    const pending = new ConflictError('The decision is final, not awaiting approval', {
      code: 'decision_not_pending',
      params: { status: 'final' },
    });
    expect(svError(pending)).toBe('Beslutsförslaget väntar inte längre på godkännande. Status nu: beslutat.');
    expect(svError(new ConflictError('Something a later version says'))).toMatch(/^Det gick inte/);
    expect(svError(new ValidationError('Request validation failed', []))).toBe('Uppgiften godtas inte.');
  });

  it('names the column of a rejected CSV line in Swedish', () => {
    const line = `organisation,,,,discrimination,,s,2099-01-01`;
    const { rejected } = parseWatchlistCsv(`${WATCHLIST_CSV_COLUMNS.join(',')}\n${line}\n`, { today: null });
    expect(rejected.map(svLineError)).toEqual(['Namnet (name) saknas. Skälet (reason) saknas.']);
    // A job stored before lines had codes still shows its English complaint.
    expect(svLineError({ error: 'name is empty' })).toBe('name is empty');
  });

  it('no two codes read alike, so a person can tell the problems apart', () => {
    // Codes that are one problem in two settings (a missing value from an API client and from a
    // form) may share; any other pair of equal texts hides a difference from the reader.
    const shared = new Set<ErrorCode>(['invalid_type', 'invalid']);
    const seen = new Map<string, ErrorCode>();
    const params = { max: 1, min: 1, days: 1, years: 1, months: 1, events: 1, status: 'x', replyBy: 'x' };
    for (const code of Object.keys(SV) as ErrorCode[]) {
      if (shared.has(code)) continue;
      const text = SV[code](params);
      expect([code, seen.get(text)]).toEqual([code, undefined]);
      seen.set(text, code);
    }
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
