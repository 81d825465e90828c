import path from 'node:path';
import {
  citedGrounds,
  decidingGrounds,
  otherConditionsClear,
  type LetterModel,
} from '../../src/decisions/letter.model';
import { loadLetterRenderer } from '../../src/decisions/letter.renderer';
import { evaluate } from '../../src/screening/screening.engine';
import type { EvaluationResult } from '../../src/screening/screening.result';
import type { ScreeningFacts } from '../../src/screening/screening.facts';
import { textOf } from '../web/web-support';
import {
  approvedModel,
  deniedFacts,
  deniedLetterFacts,
  deniedModel,
  letterRuleSet,
  root,
  SECRET_PROVISION,
  withdrawalFindings,
  withdrawalModel,
} from './letter.fixtures';

// What a letter says, case by case (DOMAIN.md "The decision letter"), read as the association reads
// it: the visible text. The golden files fix the exact wording; these fix the rules behind it.

const renderer = loadLetterRenderer(path.join(root, 'templates/letters'));
const render = (m: LetterModel) => {
  const { html } = renderer.render(m);
  return { html, text: textOf(html) };
};

const metCodes = (r: Awaited<ReturnType<typeof evaluate>>) => [
  ...new Set(r.rules.filter((x) => x.status === 'met').map((x) => x.code)),
];

async function deniedLetter(facts: ScreeningFacts = deniedFacts, model: Partial<LetterModel> = {}) {
  const result = await evaluate(letterRuleSet(), facts);
  const letterFacts = deniedLetterFacts().filter((f) => facts.findings.some((x) => x.id === f.id));
  return render({ ...deniedModel(decidingGrounds(result, letterFacts, metCodes(result))), ...model });
}

const VBE_CRITERION = 'uppmuntrar eller möjliggör våldsbejakande extremism';
const DEM1_CRITERION = 'utövar våld, tvång eller hot';

/** Words a letter never contains, whatever the case (DOMAIN.md; issue 11 point 5). */
function expectNothingOfTheScreening(html: string) {
  expect(html.toLowerCase()).not.toMatch(/bevakningslist|watchlist|rekommend|sha256|[0-9a-f]{64}/);
  expect(html).not.toMatch(/\b(WL|SUP)-\d/);
  expect(html).not.toContain('Östermalms Ungdomsförening</dd>'); // the hit's matched name is not a field
  expect(html).not.toContain('eligibility');
}

