import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { ApplicationRow, FindingRow } from '../applications/applications.table';
import { FINDING_CATEGORY_LABELS_SV } from './communications.words';

// The kommuniceringsbrev (förvaltningslagen 25 §): what the committee is considering deciding, the
// material it would rest on, and how and by when the association can answer. Rendered once, stored
// with its SHA-256 and always served as stored. The wording is in templates/letters (Swedish).

export interface CommunicationLetterFinding {
  occurredOn: string;
  categoryLabel: string;
  description: string;
  /** null when the source is covered by secrecy: the letter then says what was withheld and why. */
  source: string | null;
  secrecyProvision: string | null;
  verified: boolean;
}

export interface CommunicationLetterModel {
  municipality: string;
  committee: string;
  caseNumber: string;
  sentOn: string;
  replyBy: string;
  association: { name: string; orgNumber: string };
  /** What the committee is considering, as one sentence, and what it would mean for the association. */
  considering: string;
  consequence: string;
  findings: CommunicationLetterFinding[];
  /** The secrecy provisions under which something was withheld, each once. */
  withheldUnder: string[];
  /** The handling officer; the answer may also be given to them orally (förvaltningslagen 24 §). */
  contact: { name: string; details: string };
}

export interface CommunicationLetterRenderer {
  render(model: CommunicationLetterModel): { html: string; sha256: string };
}

const longDate = new Intl.DateTimeFormat('sv-SE', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  dateStyle: 'long',
  timeStyle: 'short',
});

/** "2026-12-04" → "4 december 2026": dates in a letter are written out. */
export const writtenDate = (date: string) => longDate.format(new Date(`${date}T00:00:00Z`));

const sek = (n: number) => `${new Intl.NumberFormat('sv-SE').format(n)} kronor`;

/** A finding's secrecy, when the letters' part of the service has marked it (`secrecy: {provision}`). */
function secrecyOf(f: FindingRow): string | null {
  const s = (f as FindingRow & { secrecy?: { provision?: unknown } | null }).secrecy;
  return s && typeof s.provision === 'string' && s.provision.trim() !== '' ? s.provision : null;
}

export function letterFindings(findings: readonly FindingRow[]): {
  findings: CommunicationLetterFinding[];
  withheldUnder: string[];
} {
  const rows = findings.map((f) => {
    const provision = secrecyOf(f);
    return {
      occurredOn: writtenDate(f.occurred_on),
      categoryLabel: FINDING_CATEGORY_LABELS_SV[f.category],
      description: f.description,
      source: provision ? null : f.source,
      secrecyProvision: provision,
      verified: f.verified,
    };
  });
  const withheldUnder = [...new Set(rows.flatMap((r) => (r.secrecyProvision ? [r.secrecyProvision] : [])))];
  return { findings: rows, withheldUnder };
}

/** The sentence saying what the committee is considering, for an application or a withdrawal. */
export function consideration(
  committee: string,
  application: ApplicationRow | null,
): { considering: string; consequence: string } {
  if (!application) {
    return {
      considering: `${committee} överväger att dra in allt stöd som föreningen får från nämnden.`,
      consequence:
        'Det skulle betyda att föreningen inte längre kan få föreningsbidrag och inte kan hyra eller låna de lokaler som nämnden hyr ut.',
    };
  }
  const received = writtenDate(application.created_at.toISOString().slice(0, 10));
  if (application.kind === 'grant' && application.grant) {
    const g = application.grant;
    return {
      considering: `${committee} överväger att avslå föreningens ansökan om föreningsbidrag (${g.program}, ${sek(g.amountSek)} för perioden ${writtenDate(g.periodFrom)}–${writtenDate(g.periodTo)}), som kom in den ${received}.`,
      consequence: 'Det skulle betyda att föreningen inte får bidraget.',
    };
  }
  const p = application.premises;
  const what = p
    ? ` (${p.venue}, ${dateTime.format(new Date(p.from))}–${dateTime.format(new Date(p.to))})`
    : '';
  return {
    considering: `${committee} överväger att avslå föreningens ansökan om att hyra en lokal${what}, som kom in den ${received}.`,
    consequence: 'Det skulle betyda att föreningen inte får hyra lokalen.',
  };
}

/** Compiles the template once (strict: a missing value is an error, never a silent blank). */
export function loadCommunicationLetter(dir: string): CommunicationLetterRenderer {
  const hb = Handlebars.create();
  const template = hb.compile(readFileSync(path.join(dir, 'communication-letter.hbs'), 'utf8'), {
    strict: true,
    noEscape: false,
  });
  return {
    render(model) {
      const html = template(model);
      return { html, sha256: createHash('sha256').update(html, 'utf8').digest('hex') };
    },
  };
}
