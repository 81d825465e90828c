import type { DecisionRow } from './decisions.table';
import type { LetterCommunication } from './letter.model';

// INTEGRATION POINT (issue 11, point 3). Kommunicering becomes a step of its own (a communication
// with sentOn, replyBy, status and the answer, or a stated FL 25 § exemption). Until a decision names
// its communication, all that is known is the date in `communicated_on`; this one function is what
// the letter learns about kommunicering, so rewiring it is the only change the letter needs:
//   communicationId → {sentOn, replyBy, status, receivedOn?, summary?}
//   communicationExemption → {exemption: {ground, groundText, justification}}

export function letterCommunication(d: Pick<DecisionRow, 'communicated_on'>): LetterCommunication {
  return d.communicated_on === null ? null : { sentOn: d.communicated_on, replyBy: null, status: null };
}