describe('a denied grant', () => {
  it('states only the ground that decided it, with its rule and the facts, then one sentence on the rest', async () => {
    const { text } = await deniedLetter();
    expect(text).toContain(
      `Regel Föreningen, eller någon som företräder den inom ramen för verksamheten, ${VBE_CRITERION}.`,
    );
    expect(text).toContain(
      'Regeln finns i Stockholms stads regler för föreningsstöd, avsnitt 4.2 (demokrativillkoret)',
    );
    expect(text).toContain('1 juni 2026: Föreningens ordförande uppmanade till våld');
    expect(text).toContain('Källa: Föreningens film från mötet');
    // DEM-1 was met too (an unverified report: refer only), so it did not decide the case.
    expect(text).not.toContain(DEM1_CRITERION);
    expect(text).not.toContain('hotat en besökare');
    expect(text).not.toContain('Anonymt tips');
    expect(text.match(/övriga villkoren för stöd utan att finna något hinder/g)).toHaveLength(1);
    expect(text).toContain('Vår bedömning Er ordförande har uppmanat till våld');
  });

  it('never mentions the watchlist hit, the recommendation or the rule set hash', async () => {
    const { html } = await deniedLetter();
    expectNothingOfTheScreening(html);
  });

  it('describes secret material without its source and names the provision it is withheld under', async () => {
    const { html, text } = await deniedLetter();
    expect(text).toContain('15 augusti 2026: Föreningen lät en grupp');
    expect(html).not.toContain('Polisens underrättelse');
    expect(html).not.toContain('A123.456/2026');
    expect(text).toContain(
      `Uppgiften om källan omfattas av sekretess enligt ${SECRET_PROVISION}. Därför anger vi den inte.`,
    );
  });

  it('tells when the association got the material, by when it could answer and what it answered', async () => {
    const { text } = await deniedLetter();
    expect(text).toContain(
      'Ni fick ta del av underlaget den 5 november 2026 och hade till den 19 november 2026 på er att svara.',
    );
    expect(text).toContain(
      'Ni svarade den 17 november 2026. Ert svar i korthet: Föreningen anser att ordförandens uttalande',
    );
  });

  it('names the delegat with the delegation point, the föredragande and a contact person', async () => {
    const { text } = await deniedLetter();
    expect(text).toContain(
      'Bo Ström, enhetschef, har fattat beslutet på delegation från Hägersten-Älvsjö stadsdelsnämnd enligt punkt 4.3 i nämndens delegationsordning.',
    );
    expect(text).toContain('Anna Ek har varit föredragande.');
    expect(text).toContain(
      'Om ni har frågor om beslutet, kontakta Anna Ek via Stockholms stads kontaktcenter, 08-508 000 00. Ange diarienummer HÄ 2026/0042.',
    );
  });

  it('explains laglighetsprövning: who may appeal, where, the deadline from the minutes of the meeting the decision was reported to, what the court can do', async () => {
    const { text } = await deniedLetter();
    expect(text).toContain('laglighetsprövning enligt 13 kap. kommunallagen (2017:725)');
    expect(text).toContain('Den som är medlem av kommunen kan överklaga beslutet genom laglighetsprövning');
    expect(text).toContain('Skicka det till Förvaltningsrätten i Stockholm.');
    expect(text).toContain('diarienummer HÄ 2026/0042');
    expect(text).toContain(
      'anmäls till Hägersten-Älvsjö stadsdelsnämnd vid ett av nämndens sammanträden. Överklagandet ska ha kommit in till förvaltningsrätten inom tre veckor från den dag då det tillkännagavs på kommunens anslagstavla att protokollet från det sammanträdet har justerats.',
    );
    expect(text).toContain(
      'Domstolen kan upphäva beslutet, men den kan inte ändra det eller fatta ett annat beslut i stället.',
    );
  });

  it('a denial on a referral alone rests on the weighed facts and the officer’s reasons', async () => {
    // Only the unverified report (DEM-1, refer) and the watchlist hit: no rule made it ineligible.
    const facts = { ...deniedFacts, findings: deniedFacts.findings.filter((f) => f.id === 'f-3') };
    const { html, text } = await deniedLetter(facts);
    expect(text).toContain(DEM1_CRITERION);
    expect(text).toContain(
      'En styrelseledamot ska ha hotat en besökare vid föreningens öppna hus. Källa: Anonymt tips till förvaltningen. Uppgiften är inte bekräftad.',
    );
    expect(text).not.toContain(VBE_CRITERION);
    expect(text).toContain('Vår bedömning');
    expectNothingOfTheScreening(html);
  });

  it('a denial on the watchlist hit alone cites no rule: the officer’s reasons are the grounds', async () => {
    const facts = { ...deniedFacts, findings: [] };
    const { html, text } = await deniedLetter(facts, {
      reasoning: 'Ni har låtit en våldsbejakande grupp hyra er lokal i andra hand.',
    });
    expect(html).not.toContain('class="ground"');
    expect(text).toContain(
      'Skäl för beslutet Vår bedömning Ni har låtit en våldsbejakande grupp hyra er lokal i andra hand.',
    );
    expectNothingOfTheScreening(html);
  });

  it('an incomplete formal requirement beside a conduct ground does not decide the case', async () => {
    const facts: ScreeningFacts = {
      ...deniedFacts,
      application: {
        ...deniedFacts.application,
        statutes: { ...deniedFacts.application.statutes, auditor: false },
      },
    };
    const result = await evaluate(letterRuleSet(), facts);
    expect(metCodes(result)).toContain('FORM-4');
    const grounds = decidingGrounds(result, deniedLetterFacts(), metCodes(result));
    expect(grounds.map((g) => g.code)).toEqual(['VBE-1']);
    // With no conduct ground, the formal requirement is the ground.
    const formal = await evaluate(letterRuleSet(), { ...facts, findings: [] });
    expect(decidingGrounds(formal, [], metCodes(formal)).map((g) => g.code)).toEqual(['FORM-4']);
  });
});

