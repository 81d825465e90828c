import type { Decision } from '../../../decisions/decisions.schemas';
import { nameOf } from '../../web.user-directory';
import { formatInstant } from '../../web.time';

// A decision as people read it: names instead of user ids; who prepared it (föredragande) and who
// decided it — a delegat under a point of the delegation order, or the committee at a meeting.

function decider(d: Decision, names: Map<string, string>): string {
  if (d.committee) {
    return `Nämnden vid sammanträdet ${d.committee.meetingOn}, ${d.committee.paragraph} (registrerat av ${nameOf(names, d.committee.recordedBy)}, ${formatInstant(d.decidedAt)})`;
  }
  if (d.decidedBy) {
    const point = d.delegationPoint ? `, delegationsordningen punkt ${d.delegationPoint}` : '';
    return `${nameOf(names, d.decidedBy)}, ${formatInstant(d.decidedAt)}${point}`;
  }
  if (d.status === 'pending_approval') return 'Inte ännu';
  if (d.status === 'returned') return 'Ingen: beslutsförslaget återlämnades';
  return 'Inte beslutat ännu';
}

export function decisionView(d: Decision, names: Map<string, string>) {
  return {
    ...d,
    preparedByName: nameOf(names, d.preparedBy),
    decidedByName: d.decidedBy ? nameOf(names, d.decidedBy) : null,
    decider: decider(d, names),
  };
}
