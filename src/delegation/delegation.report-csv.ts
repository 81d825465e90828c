import type { Response } from 'express';
import { toCsv } from '../shared/csv-write';
import type { DelegationReport, DelegationReportQuery } from './delegation.report';

// The delegation report as a file for the committee's secretary: Swedish headers, one decision a
// line, safe to open in a spreadsheet (src/shared/csv-write.ts).

const OUTCOME_SV: Record<DelegationReport['items'][number]['outcome'], string> = {
  approved: 'Bifall',
  denied: 'Avslag',
  withdrawn: 'Stödet dras in',
  restored: 'Stödet återupptas',
};

export const REPORT_CSV_HEADER = [
  'Beslutsdatum',
  'Diarienummer',
  'Ärende enligt delegationsordningen',
  'Beslut',
  'Förening',
  'Organisationsnummer',
  'Delegat',
  'Delegationspunkt',
  'Föredragande',
  'Ersatt av senare beslut',
] as const;

/** The report as the committee's secretary opens it: Swedish headers, one decision a line. */
export function delegationReportCsv(report: DelegationReport): string {
  return toCsv(
    REPORT_CSV_HEADER,
    report.items.map((i) => [
      i.decidedOn,
      i.caseNumber,
      i.kindTitle,
      OUTCOME_SV[i.outcome],
      i.association.name,
      i.association.orgNumber,
      i.delegat.name ?? i.delegat.id,
      i.delegationPoint ?? '',
      i.preparedBy.name ?? i.preparedBy.id,
      i.superseded ? 'Ja' : 'Nej',
    ]),
  );
}

export const reportFileName = (q: DelegationReportQuery) => `delegationsbeslut-${q.from}-${q.to}.csv`;

/** Writes the report as a CSV download; the API (Accept: text/csv) and the report page both use it. */
export function sendReportCsv(res: Response, report: DelegationReport, q: DelegationReportQuery): void {
  const bytes = Buffer.from(delegationReportCsv(report), 'utf8');
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
  res.setHeader('Content-Disposition', `attachment; filename="${reportFileName(q)}"`);
  res.setHeader('Content-Length', String(bytes.length));
  res.end(bytes);
}
