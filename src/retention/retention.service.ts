import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';
import { isoDate, startOfSwedishDay, addDays, type Clock } from '../clock';
import { appendAudit } from '../audit/audit.service';
import { RETENTION_RUN_ACTION } from '../audit/audit.hash';
import { erasePayloads, unerasedEventsAbout, unerasedEventsNamingFindings } from '../audit/audit.repository';
import {
  RECORD_KINDS,
  dueOn,
  latestStartDue,
  referenceFor,
  type RecordKind,
  type RetentionPolicy,
} from './retention.policy';
import {
  claimRunDay,
  clearChecksStartedBefore,
  deleteChecks,
  deleteEntries,
  deleteFindings,
  deleteReferrals,
  endedEntriesBefore,
  findingsOccurredBy,
  recordRun,
  resolvedReferralsBefore,
  type Candidate,
} from './retention.repository';
import type { KindCount } from './retention.table';

// The daily retention run (gallring). Once a day, in one transaction: every record whose retention
// period has ended is deleted, the audit payloads that carry its data are erased, and one audit event
// records the run — what it deleted per kind and the retention decision it acted under. Each erased
// payload names that event, so the log shows that a record existed and under which decision it went,
// without keeping its data.
//
// What "delete" means per kind:
// - a clear booking check: the check row; its audit events' details.
// - a referral: the referral and the booking check that raised it (its grounds); their events' details.
// - an ended watchlist entry: the entry; its events' details (the name, numbers and reason).
// - a finding past the outer age limit: the finding row (so no later screening can use it) and the
//   details of the events that carry its text. A screening's fact snapshot keeps its copy: the
//   screening is the basis of any decision on it and is archived (bevaras) with it, as are decisions
//   and letters. Screenings are never deleted here.

export interface RetentionDeps {
  db: Kysely<Database>;
  clock: Clock;
  policy: RetentionPolicy;
}

export interface RetentionRun {
  id: string;
  runOn: string;
  counts: Record<RecordKind, KindCount>;
  erasedPayloads: number;
  auditSeq: number;
}

type Due = { ids: string[]; events: number[] };

/** The candidates whose period, started on its day in Sweden, has ended by `today`. */
function due<C extends Candidate>(
  candidates: C[],
  today: string,
  keepFor: RetentionPolicy[RecordKind]['keepFor'],
): C[] {
  return candidates.filter((c) => {
    const start = typeof c.start === 'string' ? c.start : isoDate(c.start);
    return dueOn(start, keepFor) <= today;
  });
}

async function collect(trx: Transaction<Database>, policy: RetentionPolicy, today: string) {
  /** Records that started before this instant may be due; `due` decides exactly. */
  const startedBefore = (k: RecordKind) =>
    startOfSwedishDay(addDays(latestStartDue(today, policy[k].keepFor), 1));
  const out = {} as Record<RecordKind, Due>;

  const checks = due(
    await clearChecksStartedBefore(trx, startedBefore('premises_check_clear')),
    today,
    policy.premises_check_clear.keepFor,
  );
  const checkIds = checks.map((c) => c.id);
  await deleteChecks(trx, checkIds);
  out.premises_check_clear = {
    ids: checkIds,
    events: await unerasedEventsAbout(trx, 'premises_check', checkIds),
  };

  const referrals = due(
    await resolvedReferralsBefore(trx, startedBefore('referral')),
    today,
    policy.referral.keepFor,
  );
  const referralIds = referrals.map((r) => r.id);
  const referredChecks = referrals.map((r) => r.checkId);
  await deleteReferrals(trx, referralIds);
  await deleteChecks(trx, referredChecks);
  out.referral = {
    ids: referralIds,
    events: [
      ...(await unerasedEventsAbout(trx, 'referral', referralIds)),
      ...(await unerasedEventsAbout(trx, 'premises_check', referredChecks)),
    ],
  };

  const entries = due(
    await endedEntriesBefore(trx, startedBefore('watchlist_entry_ended')),
    today,
    policy.watchlist_entry_ended.keepFor,
  );
  const entryIds = entries.map((e) => e.id);
  await deleteEntries(trx, entryIds);
  out.watchlist_entry_ended = {
    ids: entryIds,
    events: await unerasedEventsAbout(trx, 'watchlist_entry', entryIds),
  };

  const findings = due(
    await findingsOccurredBy(trx, latestStartDue(today, policy.finding.keepFor)),
    today,
    policy.finding.keepFor,
  );
  await deleteFindings(
    trx,
    findings.map((f) => f.id),
  );
  out.finding = { ids: findings.map((f) => f.id), events: await unerasedEventsNamingFindings(trx, findings) };
  return out;
}

/**
 * Today's run, if no instance has made it yet: undefined when it has. Safe on several instances at
 * once: the day is claimed in the run's own transaction, and the records are locked (SKIP LOCKED).
 */
export async function runRetention(deps: RetentionDeps): Promise<RetentionRun | undefined> {
  const { db, clock, policy } = deps;
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const runOn = isoDate(now);
    const id = randomUUID();
    if (!(await claimRunDay(trx, { id, runOn, now, reference: policy.decisionReference }))) return undefined;
    const found = await collect(trx, policy, runOn);
    // An event is erased once, under the first kind that names it.
    const seen = new Set<number>();
    const erase = {} as Record<RecordKind, number[]>;
    for (const k of RECORD_KINDS) erase[k] = found[k].events.filter((seq) => !seen.has(seq) && seen.add(seq));
    const counts = Object.fromEntries(
      RECORD_KINDS.map((k) => [k, { deleted: found[k].ids.length, erasedPayloads: erase[k].length }]),
    ) as Record<RecordKind, KindCount>;
    const erasedPayloads = seen.size;
    const event = await appendAudit(trx, clock, {
      actor: 'system',
      action: RETENTION_RUN_ACTION,
      entityType: 'retention_run',
      entityId: id,
      details: {
        runOn,
        decisionReference: policy.decisionReference,
        kinds: Object.fromEntries(
          RECORD_KINDS.map((k) => [
            k,
            { ...counts[k], keepFor: policy[k].keepFor, decisionReference: referenceFor(policy, k) },
          ]),
        ),
        erasedPayloads,
      },
    });
    for (const k of RECORD_KINDS) {
      const n = await erasePayloads(trx, erase[k], {
        at: now,
        under: referenceFor(policy, k),
        byRun: event.seq,
      });
      // The run's event states the count; the rows must agree or the log would not verify.
      if (n !== erase[k].length) throw new Error(`retention run erased ${n} of ${erase[k].length} payloads`);
    }
    await recordRun(trx, id, { counts, erased: erasedPayloads, auditSeq: event.seq });
    return { id, runOn, counts, erasedPayloads, auditSeq: event.seq };
  });
}
