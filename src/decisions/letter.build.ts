import type { Transaction } from 'kysely';
import type { Database } from '../db/database';
import { isoDate } from '../clock';
import type { Config } from '../config';
import { findApplication } from '../applications/applications.repository';
import type { FindingRow } from '../applications/applications.table';
import { findAssociation } from '../associations/associations.repository';
import { selectRuleSet, type LoadedRuleSet } from '../screening/rule-set.loader';
import { findScreening } from '../screening/screening.repository';
import { ELIGIBILITY_RULE_SET } from '../screening/screening.service';
import { findUsersByIds } from '../users/users.repository';
import { findCommunication } from '../communications/communications.repository';
import type { CommunicationRow } from '../communications/communications.table';
import type { DecisionRow } from './decisions.table';
import { letterCaseFacts } from './letter.case';
import { letterCommunication } from './letter.communication';
import {
  citedGrounds,
  decidingGrounds,
  otherConditionsClear,
  type LetterFact,
  type LetterModel,
} from './letter.model';
import { secrecyOfFindings } from './letter.repository';
import { findingsOfAssociation } from '../applications/applications.repository';

export interface LetterBuildDeps {
  config: Pick<Config, 'MUNICIPALITY_NAME' | 'COMMITTEE_NAME' | 'APPEAL_COURT' | 'CONTACT_DETAILS'>;
  ruleSets: readonly LoadedRuleSet[];
}

const toFact = (f: FindingRow): LetterFact & { category: string } => ({
  id: f.id,
  category: f.category,
  occurredOn: f.occurred_on,
  description: f.description,
  source: f.source,
  verified: f.verified,
  secrecy: f.secrecy_provision === null ? null : { provision: f.secrecy_provision },
});

/**
 * The facts a withdrawal relies on are the material the association was given: its communication's
 * findings. A withdrawal made under an exception (or before communications existed) falls back on the
 * documented conduct on the association's applications: verified, and done for the association.
 * citedGrounds then keeps, per cited criterion, the findings of its kind.
 */
async function withdrawalFindings(
  trx: Transaction<Database>,
  d: DecisionRow,
  communication: CommunicationRow | undefined,
) {
  const rows = await findingsOfAssociation(trx, d.association_id, 'oldest_first');
  if (communication) {
    const given = new Set(communication.finding_ids);
    return rows.filter((f) => given.has(f.id)).map(toFact);
  }
  return rows.filter((f) => f.verified && f.acting_for_association).map(toFact);
}

/** The letter's facts, gathered inside the finalising transaction so they match what is committed. */
export async function buildLetterModel(
  trx: Transaction<Database>,
  deps: LetterBuildDeps,
  d: DecisionRow,
): Promise<LetterModel> {
  const association = (await findAssociation(trx, d.association_id))!;
  const users = await findUsersByIds(trx, [d.prepared_by, ...(d.decided_by ? [d.decided_by] : [])]);
  const communication = d.communication_id ? await findCommunication(trx, d.communication_id) : undefined;
  const base: LetterModel = {
    ...letterCaseFacts(d, users, deps.config.COMMITTEE_NAME),
    kind: d.kind,
    outcome: d.outcome,
    municipality: deps.config.MUNICIPALITY_NAME,
    committee: deps.config.COMMITTEE_NAME,
    date: isoDate(d.decided_at ?? d.prepared_at),
    association: { name: association.name, orgNumber: association.org_number },
    application: null,
    grounds: [],
    otherConditionsClear: true,
    reasoning: d.outcome === 'approved' ? null : d.justification,
    conditions: d.outcome === 'approved' ? d.conditions : null,
    communication: letterCommunication(d, communication),
    appealCourt: deps.config.APPEAL_COURT,
    contactDetails: deps.config.CONTACT_DETAILS,
  };
  if (d.kind === 'restoration') return base;
  if (d.kind === 'withdrawal') {
    const ruleSet = selectRuleSet(deps.ruleSets, isoDate(d.prepared_at), ELIGIBILITY_RULE_SET);
    return {
      ...base,
      grounds: citedGrounds(d.criteria, ruleSet, await withdrawalFindings(trx, d, communication)),
    };
  }
  const app = (await findApplication(trx, d.application_id!))!;
  const screening = (await findScreening(trx, d.screening_id!))!;
  const { findings } = screening.facts;
  const secrecy = await secrecyOfFindings(
    trx,
    findings.map((f) => f.id),
  );
  // The facts as the screening saw them (its snapshot), with the secrecy recorded on each finding.
  const facts: LetterFact[] = findings.map((f) => ({
    id: f.id,
    occurredOn: f.occurredOn,
    description: f.description,
    source: f.source,
    verified: f.verified,
    secrecy: secrecy.has(f.id) ? { provision: secrecy.get(f.id)! } : null,
  }));
  return {
    ...base,
    application: {
      kind: app.kind,
      receivedOn: isoDate(app.created_at),
      grant: app.grant,
      premises: app.premises,
    },
    grounds: d.outcome === 'denied' ? decidingGrounds(screening.result, facts, d.criteria) : [],
    otherConditionsClear: otherConditionsClear(screening.result, d),
  };
}
