import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { isoDate, type Clock } from '../clock';
import type { WatchlistIndexCache } from '../watchlist/watchlist.index-cache';
import { newCheckId } from './premises.check-id';
import type { CheckWriter } from './premises.writer';
import type { WithdrawnIndexCache } from './premises.withdrawn-index';
import {
  associationsAndVersions,
  findCheckWithAnswer,
  listOwnChecks,
  type CheckWithAnswer,
} from './premises.repository';
import { NotFoundError } from '../http/errors';
import type { AuthUser } from '../http/auth';
import { mapPage, type Page } from '../http/pagination';
import { answerByFor, checkStatus, MESSAGES } from './premises.answers';
import {
  type OwnPremisesCheck,
  type PremisesCheckInput,
  type PremisesCheckResult,
  type PremisesCheckStatus,
} from './premises.schemas';
import type { ReferGround } from './premises.table';
import { premisesChecks } from '../metrics/metrics.registry';

export interface PremisesDeps {
  db: Kysely<Database>;
  clock: Clock;
  watchlist: WatchlistIndexCache;
  withdrawn: WithdrawnIndexCache;
  /** Writes checks with group commit; one per process. */
  writer: CheckWriter;
  /** Swedish working days the coordinators have to answer a referral (REFERRAL_ANSWER_DAYS). */
  answerDays: number;
}

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
 * The booking desk's check before letting a room. Answers clear or refer, a check number and, for a
 * refer, the day an answer comes by; the grounds are stored for the coordinator, who gets a referral
 * for every refer. Booking staff never learn why (need-to-know).
 */
export async function checkPremises(
  deps: PremisesDeps,
  actor: string,
  input: PremisesCheckInput,
): Promise<PremisesCheckResult> {
  const now = deps.clock.now();
  const today = isoDate(now);
  const { grounds, associationId, watchlistVersion } = await groundsFor(deps, input, today);
  const checkId = newCheckId();
  const check = {
    id: checkId,
    checkedBy: actor,
    orgNumber: input.orgNumber ?? null,
    name: input.name,
    venue: input.venue,
    date: input.date,
    associationId,
    grounds,
    watchlistVersion,
    now,
  };
  if (grounds.length === 0) {
    await deps.writer.write({ ...check, result: 'clear', answerBy: null });
    premisesChecks.inc({ result: 'clear' });
    return { checkId, result: 'clear', message: MESSAGES.clear };
  }
  // From the clock and the calendar, in process: the deadline costs the hot path no round trip.
  const answerBy = answerByFor(today, deps.answerDays);
  await deps.writer.write({ ...check, result: 'refer', answerBy });
  premisesChecks.inc({ result: 'refer' });
  return { checkId, result: 'refer', message: MESSAGES.refer(checkId, answerBy), answerBy };
}

function toStatus(c: CheckWithAnswer): PremisesCheckStatus {
  const referral = c.referral_status ? { status: c.referral_status, outcome: c.outcome } : null;
  return {
    checkId: c.id,
    result: c.result,
    status: checkStatus(c.result, referral),
    answerBy: c.result === 'refer' ? c.answer_by : null,
  };
}

/**
 * A check's status, for the booking clerk who made it and for coordinators. Anyone else is told the
 * check does not exist (404, not 403): a check number alone reveals nothing about whom it concerns.
 */
export async function checkStatusFor(
  deps: Pick<PremisesDeps, 'db'>,
  user: AuthUser,
  checkId: string,
): Promise<PremisesCheckStatus> {
  const c = await findCheckWithAnswer(deps.db, checkId);
  if (!c || (user.role !== 'coordinator' && c.checked_by !== user.id))
    throw new NotFoundError('Premises check');
  return toStatus(c);
}

/** The caller's own checks, newest first, with their status: what they typed and the answer. */
export async function ownChecks(
  deps: Pick<PremisesDeps, 'db'>,
  user: AuthUser,
  query: { limit: number; cursor?: string | undefined },
): Promise<Page<OwnPremisesCheck>> {
  const page = await listOwnChecks(deps.db, user.id, query);
  return mapPage(page, (c) => ({
    ...toStatus(c),
    name: c.name,
    orgNumber: c.org_number,
    venue: c.venue,
    date: c.date,
    checkedAt: c.created_at.toISOString(),
  }));
}
