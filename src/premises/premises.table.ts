import type { Selectable } from 'kysely';
import type { Json } from '../db/json';

// Each closed set once: the type, the zod enums, the Swedish labels and a test of the database's
// check constraint (test/db/enum-checks.test.ts) all derive from these arrays.
export const CHECK_RESULTS = ['clear', 'refer'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];
export const REFERRAL_STATUSES = ['open', 'resolved'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
/** The coordinator's answer to the booking desk; the grounds stay with the coordinator. */
export const REFERRAL_OUTCOMES = ['no_obstacle', 'not_cleared'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/** Why a check said refer: for the coordinator's eyes only, never in the booking staff's answer. */
export type ReferGround =
  | { kind: 'support_withdrawn'; associationId: string }
  | { kind: 'watchlist'; entryId: string; score: number; matchedName: string; explanation: unknown };

export interface PremisesChecksTable {
  /** Short enough to read over the phone, e.g. "PK-7F3K-9QX2". */
  id: string;
  checked_by: string;
  org_number: string | null;
  name: string;
  venue: string;
  date: string;
  result: CheckResult;
  association_id: string | null;
  grounds: Json<ReferGround[]>;
  watchlist_version: number;
  created_at: Date;
}

export interface ReferralsTable {
  id: string;
  check_id: string;
  status: ReferralStatus;
  /** YYYY-MM-DD: the day the booking desk was told an answer comes by (Swedish working days). */
  answer_by: string;
  /** Set on resolving; null on referrals resolved before outcomes existed. */
  outcome: ReferralOutcome | null;
  /** When the sweep escalated a missed answer_by; once. */
  escalated_at: Date | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  note: string | null;
  created_at: Date;
}

export type PremisesCheckRow = Selectable<PremisesChecksTable>;
export type ReferralRow = Selectable<ReferralsTable>;
