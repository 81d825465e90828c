import type { AppDeps } from '../../../deps';
import type { ExportedEvent } from '../../../audit/audit.hash';
import { inclusionProblems, publicKeyFrom, type SignedHead } from '../../../audit/audit.proof-check';
import { ConflictError } from '../../../http/errors';
import { isoDate } from '../../../clock';
import { citedCriteria } from '../../../decisions/letter.model';
import { selectRuleSet } from '../../../screening/rule-set.loader';
import { ELIGIBILITY_RULE_SET } from '../../../screening/screening.service';
import { nameOf, userDirectory } from '../../web.user-directory';
import { view, type PageContext } from '../../web.page';
import { decisionView } from './decision.view-model';
import { criterionGroups, hitsView } from '../screenings/screening.view-model';

/** Pages of audit events read per record at most: bounded work per request; the page says when cut. */
const MAX_EVENT_PAGES = 20;

/** One record's audit events, newest first page after page; `cut` when older ones were left unread. */
async function eventsOf(ctx: PageContext, entityId: string) {
  const items: ExportedEvent[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < MAX_EVENT_PAGES; n++) {
    const page = await ctx.call('GET /api/audit/events', {
      query: { entityId, limit: '500', ...(cursor ? { cursor } : {}) },
    });
    items.push(...page.items);
    if (!page.nextCursor) return { items, cut: false };
    cursor = page.nextCursor;
  }
  return { items, cut: true };
}

/** Every audit event about the given records, in chain order (the order things happened). */
async function eventsAbout(ctx: PageContext, ids: string[]) {
  const perRecord = await Promise.all(ids.map((entityId) => eventsOf(ctx, entityId)));
  const bySeq = new Map(perRecord.flatMap((r) => r.items).map((e) => [e.seq, e]));
  return {
    events: [...bySeq.values()].sort((a, b) => a.seq - b.seq),
    cut: perRecord.some((r) => r.cut),
  };
}

/** The letter's SHA-256 in a `decision.finalised` event's details, when they hold one (not erased). */
function documentSha256(details: unknown): string | undefined {
  return typeof details === 'object' &&
    details !== null &&
    'documentSha256' in details &&
    typeof details.documentSha256 === 'string'
    ? details.documentSha256
    : undefined;
}

/**
 * The letter's hash as the audit chain recorded it when the decision became final. Equal to the
 * stored letter's hash, it shows the letter has not changed since; the chain itself is verified on
 * the audit page.
 */
function recordedLetterHash(events: ExportedEvent[], decisionId: string) {
  const finalised = events.find((e) => e.action === 'decision.finalised' && e.entityId === decisionId);
  const sha256 = documentSha256(finalised?.details);
  return finalised && sha256 !== undefined ? { seq: finalised.seq, sha256 } : undefined;
}

/**
 * Proves each event is in the log at the current signed tree head: the inclusion proof the API hands
 * out, checked as an outsider would with nothing but the public key (RFC 9162's algorithm, the head's
 * signature, and the event's header hashing to the proven leaf).
 */
async function provenInLog(ctx: PageContext, events: ExportedEvent[]) {
  let head: SignedHead;
  try {
    head = await ctx.call('GET /api/audit/tree-head');
  } catch (err) {
    // No head is signed for a log that does not verify; the audit page says where it breaks.
    if (err instanceof ConflictError) return { head: undefined, failed: [] as number[], proven: 0 };
    throw err;
  }
  const { publicKey } = await ctx.call('GET /api/audit/public-key');
  const key = publicKeyFrom(publicKey);
  const failed: number[] = [];
  for (const e of events) {
    const proof = await ctx.call('GET /api/audit/proof/inclusion', {
      query: { seq: String(e.seq), treeSize: String(head.treeSize) },
    });
    if (inclusionProblems(head, proof, key, e).length) failed.push(e.seq);
  }
  return { head, failed, proven: events.length - failed.length };
}

/**
 * A decision's full record for investigators: the decision, the facts its screening evaluated, the
 * rule set and its hash, the reasons per criterion, the letter and its hash, and every audit event of
 * the decision, its application and its screening (for a support decision: of the association).
 */
export async function decisionRecordPage(deps: AppDeps, ctx: PageContext, id: string) {
  const decision = await ctx.call('GET /api/decisions/:id', { params: { id } });
  const [association, application, screening, users] = await Promise.all([
    ctx.call('GET /api/associations/:id', { params: { id: decision.associationId } }),
    decision.applicationId
      ? ctx.call('GET /api/applications/:id', { params: { id: decision.applicationId } })
      : undefined,
    decision.screeningId
      ? ctx.call('GET /api/screenings/:id', { params: { id: decision.screeningId } })
      : undefined,
    userDirectory(deps.db),
  ]);
  const about = [decision.id, decision.applicationId, decision.screeningId].filter(
    (x): x is string => x !== null,
  );
  const { events, cut } = await eventsAbout(
    ctx,
    decision.kind === 'application' ? about : [...about, association.id],
  );
  const recorded = recordedLetterHash(events, decision.id);
  const proof = await provenInLog(ctx, events);
  return view('decision-record', `Beslutsakt ${decision.reference}`, {
    decision: decisionView(decision, users.names),
    association,
    application,
    screening,
    screenedBy: screening ? nameOf(users.names, screening.screenedBy) : undefined,
    groups: screening ? criterionGroups(screening.checks, screening.evaluation, screening.facts) : [],
    hits: screening ? hitsView(screening.watchlist.hits) : [],
    canSeeWatchlist: ctx.can('GET /api/watchlist/:id'),
    canReplay: screening !== undefined && ctx.can('POST /api/screenings/:id/replay'),
    // A support decision has no screening: its criteria in the words of the rule set it was made under.
    cited: screening
      ? []
      : citedCriteria(
          decision.criteria,
          selectRuleSet(deps.ruleSets, isoDate(new Date(decision.preparedAt)), ELIGIBILITY_RULE_SET),
        ),
    recorded,
    letterMatches: recorded !== undefined && recorded.sha256 === decision.documentSha256,
    proof,
    eventsCut: cut,
    events: events.map((e) => ({
      ...e,
      actorName: nameOf(users.names, e.actor),
      proven: proof.head !== undefined && !proof.failed.includes(e.seq),
    })),
  });
}
