import { FINDING_CATEGORIES } from '../../../shared/finding-categories';
import { checked, optional, type FormValues } from '../../web.forms';
import { LABELS } from '../../web.labels.sv';
import { stockholmLocalToInstant } from '../../web.time';

// The application and finding forms as the API's request bodies. The form's field names are the
// body's paths, so the API's validation errors fall on the right fields.

export const STATUTES = [
  { name: 'statutes.adoptedAtAnnualMeeting', label: 'Stadgarna är antagna vid ett årsmöte' },
  { name: 'statutes.electedBoard', label: 'Styrelsen är vald av medlemmarna' },
  { name: 'statutes.auditor', label: 'Föreningen har en revisor' },
  { name: 'statutes.openMembership', label: 'Medlemskapet är öppet för alla' },
  { name: 'statutes.nonDiscriminationClause', label: 'Stadgarna förbjuder diskriminering' },
] as const;

export const APPLICATION_FIELDS = [
  'orgNumber',
  'caseNumber',
  'kind',
  'grant.program',
  'grant.amountSek',
  'grant.periodFrom',
  'grant.periodTo',
  'premises.venue',
  'premises.from',
  'premises.to',
  ...STATUTES.map((s) => s.name),
  'declaration.signed',
  'declaration.signedBy',
  'declaration.signedOn',
];

/** "25 000" → 25000; anything else is passed on for the API to refuse. */
function amount(v: string | undefined): unknown {
  const compact = (v ?? '').replace(/[\s\u00a0]/g, '');
  return /^\d{1,12}$/.test(compact) ? Number(compact) : compact === '' ? undefined : compact;
}

export function applicationBody(v: FormValues, associationId: string) {
  const kind = v.kind ?? '';
  const caseNumber = optional(v.caseNumber);
  return {
    kind,
    associationId,
    ...(caseNumber ? { caseNumber } : {}),
    grant:
      kind === 'grant'
        ? {
            program: v['grant.program'] ?? '',
            amountSek: amount(v['grant.amountSek']),
            periodFrom: v['grant.periodFrom'] ?? '',
            periodTo: v['grant.periodTo'] ?? '',
          }
        : null,
    premises:
      kind === 'premises'
        ? {
            venue: v['premises.venue'] ?? '',
            from: stockholmLocalToInstant(v['premises.from'] ?? ''),
            to: stockholmLocalToInstant(v['premises.to'] ?? ''),
          }
        : null,
    statutes: Object.fromEntries(STATUTES.map((s) => [s.name.slice('statutes.'.length), checked(v[s.name])])),
    declaration: {
      signed: checked(v['declaration.signed']),
      signedBy: optional(v['declaration.signedBy']) ?? null,
      signedOn: optional(v['declaration.signedOn']) ?? null,
    },
    findings: [],
  };
}

export const FINDING_FIELDS = [
  'category',
  'description',
  'source',
  'occurredOn',
  'verified',
  'actingForAssociation',
  'mitigation.distanced',
  'mitigation.actionTaken',
  'mitigation.oneOff',
  'lawfulSingleSexActivity',
  'secrecy.provision',
];

export const CATEGORY_OPTIONS = FINDING_CATEGORIES.map((c) => ({ value: c, label: LABELS.category[c] }));

export const MITIGATIONS = [
  { name: 'mitigation.distanced', label: 'Föreningen har tagit avstånd från händelsen' },
  { name: 'mitigation.actionTaken', label: 'Föreningen har vidtagit åtgärder' },
  { name: 'mitigation.oneOff', label: 'Det var en enstaka händelse' },
] as const;

/** A yes/no radio: "ja" → true, "nej" → false, unanswered → absent (the API asks for an answer). */
const yesNo = (v: string | undefined) => (v === 'ja' ? true : v === 'nej' ? false : undefined);

export function findingBody(v: FormValues) {
  return {
    category: v.category ?? '',
    description: v.description ?? '',
    source: v.source ?? '',
    occurredOn: v.occurredOn ?? '',
    verified: yesNo(v.verified),
    actingForAssociation: yesNo(v.actingForAssociation),
    mitigation: {
      distanced: checked(v['mitigation.distanced']),
      actionTaken: checked(v['mitigation.actionTaken']),
      oneOff: checked(v['mitigation.oneOff']),
    },
    lawfulSingleSexActivity: checked(v.lawfulSingleSexActivity),
    ...(optional(v['secrecy.provision'])
      ? { secrecy: { provision: optional(v['secrecy.provision'])! } }
      : {}),
  };
}
