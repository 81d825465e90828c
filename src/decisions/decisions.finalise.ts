import type { Transaction } from 'kysely';
import type { Database } from '../db/database';
import { isoDate, type Clock } from '../clock';
import type { Config } from '../config';
import { appendAudit } from '../audit/audit.service';
import { findingsOf, findApplication, setApplicationStatus } from '../applications/applications.repository';
import { toApplication } from '../applications/applications.service';
import { findAssociation, setSupportStatus } from '../associations/associations.repository';
import { closeWithdrawalFollowUps, createFollowUpReminders } from '../reminders/reminders.service';
import type { ReminderPolicy } from '../reminders/reminders.policy';
import { selectRuleSet, type LoadedRuleSet } from '../screening/rule-set.loader';
import { findScreening } from '../screening/screening.repository';
import { ELIGIBILITY_RULE_SET } from '../screening/screening.service';
import { findUsersByIds } from '../users/users.repository';
import { markSuperseded, storeDocument } from './decisions.repository';
import type { DecisionRow } from './decisions.table';
import { decisionMakers } from './decisions.makers';
import {
  applicationPart,
  citedCriteria,
  criteriaLines,
  decisionText,
  person,
  recommendationLabel,
  reliedFindings,
  type LetterModel,
} from './letter.model';
import type { LetterRenderer } from './letter.renderer';

export interface FinaliseDeps {
  clock: Clock;
  config: Pick<Config, 'MUNICIPALITY_NAME' | 'COMMITTEE_NAME' | 'REMINDER_POLICY'>;
  letters: LetterRenderer;
  ruleSets: readonly LoadedRuleSet[];
}

/** The letter's facts, gathered inside the finalising transaction so they match what is committed. */
async function letterModel(
  trx: Transaction<Database>,
  deps: FinaliseDeps,
  d: DecisionRow,
): Promise<LetterModel> {
  const association = (await findAssociation(trx, d.association_id))!;
  const makers = decisionMakers(d);
  const users = await findUsersByIds(trx, [
    makers.preparedBy,
    ...(makers.decidedBy ? [makers.decidedBy] : []),
  ]);
  const decidedOn = isoDate(d.decided_at!);
  const base: LetterModel = {
    municipality: deps.config.MUNICIPALITY_NAME,
    committee: deps.config.COMMITTEE_NAME,
    reference: d.reference,
    date: decidedOn,
    association: { name: association.name, orgNumber: association.org_number },
    decisionText: '',
    justification: d.justification,
    communicatedOn: d.communicated_on,
    makers: {
      preparedBy: person(users.get(makers.preparedBy), makers.preparedBy),
      decidedBy: makers.decidedBy ? person(users.get(makers.decidedBy), makers.decidedBy) : null,
      delegationPoint: makers.delegationPoint,
      committee: makers.committee && {
        meetingOn: makers.committee.meetingOn,
        paragraph: makers.committee.paragraph,
      },
      decidedOn,
    },
    restored: d.kind === 'restoration',
    application: null,
    ruleSet: null,
    recommendationLabel: null,
    departs: d.departs_from_recommendation,
    criteria: [],
    findings: [],
  };
  if (d.kind !== 'application') {
    const ruleSet = selectRuleSet(deps.ruleSets, isoDate(d.prepared_at), ELIGIBILITY_RULE_SET);
    return { ...base, criteria: citedCriteria(d.criteria, ruleSet) };
  }
  const appRow = (await findApplication(trx, d.application_id!))!;
  const application = toApplication(appRow, await findingsOf(trx, appRow.id));
  const screening = (await findScreening(trx, d.screening_id!))!;
  return {
    ...base,
    decisionText: decisionText(d, deps.config.COMMITTEE_NAME, application),
    application: applicationPart(application, isoDate(appRow.created_at)),
    ruleSet: {
      label: `${screening.rule_set_id} version ${screening.rule_set_version}, ${screening.rule_set_hash}`,
    },
    recommendationLabel: recommendationLabel(d.recommendation),
    criteria: criteriaLines(screening.result),
    findings: reliedFindings(screening.result, screening.facts),
  };
}

/**
 * What a decision does the moment it becomes final, in the same transaction: its effects (the
 * application decided; support withdrawn or restored, with the follow-up reminders), the correction
 * of the decision it supersedes, and the letter, rendered once and stored with its SHA-256.
 */
export async function finalise(
  trx: Transaction<Database>,
  deps: FinaliseDeps,
  actor: string,
  d: DecisionRow,
) {
  const now = deps.clock.now();
  if (d.kind === 'application') {
    await setApplicationStatus(trx, d.application_id!, 'decided', now);
  } else {
    const status = d.kind === 'withdrawal' ? 'withdrawn' : 'active';
    await setSupportStatus(trx, d.association_id, status, now);
    if (d.kind === 'restoration') {
      await closeWithdrawalFollowUps(trx, deps.clock, {
        associationId: d.association_id,
        note: `Avslutad: stödet återupptogs genom beslut ${d.reference}.`,
        actor,
      });
    }
    if (d.kind === 'withdrawal') {
      await createFollowUpReminders(trx, deps.clock, deps.config.REMINDER_POLICY as ReminderPolicy, {
        associationId: d.association_id,
        decisionId: d.id,
        decidedOn: isoDate(now),
        actor,
      });
    }
    await appendAudit(trx, deps.clock, {
      actor,
      action: 'association.support_status_changed',
      entityType: 'association',
      entityId: d.association_id,
      details: { supportStatus: status, decisionId: d.id, reference: d.reference },
    });
  }
  if (d.supersedes_id) await markSuperseded(trx, d.supersedes_id, d.id, now);

  const template = d.kind === 'application' ? 'decision-letter' : 'withdrawal-letter';
  const { html, sha256 } = deps.letters.render(template, await letterModel(trx, deps, d));
  await storeDocument(trx, d.id, html, sha256);
  await appendAudit(trx, deps.clock, {
    actor,
    action: 'decision.finalised',
    entityType: 'decision',
    entityId: d.id,
    details: {
      reference: d.reference,
      outcome: d.outcome,
      ...decisionMakers(d),
      supersedes: d.supersedes_id,
      documentSha256: sha256,
    },
  });
  return { ...d, document_html: html, document_sha256: sha256 };
}
