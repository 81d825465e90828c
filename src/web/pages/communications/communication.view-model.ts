import { EXEMPTION_GROUNDS } from '../../../communications/communications.exemptions';
import type { Communication } from '../../../communications/communications.schemas';
import { label } from '../../web.labels.sv';
import { optional, type FormValues } from '../../web.forms';

// Kommunicering on the pages: the form that sends the material (findings ticked, a deadline), and on
// the decision and withdrawal forms the choice of the communication a decision rests on, or the
// exception the law allows. The rules are the API's; these only turn forms into its bodies.

export const COMMUNICATION_FORM_FIELDS = ['findingIds', 'sentOn', 'replyBy', 'caseNumber'];

/** The fields with which a decision names its kommunicering or the exception to it. */
export const COMMUNICATION_CHOICE_FIELDS = [
  'communicationId',
  'communicationExemption',
  'communicationExemption.ground',
  'communicationExemption.justification',
];

/** A finding as a checkbox: what, when, and its source. */
export function findingChoices(
  findings: readonly {
    id: string;
    category: string;
    description: string;
    occurredOn: string;
    source: string;
  }[],
) {
  return findings.map((f) => ({
    name: `findingIds.${f.id}`,
    label: `${f.occurredOn} – ${label('category', f.category)}: ${f.description} (källa: ${f.source})`,
  }));
}

/** The send-the-material form as the API's body; blank optional fields are left out. */
export function communicationBody(
  v: FormValues,
  target: { applicationId: string } | { associationId: string },
) {
  const sentOn = optional(v.sentOn);
  const caseNumber = 'associationId' in target ? optional(v.caseNumber) : undefined;
  return {
    ...target,
    findingIds: Object.keys(v)
      .filter((k) => k.startsWith('findingIds.') && v[k])
      .map((k) => k.slice('findingIds.'.length)),
    replyBy: v.replyBy ?? '',
    ...(sentOn ? { sentOn } : {}),
    ...(caseNumber ? { caseNumber } : {}),
  };
}

/** One line per communication of the case, for the decision form's choice. */
export function communicationOptions(items: readonly Communication[]) {
  return items.map((c) => ({
    value: c.id,
    label: `Skickad ${c.sentOn}, sista svarsdag ${c.replyBy} – ${label('communicationStatus', c.status)}`,
  }));
}

export const exemptionOptions = () =>
  EXEMPTION_GROUNDS.map((g) => ({
    value: g.code,
    label: `${label('exemptionGround', g.code)} (${g.citation})`,
  }));

/** The communication chosen, or the exception stated, as the decision body's fields. */
export function communicationChoiceBody(v: FormValues) {
  const communicationId = optional(v.communicationId);
  const ground = optional(v['communicationExemption.ground']);
  const justification = optional(v['communicationExemption.justification']);
  return {
    ...(communicationId ? { communicationId } : {}),
    ...(ground || justification
      ? { communicationExemption: { ground: ground ?? '', justification: justification ?? '' } }
      : {}),
  };
}

/** Whether the exception part of the form should be open: something was chosen or refused there. */
export const exemptionOpen = (form: { values: FormValues; errors: Record<string, string> }) =>
  Object.keys({ ...form.values, ...form.errors }).some(
    (k) => k.startsWith('communicationExemption') && (form.values[k] || form.errors[k]),
  );
