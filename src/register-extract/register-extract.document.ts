import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { isoDate } from '../clock';
import { projectRoot } from '../shared/project-root';
import { label } from '../web/web.labels.sv';
import {
  RECORD_KINDS,
  type Period,
  type RecordKind,
  type RetentionPolicy,
} from '../retention/retention.policy';
import type { RegisterExtract } from './register-extract.schemas';

// The register extract as a document the person can read (Swedish, plain language): what is held,
// why, for how long, and what they can do about it. Handlebars with escaping on, like the letters.

let compiled: Handlebars.TemplateDelegate | undefined;
function template(): Handlebars.TemplateDelegate {
  compiled ??= Handlebars.create().compile(
    readFileSync(path.join(projectRoot(), 'templates', 'documents', 'register-extract.hbs'), 'utf8'),
    { strict: false },
  );
  return compiled;
}

export function periodText(p: Period): string {
  const parts = [
    p.years ? `${p.years} år` : '',
    p.months ? `${p.months} ${p.months === 1 ? 'månad' : 'månader'}` : '',
    p.days ? `${p.days} ${p.days === 1 ? 'dag' : 'dagar'}` : '',
  ].filter(Boolean);
  return parts.join(' och ');
}

const RETENTION_SENTENCES: Record<RecordKind, (period: string) => string> = {
  premises_check_clear: (p) => `Lokalkontroller som gav svaret klart sparas i ${p} från kontrollen.`,
  referral: (p) =>
    `Hänvisningar från lokalkontroller och skälen för dem sparas i ${p} från att hänvisningen avslutades.`,
  watchlist_entry_ended: (p) =>
    `En post på bevakningslistan sparas i ${p} efter att den har avregistrerats eller löpt ut.`,
  finding: (p) => `Uppgifter om händelser sparas tills de är ${p} gamla.`,
};

export function renderRegisterExtract(
  extract: RegisterExtract,
  opts: { municipality: string; committee: string; retention: RetentionPolicy },
): string {
  const empty =
    extract.watchlistEntries.length +
      extract.representativeRoles.length +
      extract.findings.length +
      extract.premisesChecks.length +
      extract.screeningHits.length ===
    0;
  return template()({
    ...extract,
    ...opts,
    date: isoDate(new Date(extract.createdAt)),
    empty,
    entries: extract.watchlistEntries.map((e) => ({
      ...e,
      reasonText: label('category', e.reason),
      statusText: label('entryStatus', e.status),
      active: e.status === 'active',
      registeredOn: isoDate(new Date(e.createdAt)),
    })),
    findingsView: extract.findings.map((f) => ({ ...f, categoryText: label('category', f.category) })),
    checks: extract.premisesChecks.map((c) => ({
      ...c,
      checkedOn: isoDate(new Date(c.checkedAt)),
      resultText: c.result === 'clear' ? 'Inget hinder' : 'Hänvisad till samordnaren',
      referralText: c.referral
        ? c.referral.status === 'resolved'
          ? `Avslutad ${isoDate(new Date(c.referral.resolvedAt!))}`
          : 'Pågår'
        : '',
    })),
    hits: extract.screeningHits.map((h) => ({ ...h, screenedOn: isoDate(new Date(h.screenedAt)) })),
    retentionSentences: RECORD_KINDS.map((k) =>
      RETENTION_SENTENCES[k](periodText(opts.retention[k].keepFor)),
    ),
  });
}
