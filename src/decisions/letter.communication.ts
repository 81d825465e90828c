import { exemptionGround } from '../communications/communications.exemptions';
import type { CommunicationRow } from '../communications/communications.table';
import type { DecisionRow } from './decisions.table';
import type { LetterCommunication } from './letter.model';

/**
 * What the letter says about kommunicering (förvaltningslagen 25 §): the stated exception, or the
 * communication the decision names (sent, deadline, the answer or that none came). Decisions made
 * before communications existed know only the day in `communicated_on`.
 */
export function letterCommunication(
  d: Pick<DecisionRow, 'communicated_on' | 'communication_exemption'>,
  communication: CommunicationRow | undefined,
): LetterCommunication {
  if (d.communication_exemption) {
    const { ground, justification } = d.communication_exemption;
    return { exemption: { ground, groundText: exemptionGround(ground).sv, justification } };
  }
  if (communication) {
    return {
      sentOn: communication.sent_on,
      replyBy: communication.reply_by,
      status: communication.status,
      ...(communication.reply_received_on ? { receivedOn: communication.reply_received_on } : {}),
      ...(communication.reply_summary ? { summary: communication.reply_summary } : {}),
    };
  }
  return d.communicated_on === null ? null : { sentOn: d.communicated_on, replyBy: null, status: null };
}
