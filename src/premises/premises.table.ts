import type { Selectable } from 'kysely';
import type { Json } from '../db/json';

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
  result: 'clear' | 'refer';
  association_id: string | null;
  grounds: Json<ReferGround[]>;
  watchlist_version: number;
  created_at: Date;
}

/** The coordinator's answer to the booking desk; the grounds stay with the coordinator. */
export type ReferralOutcome = 'no_obstacle' | 'not_cleared';

export interface ReferralsTable {
  id: string;
  check_id: string;
  status: 'open' | 'resolved';
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
