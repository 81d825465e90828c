import type { Db } from '../db/database';
import type { ErrorDetail, Problem } from '../http/errors';
import { findCommunication } from './communications.repository';
import type { CommunicationExemption } from './communications.exemptions';

// No adverse decision before the association has been given the material and the chance to answer
// (förvaltningslagen 25 §): a decision names the kommunicering of its case, whose deadline has passed
// or whose answer is recorded, or states the exception the law allows and why. Decisions in the
// association's favour need neither.

export interface CommunicationCheck {
  /** Field problems, to be reported with the decision's others in one answer (400). */
  details: ErrorDetail[];
  /** The deadline still runs and no answer is recorded (409), when the fields are otherwise right. */
  conflict?: { message: string; reason: Problem };
  communicationId: string | null;
  communicationExemption: CommunicationExemption | null;
}

export async function checkCommunication(
  db: Db,
  c: {
    caseId: string;
    adverse: boolean;
    communicationId?: string | undefined;
    communicationExemption?: CommunicationExemption | undefined;
    today: string;
  },
): Promise<CommunicationCheck> {
  const result: CommunicationCheck = {
    details: [],
    communicationId: c.communicationId ?? null,
    communicationExemption: c.communicationExemption ?? null,
  };
  if (c.communicationId && c.communicationExemption) {
    result.details.push({
      path: 'body.communicationExemption',
      code: 'communication_or_exemption',
      message: 'give either communicationId or communicationExemption, not both',
    });
  }
  if (!c.adverse && c.communicationExemption) {
    result.details.push({
      path: 'body.communicationExemption',
      code: 'exemption_not_needed',
      message: 'a decision in the association’s favour needs no exception to kommunicering',
    });
  }
  if (c.adverse && !c.communicationId && !c.communicationExemption) {
    result.details.push({
      path: 'body.communicationId',
      code: 'kommunicering_required',
      message:
        'required for an adverse decision: the association must have been given the material and a deadline to answer (förvaltningslagen 25 §), or give communicationExemption',
    });
  }
  if (c.communicationId) {
    const comm = await findCommunication(db, c.communicationId);
    if (!comm || comm.case_id !== c.caseId) {
      result.details.push({
        path: 'body.communicationId',
        code: 'communication_not_of_case',
        message: 'not a communication of this case',
      });
    } else if (comm.status === 'awaiting_reply' && c.today <= comm.reply_by) {
      result.conflict = {
        message: `The association may answer the communication until ${comm.reply_by} and no answer is recorded: decide after the deadline, or record the answer first`,
        reason: { code: 'communication_open', params: { replyBy: comm.reply_by } },
      };
    }
  }
  return result;
}