describe('kommunicering', () => {
  const base = () => deniedModel([]);

  it('says the other conditions did not affect the decision when one of them was not met either', () => {
    const { text } = render({ ...base(), otherConditionsClear: false });
    expect(text).toContain('De övriga villkoren för stöd har inte påverkat beslutet.');
    expect(text).not.toContain('utan att finna något hinder');
  });

  it('counts a met rule that refuses or asks for completion, beside the deciding one, as not clear', () => {
    const rule = (code: string, outcome: string, status = 'met') => ({ code, outcome, status });
    const result = (...rules: ReturnType<typeof rule>[]) => ({ rules }) as unknown as EvaluationResult;
    const denied = { outcome: 'denied', criteria: ['VBE-1', 'FORM-3', 'DEM-1', 'WL-1'] };
    expect(
      otherConditionsClear(result(rule('VBE-1', 'ineligible'), rule('FORM-3', 'incomplete')), denied),
    ).toBe(false);
    // A refer rule was weighed by the officer, and the watchlist is no condition of support.
    expect(
      otherConditionsClear(
        result(rule('VBE-1', 'ineligible'), rule('DEM-1', 'refer'), rule('WL-1', 'refer')),
        denied,
      ),
    ).toBe(true);
    expect(
      otherConditionsClear(
        result(rule('VBE-1', 'ineligible'), rule('FORM-3', 'incomplete', 'not_met')),
        denied,
      ),
    ).toBe(true);
  });

  it('says so when the association did not answer by the deadline', () => {
    for (const [status, words] of [
      ['no_reply', 'Ni svarade inte.'],
      ['awaiting_reply', 'Vi hade inte fått något svar från er när vi fattade beslutet.'],
    ] as const) {
      const { text } = render({
        ...base(),
        communication: { sentOn: '2026-11-05', replyBy: '2026-11-19', status },
      });
      expect(text).toContain(
        `Ni fick ta del av underlaget den 5 november 2026 och hade till den 19 november 2026 på er att svara. ${words}`,
      );
    }
  });

  it('states the FL 25 § exemption and its reason when the decision was made without it', () => {
    const { text } = render({
      ...base(),
      communication: {
        exemption: {
          ground: 'cannot_wait',
          groundText: 'Ett avgörande kan inte skjutas upp.',
          justification:
            'Lokalen skulle annars upplåtas redan i morgon till ett möte där det finns risk för våld.',
        },
      },
    });
    expect(text).toContain(
      'Vi fattade beslutet utan att först låta er ta del av underlaget och svara på det. Det är tillåtet i vissa fall enligt 25 § förvaltningslagen (2017:900).',
    );
    expect(text).toContain('Undantaget som gäller: Ett avgörande kan inte skjutas upp.');
    expect(text).toContain('Därför gäller undantaget i ert ärende: Lokalen skulle annars upplåtas');
    expect(text).not.toContain('Ni fick ta del av underlaget');
  });

  it('an earlier decision known only by its communication date says just that date', () => {
    const { text } = render({
      ...base(),
      communication: { sentOn: '2026-11-20', replyBy: null, status: null },
    });
    expect(text).toContain('Ni fick ta del av underlaget den 20 november 2026.');
    expect(text).not.toContain('hade till den');
    expect(text).not.toContain('Ni svarade');
  });
});

describe('an approved grant', () => {
  it('states amount, period, conditions and that the grant may be withdrawn and reclaimed', () => {
    const { html, text } = render(approvedModel());
    expect(text).toContain('Hägersten-Älvsjö stadsdelsnämnd beviljar er ansökan om föreningsbidrag.');
    expect(text).toContain('Ni får 18 500 kronor för perioden 1 januari 2027 – 31 december 2027.');
    expect(text).toContain(
      'Villkor för bidraget Bidraget får bara användas till klubbens verksamhet för barn och unga under 2027.',
    );
    expect(text).toContain(
      'Om ni inte följer villkoren, eller om ni har lämnat felaktiga uppgifter i ansökan, kan nämnden dra in bidraget. Nämnden kan då också kräva tillbaka pengar som redan har betalats ut (återkrav).',
    );
    expect(text).toContain('Vi har prövat er ansökan mot villkoren för stöd utan att finna något hinder.');
    expect(text).not.toContain('Underlaget och ert svar');
    expect(text).toContain('Hur ni överklagar');
    expectNothingOfTheScreening(html);
  });

  it('without conditions still carries the reservation', () => {
    const { text } = render({ ...approvedModel(), conditions: null });
    expect(text).toContain('Villkor för bidraget Om ni inte följer villkoren');
    expect(text).toContain('(återkrav)');
  });
});

