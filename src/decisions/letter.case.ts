import type { Role } from '../users/users.table';
import { decisionMakers } from './decisions.makers';
import type { DecisionRow } from './decisions.table';
import type { LetterCaseFacts } from './letter.model';

/**
 * The case facts every letter carries: the diarienummer, who decided — the delegat with the point of
 * the delegation order, or the committee with its meeting date and § — and the föredragande.
 */
export function letterCaseFacts(
  d: DecisionRow,
  users: ReadonlyMap<string, { name: string; role: Role }>,
  committeeName: string,
): LetterCaseFacts {
  const nameOf = (id: string) => users.get(id)?.name ?? id;
  const makers = decisionMakers(d);
  return {
    caseNumber: d.case_number,
    decisionMaker: makers.committee
      ? {
          kind: 'committee',
          committeeName,
          meetingOn: makers.committee.meetingOn,
          // Stored as in the minutes ("§ 45"); the letter writes the § itself.
          paragraph: makers.committee.paragraph.replace(/^§\s*/, ''),
        }
      : { kind: 'delegat', name: nameOf(makers.decidedBy!), delegationPoint: makers.delegationPoint },
    preparedBy: { name: nameOf(makers.preparedBy) },
  };
}
