import type { Decision } from '../../decisions/decisions.schemas';
import { nameOf } from '../web.lookups.repository';
import { formatInstant } from '../web.time';

// A decision as people read it: names instead of user ids, and who approved it, or why nobody had to.

function approval(d: Decision, names: Map<string, string>): string {
  if (d.approvedBy) return `${nameOf(names, d.approvedBy)}, ${formatInstant(d.approvedAt)}`;
  if (d.status === 'pending_approval') return 'Inte ännu';
  if (d.status === 'returned') return 'Inte godkänt: beslutet återlämnades';
  return 'Behövdes inte: ett beviljande på rekommendationen ”Stödberättigad” fattas direkt';
}

export function decisionView(d: Decision, names: Map<string, string>) {
  return {
    ...d,
    decidedByName: nameOf(names, d.decidedBy),
    approvedByName: d.approvedBy ? nameOf(names, d.approvedBy) : null,
    approval: approval(d, names),
  };
}
