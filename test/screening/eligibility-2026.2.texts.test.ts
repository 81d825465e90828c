import { loadRuleSets, type LoadedRuleSet, selectRuleSet } from '../../src/screening/rule-set.loader';
import { evaluate } from '../../src/screening/screening.engine';
import type { RuleEvaluation } from '../../src/screening/screening.result';
import { DATE_2026_2 } from './eligibility-2026.2.cases';
import { factsWith, finding, RULES_DIR } from './screening.builders';

// What decision letters and screening pages show from rule set 2026.2: the grounds it cites and the
// sentences DOMAIN.md ("The criteria") requires of each criterion.

const CONDUCT_CODES = ['DEM-1', 'HR-1', 'EQ-1', 'DEM-2', 'DEM-3', 'VBE-1'];

let ruleSet: LoadedRuleSet;
let rules: RuleEvaluation[];

beforeAll(async () => {
  ruleSet = selectRuleSet(await loadRuleSets(RULES_DIR), DATE_2026_2, 'eligibility');
  // Texts as people read them: parameters filled in by the engine.
  rules = (await evaluate(ruleSet, factsWith({ screeningDate: DATE_2026_2 }))).rules;
});

const conduct = () => rules.filter((r) => CONDUCT_CODES.includes(r.code));

describe('rule set 2026.2: grounds', () => {
  test('every rule rests on the municipality’s own rules, with the section left for the municipality to write', () => {
    expect(rules.length).toBe(ruleSet.rules.length);
    for (const r of rules) {
      expect(r.legalBasis).toMatch(/^Stockholms stads regler för föreningsstöd, avsnittet om /);
      expect(r.legalBasis).toContain('kommunallagen (2017:725) 2 kap. 1 §');
      expect(r.legalBasis).toContain('förvaltningslagen (2017:900) 5 §');
    }
  });

  test('no rule cites the action plan or the Arvsfonden law as its ground', () => {
    for (const r of rules) {
      expect(r.legalBasis).not.toMatch(/handlingsplan|arvsfond|2021:401|prop\. 2023\/24:119/i);
    }
  });
});

describe('rule set 2026.2: conduct, never opinions', () => {
  test('every conduct text says opinions, religious doctrine and public debate are not enough', () => {
    expect(conduct()).toHaveLength(12);
    for (const r of conduct()) {
      for (const text of [r.criterion.sv, r.explanation.sv, r.notMetExplanation!.sv]) {
        expect(text).toMatch(/åsikter/i);
        expect(text).toContain('religiös lära');
        expect(text).toContain('samhällsdebatten');
        expect(text).toContain('inom föreningens verksamhet');
      }
      for (const text of [r.criterion.en, r.explanation.en, r.notMetExplanation!.en]) {
        expect(text).toMatch(/opinions, religious doctrine or taking part in public debate/i);
        expect(text).toContain("within the association's activities");
      }
    }
  });

  test('VBE-1 says what "enables" means', () => {
    for (const r of rules.filter((x) => x.code === 'VBE-1')) {
      expect(r.criterion.sv).toContain(
        'Att möjliggöra betyder att låta lokaler, en plattform eller pengar gå till någon som använder eller uppmanar till ideologiskt motiverat våld.',
      );
      expect(r.criterion.en).toContain(
        'To enable means to let premises, a platform or money go to someone who uses or urges ideologically motivated violence.',
      );
    }
  });

  test('EQ-1 and HR-1 say a lawful single-sex activity is not caught', () => {
    for (const r of rules.filter((x) => x.code === 'EQ-1' || x.code === 'HR-1')) {
      expect(r.criterion.sv).toContain('diskrimineringslagen (2008:567) 2 kap. 12 §');
      expect(r.notMetExplanation!.sv).toContain(
        'En verksamhet för bara ett kön som är tillåten enligt diskrimineringslagen 2 kap. 12 § räknas inte.',
      );
    }
  });

  test('the texts name the outer age limit with its value: findings 10 years old or more are not used', () => {
    for (const r of conduct()) {
      expect(r.notMetExplanation!.sv).toContain(
        'Uppgifter om händelser för 10 år sedan eller mer används inte alls.',
      );
      expect(r.notMetExplanation!.en).toContain(
        'Findings about events 10 or more years ago are not used at all.',
      );
    }
    for (const r of conduct().filter((x) => x.outcome === 'refer')) {
      expect(r.explanation.sv).toContain('för 5 år sedan eller mer men för mindre än 10 år sedan');
    }
  });
});

describe('rule set 2026.2: the one-year requirement', () => {
  test('an association younger than a year is told it is refused, and why no completion helps', async () => {
    const result = await evaluate(
      ruleSet,
      factsWith({ screeningDate: DATE_2026_2, association: { registeredOn: '2026-03-01' } }),
    );
    const age = result.rules.find((r) => r.id === 'FORM-1-AGE')!;
    expect(age).toMatchObject({ status: 'met', outcome: 'ineligible' });
    expect(age.explanation.sv).toContain(
      'Det är ett krav som ingen handling kan avhjälpa, så det är ett skäl att avslå ansökan och inte att begära komplettering.',
    );
    expect(age.explanation.sv).not.toContain('ofullständig');
  });

  test('a finding the rules leave out is not among those a met rule relied on', async () => {
    const result = await evaluate(
      ruleSet,
      factsWith({
        screeningDate: DATE_2026_2,
        findings: [
          finding({ id: 'lawful', category: 'gender_equality_violation', lawfulSingleSexActivity: true }),
          finding({ id: 'too-old', category: 'gender_equality_violation', occurredOn: '2015-01-01' }),
          finding({ id: 'counts', category: 'gender_equality_violation', verified: false }),
        ],
      }),
    );
    const refer = result.rules.find((r) => r.id === 'EQ-1-REFER')!;
    expect(refer.status).toBe('met');
    expect(refer.findingIds).toEqual(['counts']);
  });
});
