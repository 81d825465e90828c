import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Clock } from '../clock';
import { appendAudit } from '../audit/audit.service';
import {
  checksAbout,
  findingsNaming,
  personEntries,
  representativeRoles,
  screeningsHitting,
  type Subject,
} from './register-extract.repository';
import type { RegisterExtract, RegisterExtractQuery } from './register-extract.schemas';

/**
 * Gathers what the service holds about one person (GDPR art. 15): watchlist entries about them, their
 * roles in associations, findings that name them, booking checks on their name or referred because of
 * their entries (with the referrals), and screenings their entries were hits in. The request is
 * audited in the same transaction as the reads, with what was found (it reads watchlist data).
 */
export async function registerExtract(
  deps: { db: Kysely<Database>; clock: Clock },
  actor: string,
  query: RegisterExtractQuery,
): Promise<RegisterExtract> {
  const subject: Subject = { personalNumber: query.personalNumber, name: query.name };
  return deps.db.transaction().execute(async (trx) => {
    const entries = await personEntries(trx, subject);
    const entryIds = entries.map((e) => e.id);
    const roles = await representativeRoles(trx, subject);
    // Asked by personnummer, the person's names are those the entries and roles give them.
    const names = [
      ...new Set(
        [query.name, ...entries.flatMap((e) => [e.name, ...e.aliases]), ...roles.map((r) => r.rep_name)]
          .filter((n): n is string => typeof n === 'string' && n.trim().length > 0)
          .map((n) => n.trim()),
      ),
    ];
    const findings = await findingsNaming(trx, subject, names);
    const checks = await checksAbout(trx, names, entryIds);
    const screenings = await screeningsHitting(trx, entryIds);
    const id = randomUUID();
    const now = deps.clock.now();
    const extract: RegisterExtract = {
      id,
      createdAt: now.toISOString(),
      subject: { personalNumber: query.personalNumber ?? null, name: query.name ?? null },
      watchlistEntries: entries.map((e) => ({
        id: e.id,
        name: e.name,
        aliases: e.aliases,
        personalNumber: e.personal_number,
        reason: e.reason,
        source: e.source,
        status: e.status,
        reviewBy: e.review_by,
        createdAt: e.created_at.toISOString(),
      })),
      representativeRoles: roles.map((r) => ({
        associationId: r.id,
        associationName: r.name,
        orgNumber: r.org_number,
        name: r.rep_name,
        role: r.role,
      })),
      findings: findings.map((f) => ({
        id: f.id,
        applicationId: f.application_id,
        associationName: f.association_name,
        category: f.category,
        occurredOn: f.occurred_on,
        description: f.description,
        source: f.source,
      })),
      premisesChecks: checks.map((c) => ({
        checkId: c.id,
        checkedAt: c.created_at.toISOString(),
        name: c.name,
        venue: c.venue,
        date: c.date,
        result: c.result,
        referral: c.referral_id
          ? {
              id: c.referral_id,
              status: c.referral_status!,
              resolvedAt: c.resolved_at?.toISOString() ?? null,
              note: c.note,
            }
          : null,
      })),
      screeningHits: screenings.flatMap((s) =>
        s.watchlist_hits
          .filter((h) => entryIds.includes(h.entryId))
          .map((h) => ({
            screeningId: s.id,
            associationName: s.association_name,
            screenedAt: s.created_at.toISOString(),
            entryId: h.entryId,
          })),
      ),
    };
    await appendAudit(trx, deps.clock, {
      actor,
      action: 'register_extract.requested',
      entityType: 'register_extract',
      entityId: id,
      details: {
        subject: extract.subject,
        watchlistEntryIds: entryIds,
        associationIds: [...new Set(extract.representativeRoles.map((r) => r.associationId))],
        findingIds: extract.findings.map((f) => f.id),
        checkIds: extract.premisesChecks.map((c) => c.checkId),
        screeningIds: [...new Set(extract.screeningHits.map((s) => s.screeningId))],
      },
    });
    return extract;
  });
}
