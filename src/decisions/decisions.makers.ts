import type { DecisionRow } from './decisions.table';

// Who made a decision, as the letter, the pages and the API state it (DOMAIN.md "Who decides"): the
// case officer who prepared it (föredragande), and either the delegat who decided it under a point
// of the delegation order, or the committee itself at a meeting, under a paragraph of its minutes.

export interface DecisionMakers {
  /** User id of the föredragande. */
  preparedBy: string;
  /** User id of the delegat; null while pending or returned, and when the committee decided. */
  decidedBy: string | null;
  /** The point of the delegation order the delegat decided under; null for the committee (and before the order). */
  delegationPoint: string | null;
  /** Set when the committee decided: the meeting (YYYY-MM-DD), the § (e.g. "§ 45"), who recorded it. */
  committee: { meetingOn: string; paragraph: string; recordedBy: string } | null;
}

export function decisionMakers(row: DecisionRow): DecisionMakers {
  return {
    preparedBy: row.prepared_by,
    decidedBy: row.decided_by,
    delegationPoint: row.delegation_point,
    committee:
      row.committee_meeting_on !== null
        ? {
            meetingOn: row.committee_meeting_on,
            paragraph: row.committee_paragraph!,
            recordedBy: row.committee_recorded_by!,
          }
        : null,
  };
}
