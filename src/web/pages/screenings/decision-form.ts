import type { AppDeps } from '../../../deps';
import { needsJustification, needsSecondOfficer } from '../../../decisions/decisions.rules';
import type { Screening } from '../../../screening/screening.schemas';
import { optional, type FormState, type FormValues } from '../../web.forms';
import {
  COMMUNICATION_CHOICE_FIELDS,
  communicationChoiceBody,
  communicationOptions,
  exemptionOpen,
  exemptionOptions,
} from '../communications/communication.view-model';
import { label } from '../../web.labels.sv';
import { latestScreeningOf } from '../../../screening/screening.repository';
import type { PageContext } from '../../web.page';
import { APPLICATION_OUTCOMES, type ApplicationOutcome } from '../../../decisions/decisions.table';

// The decision form on a screening page. The rules (kommunicering and reasons for a denial, reasons
// for a departure or a weighed referral, a second officer) are the decisions service's; the form only
// tells the officer in advance which of them apply to this recommendation, and shows the service's
// refusal field by field when one is broken.

export const DECISION_FIELDS = [
  'outcome',
  'justification',
  'conditions',
  ...COMMUNICATION_CHOICE_FIELDS,
  'supersedesDecisionId',
];

/** What each choice entails here, in the words the officer needs before choosing. */
function outcomeHint(rec: Screening['recommendation'], outcome: ApplicationOutcome): string {
  const parts: string[] = [];
  if (outcome === 'denied') {
    parts.push(
      'Kräver motivering, och att föreningen först har fått ta del av uppgifterna och kunnat svara (kommunicering) eller ett undantag från det.',
    );
  } else if (needsJustification(rec, outcome)) {
    parts.push(`Kräver motivering, eftersom rekommendationen är ”${label('recommendation', rec)}”.`);
  }
  parts.push(
    needsSecondOfficer(rec, outcome)
      ? 'Beslutet gäller först när en annan handläggare eller samordnare har godkänt det.'
      : 'Beslutet fattas direkt.',
  );
  return parts.join(' ');
}

/** The form's fields as the API's body; blank optional fields are left out, as the API expects. */
export function decisionBody(v: FormValues, screeningId: string) {
  const justification = optional(v.justification);
  const supersedes = optional(v.supersedesDecisionId);
  const conditions = optional(v.conditions);
  return {
    screeningId,
    outcome: v.outcome ?? '',
    ...(justification ? { justification } : {}),
    ...(conditions ? { conditions } : {}),
    ...communicationChoiceBody(v),
    ...(supersedes ? { supersedesDecisionId: supersedes } : {}),
  };
}

/**
 * Whether this person may decide here and on what footing: undefined for those who may not decide;
 * otherwise the pending decision (nothing to decide until it is approved or returned), a newer
 * screening (decide on that one), or the form, with the final decision a new one would correct.
 */
export async function decisionPanel(deps: AppDeps, ctx: PageContext, screening: Screening, form: FormState) {
  if (!ctx.can('POST /api/applications/:id/decisions')) return undefined;
  const [decisions, latest, communications] = await Promise.all([
    ctx.call('GET /api/decisions', {
      query: { applicationId: screening.applicationId, limit: '100' },
    }),
    latestScreeningOf(deps.db, screening.applicationId),
    ctx.call('GET /api/communications', {
      query: { applicationId: screening.applicationId, limit: '100' },
    }),
  ]);
  const pending = decisions.items.find((d) => d.status === 'pending_approval');
  const final = decisions.items.find((d) => d.status === 'final');
  const latestId = latest?.id;
  const newerScreeningId = latestId && latestId !== screening.id ? latestId : undefined;
  const rec = screening.recommendation;
  return {
    pending,
    final,
    newerScreeningId,
    open: !pending && !newerScreeningId,
    outcomes: APPLICATION_OUTCOMES.map((value) => ({
      value,
      label: value === 'approved' ? 'Bevilja ansökan' : 'Avslå ansökan',
      hint: outcomeHint(rec, value),
    })),
    communicationOptions: communicationOptions(communications.items),
    exemptionOptions: exemptionOptions(),
    exemptionOpen: exemptionOpen(form),
    noCommunicationHint:
      'Ingen kommunicering är skickad i ärendet. Skicka uppgifterna till föreningen från ansökans sida innan du avslår, eller ange ett undantag.',
  };
}