describe('premises', () => {
  const premises: LetterModel['application'] = {
    kind: 'premises',
    receivedOn: '2026-11-02',
    grant: null,
    premises: {
      venue: 'Älvsjö medborgarhus, sal 2',
      from: '2027-01-15T17:00:00Z',
      to: '2027-01-15T20:00:00Z',
    },
  };

  it('a refusal of premises is a decision letter like a grant denial', async () => {
    const result = await evaluate(letterRuleSet(), deniedFacts);
    const { text } = render({
      ...deniedModel(decidingGrounds(result, deniedLetterFacts(), metCodes(result))),
      application: premises,
    });
    expect(text).toContain('Beslut om lokal');
    expect(text).toContain('Hägersten-Älvsjö stadsdelsnämnd avslår er ansökan om att få använda en lokal.');
    expect(text).toContain('Lokal Älvsjö medborgarhus, sal 2');
    expect(text).toContain('Tid 15 januari 2027 kl. 18:00–21:00');
    expect(text).toContain(VBE_CRITERION);
  });

  it('a premises approval carries its conditions but no grant reservation', () => {
    const { text } = render({
      ...approvedModel(),
      application: premises,
      conditions: 'Lokalen ska lämnas städad.',
    });
    expect(text).toContain('beviljar er ansökan om att få använda en lokal.');
    expect(text).toContain('Villkor Lokalen ska lämnas städad.');
    expect(text).not.toContain('återkrav');
    expect(text).not.toContain('Ni får');
  });
});

describe('support decisions', () => {
  const grounds = () => citedGrounds(['VBE-1'], letterRuleSet(), withdrawalFindings);

  it('a withdrawal cites its criteria with their findings, and only those', () => {
    const { html, text } = render(withdrawalModel(grounds()));
    expect(text).toContain('beslutar att dra in allt stöd från nämnden till er förening');
    expect(text).toContain(VBE_CRITERION);
    expect(text).toContain('1 juni 2026: Föreningens ordförande uppmanade till våld');
    // A documented fact of another criterion's kind is not what this decision rests on.
    expect(text).not.toContain('nekade en person medlemskap');
    expect(text).not.toContain('övriga villkoren');
    expect(html).not.toContain('Polisens underrättelse');
    expectNothingOfTheScreening(html);
  });

  it('a committee decision names the meeting and paragraph, and the appeal runs from those minutes', () => {
    const { text } = render(withdrawalModel(grounds()));
    expect(text).toContain(
      'Hägersten-Älvsjö stadsdelsnämnd fattade beslutet vid sitt sammanträde den 10 december 2026, § 14.',
    );
    expect(text).toContain(
      'inom tre veckor från den dag då det tillkännagavs på kommunens anslagstavla att protokollet från nämndens sammanträde den 10 december 2026 har justerats.',
    );
    expect(text).not.toContain('på delegation');
    expect(text).toContain('Ni svarade inte.');
  });

  it('a restoration says support may resume, with the reasons', () => {
    const { html, text } = render({
      ...withdrawalModel([]),
      kind: 'restoration',
      outcome: 'restored',
      reasoning: 'Föreningen har bytt styrelse och tagit avstånd från det som hände.',
      communication: null,
    });
    expect(text).toContain('Beslut om återupptaget stöd');
    expect(text).toContain(
      'beslutar att er förening åter kan få stöd från nämnden, både föreningsbidrag och tillgång till de lokaler som nämnden hyr ut.',
    );
    expect(text).toContain('Vår bedömning Föreningen har bytt styrelse');
    expect(text).not.toContain('dra in');
    expectNothingOfTheScreening(html);
  });
});
