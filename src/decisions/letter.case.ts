import type { Role } from '../users/users.table';
import type { DecisionRow } from './decisions.table';
import type { LetterCaseFacts } from './letter.model';

// INTEGRATION POINT (issue 11, points 2 and 4). A case gets its diarienummer (caseNumber), and a
// decision its delegat with delegation point, or the committee with meeting date and paragraph, and
// its föredragande. Until those exist, this one function fills them from what a decision row has:
// the reference as the diarienummer, the approving officer as the delegat (or the deciding officer
// when no second officer was needed), and the deciding officer as the föredragande.

export function letterCaseFacts(
  d: Pick<DecisionRow, 'case_number' | 'decided_by' | 'approved_by'>,
  users: ReadonlyMap<string, { name: string; role: Role }>,
): LetterCaseFacts {
  const nameOf = (id: string) => users.get(id)?.name ?? id;
  return {
    caseNumber: d.case_number,
    decisionMaker: { kind: 'delegat', name: nameOf(d.approved_by ?? d.decided_by), delegationPoint: null },
    preparedBy: { name: nameOf(d.decided_by) },
  };
}
