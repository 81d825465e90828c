import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { isoDate, type Clock } from '../clock';
import { appendAudit } from '../audit/audit.service';
import type { WatchlistIndexCache } from '../watchlist/watchlist.index-cache';
import { newCheckId } from './premises.check-id';
import type { CheckWriter } from './premises.writer';
import type { WithdrawnIndexCache } from './premises.withdrawn-index';
import {
  associationsAndVersions,
  findReferral,
  resolveReferral,
  type ReferralListRow,
} from './premises.repository';
import { ConflictError, NotFoundError } from '../http/errors';
import type { PremisesCheckInput, PremisesCheckResult, Referral } from './premises.schemas';
import type { ReferGround } from './premises.table';

export interface PremisesDeps {
  db: Kysely<Database>;
  clock: Clock;
  watchlist: WatchlistIndexCache;
  withdrawn: WithdrawnIndexCache;
  /** Writes checks with group commit; one per process. */
  writer: CheckWriter;
}

export function toReferral(r: ReferralListRow): Referral {
  return {
    id: r.id,
    checkId: r.check_id,
    status: r.status,
    check: {
      name: r.name,
      orgNumber: r.org_number,
      venue: r.venue,
      date: r.date,
      checkedBy: r.checked_by,
      checkedAt: r.checked_at.toISOString(),
      associationId: r.association_id,
    },
    grounds: r.grounds,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at?.toISOString() ?? null,
    note: r.note,
    createdAt: r.created_at.toISOString(),
  };
}

export const MESSAGES = {
  clear: 'Klart. Inget hinder mot att upplåta lokalen har hittats.',
  refer: (checkId: string) =>
    `Kontakta samordnaren mot våldsbejakande extremism innan lokalen upplåts och ange ärende-id ${checkId}.`,
} as const;

/** Why to refer: support withdrawn, or any watchlist hit on the name, number, aliases or representatives. */
async function groundsFor(deps: PremisesDeps, input: PremisesCheckInput, today: string) {
  const grounds: ReferGround[] = [];
  const {
    associations: matches,
    watchlistVersion,
    supportVersion,
  } = await associationsAndVersions(deps.db, input.orgNumber, input.name);
  await Promise.all([deps.watchlist.refresh(watchlistVersion), deps.withdrawn.refresh(supportVersion)]);
  // Withdrawn support by exact name or number, or by a name as fuzzy as a watchlist hit; once each.
  const withdrawn = new Set(matches.filter((a) => a.support_status === 'withdrawn').map((a) => a.id));
  for (const id of deps.withdrawn.search({ name: input.name, orgNumber: input.orgNumber ?? null })) {
    withdrawn.add(id);
  }
  for (const associationId of withdrawn) grounds.push({ kind: 'support_withdrawn', associationId });
  const hits = new Map<string, ReferGround>();
  const keep = (h: { entryId: string; score: number; matchedName: string; explanation: unknown }) => {
    if (!hits.has(h.entryId)) hits.set(h.entryId, { kind: 'watchlist', ...h });
  };
  // The name as typed, unless it is just a registered association's own name and number (searched below).
  const typedIsRegistered = matches.some(
    (a) =>
      a.name.toLowerCase() === input.name.toLowerCase() &&
      (!input.orgNumber || a.org_number === input.orgNumber),
  );
  if (!typedIsRegistered) {
    const query = {
      name: input.name,
      orgNumber: input.orgNumber ?? null,
      subjectKind: 'organisation' as const,
    };
    for (const h of deps.watchlist.search(query, today, 3)) keep(h);
  }
  // A registered association is also checked as the screening checks it: every name, representatives.
  for (const a of matches) {
    const screen = deps.watchlist.screenAssociation(
      { name: a.name, aliases: a.aliases, orgNumber: a.org_number, representatives: a.representatives },
      today,
    );
    for (const h of screen.hits) keep(h);
  }
  grounds.push(...hits.values());
  return { grounds, associationId: matches[0]?.id ?? null, watchlistVersion: deps.watchlist.version };
}

/**
 * The booking desk's check before letting a room. Answers clear or refer and an id to quote; the
 * grounds are stored for the coordinator, who gets a referral for every refer. Booking staff never
 * learn why (need-to-know).
 */
export async function checkPremises(
  deps: PremisesDeps,
  actor: string,
  input: PremisesCheckInput,
): Promise<PremisesCheckResult> {
  const now = deps.clock.now();
  const today = isoDate(now);
  const { grounds, associationId, watchlistVersion } = await groundsFor(deps, input, today);
  const result = grounds.length ? 'refer' : 'clear';
  const checkId = newCheckId();
  await deps.writer.write({
    id: checkId,
    checkedBy: actor,
    orgNumber: input.orgNumber ?? null,
    name: input.name,
    venue: input.venue,
    date: input.date,
    result,
    associationId,
    grounds,
    watchlistVersion,
    now,
  });
  return { checkId, result, message: result === 'clear' ? MESSAGES.clear : MESSAGES.refer(checkId) };
}

/** The coordinator closes a referral with a note, once. */
export async function resolveWithNote(deps: PremisesDeps, actor: string, referralId: string, note: string) {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await findReferral(trx, referralId))) throw new NotFoundError('Referral');
    if (!(await resolveReferral(trx, referralId, actor, note, deps.clock.now()))) {
      throw new ConflictError('The referral is already resolved');
    }
    await appendAudit(trx, deps.clock, {
      actor,
      action: 'referral.resolved',
      entityType: 'referral',
      entityId: referralId,
      details: { note },
    });
    return toReferral((await findReferral(trx, referralId))!);
  });
}
