import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { citedGrounds, decidingGrounds, type LetterModel } from '../../src/decisions/letter.model';
import { loadLetterRenderer } from '../../src/decisions/letter.renderer';
import { evaluate } from '../../src/screening/screening.engine';
import {
  approvedModel,
  deniedFacts,
  deniedLetterFacts,
  deniedModel,
  letterRuleSet,
  root,
  withdrawalFindings,
  withdrawalModel,
} from './letter.fixtures';

// Letters for fixed cases, compared byte for byte with files a person has read line by line and
// accepted (test/golden/). When the wording changes on purpose: UPDATE_GOLDEN=1 npm run test:unit --
// test/decisions/letter.golden.test.ts, then review the diff before committing it.

const renderer = loadLetterRenderer(path.join(root, 'templates/letters'));

function expectGolden(name: string, model: LetterModel) {
  const file = path.join(root, 'test/golden', name);
  const { html } = renderer.render(model);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, html);
  expect(html).toBe(readFileSync(file, 'utf8'));
}

it('renders the letter of a denied grant exactly as reviewed', async () => {
  const result = await evaluate(letterRuleSet(), deniedFacts);
  const criteria = [...new Set(result.rules.filter((r) => r.status === 'met').map((r) => r.code))];
  expect(criteria).toEqual(['DEM-1', 'VBE-1', 'WL-1']); // the case is what it claims to be
  expectGolden(
    'decision-letter-denied.html',
    deniedModel(decidingGrounds(result, deniedLetterFacts(), criteria)),
  );
});

it('renders the letter of an approved grant exactly as reviewed', () => {
  expectGolden('decision-letter-approved.html', approvedModel());
});

it('renders the letter of a withdrawal of support exactly as reviewed', () => {
  const grounds = citedGrounds(['VBE-1'], letterRuleSet(), withdrawalFindings);
  expectGolden('withdrawal-letter.html', withdrawalModel(grounds));
});
