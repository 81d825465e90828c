import path from 'node:path';
import type { FindingRow } from '../../src/applications/applications.table';
import {
  letterFindings,
  loadCommunicationLetter,
  type CommunicationLetterModel,
} from '../../src/communications/communications.letter';
import { projectRoot } from '../../src/shared/project-root';

// The kommuniceringsbrev's material: a finding covered by secrecy is described without its source,
// and the letter says what was withheld and under which provision.

const letter = loadCommunicationLetter(path.join(projectRoot(), 'templates', 'letters'));

function findingRow(extra: Partial<FindingRow> & { secrecy?: { provision: string } | null }): FindingRow {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    application_id: '00000000-0000-4000-8000-000000000002',
    category: 'violence_coercion_threats',
    description: 'En styrelseledamot hotade en medlem som ville lämna föreningen.',
    source: 'Polisanmälan K765432-26',
    occurred_on: '2026-05-03',
    verified: true,
    acting_for_association: true,
    mitigation: { distanced: false, actionTaken: false, oneOff: false },
    recorded_by: 'x',
    created_at: new Date('2026-06-01T00:00:00Z'),
    ...extra,
  } as FindingRow;
}

function render(findings: FindingRow[]): string {
  const model: CommunicationLetterModel = {
    municipality: 'Stockholms stad',
    committee: 'Hägersten-Älvsjö stadsdelsnämnd',
    caseNumber: 'HÄ 2026/12',
    sentOn: '20 november 2026',
    replyBy: '4 december 2026',
    association: { name: 'Föreningen <Test>', orgNumber: '802000-0001' },
    considering: 'Nämnden överväger att dra in allt stöd som föreningen får från kommunen.',
    consequence: 'Det skulle betyda något.',
    ...letterFindings(findings),
    contact: { name: 'Anna Ek', details: 'Kontaktcenter, 08-508 000 00' },
  };
  return letter.render(model).html;
}

it('names each finding’s source when nothing is secret, and says nothing was withheld', () => {
  const html = render([findingRow({})]);
  expect(html).toContain('Polisanmälan K765432-26');
  expect(html).toContain('3 maj 2026');
  expect(html).toContain('Våld, tvång eller hot');
  expect(html).not.toMatch(/lämnas därför inte ut|sekretess enligt/);
  expect(html).toContain('Föreningen &lt;Test&gt;');
});

it('describes a secret finding without its source and names the provision it was withheld under', () => {
  const provision = '18 kap. 1 § offentlighets- och sekretesslagen (2009:400)';
  const html = render([
    findingRow({ secrecy: { provision }, source: 'Förundersökning 0201-K123-26, uppgiftslämnare X' }),
    findingRow({ id: '00000000-0000-4000-8000-000000000003', verified: false }),
  ]);
  expect(html).toContain('En styrelseledamot hotade en medlem');
  expect(html).not.toContain('Förundersökning 0201-K123-26');
  expect(html).not.toContain('uppgiftslämnare X');
  expect(html).toContain(
    `Vi kan inte lämna ut källan, eftersom uppgiften om den omfattas av sekretess enligt ${provision}.`,
  );
  expect(html).toContain(
    `En del av materialet omfattas av sekretess och lämnas därför inte ut (${provision})`,
  );
  expect(html).toContain('Polisanmälan K765432-26');
  expect(html).toContain('Uppgiften är ännu inte bekräftad.');
});
