import { z } from 'zod';
import { APPLICATION_KINDS } from '../applications/applications.table';
import { SUPPORT_STATUSES } from '../associations/associations.table';
import { wholeYearsBetween } from '../shared/calendar-date';
import { FINDING_CATEGORIES } from '../shared/finding-categories';
import { parseOrgNumber } from '../shared/swedish-ids';
import { LIST_SOURCES } from '../watchlist/watchlist.table';

// The fact snapshot is stored with every screening and replayed years later, so it is plain JSON
// and holds only what was known at screening time: nothing here is looked up again on replay.

const date = z.iso.date();

export const findingFactSchema = z.object({
  id: z.string().min(1),
  category: z.enum(FINDING_CATEGORIES),
  verified: z.boolean(),
  // True when the person acted for the association: a representative within its activities, or a
  // partner organisation acting on its behalf. A member acting privately is false.
  actingForAssociation: z.boolean(),
  occurredOn: date,
  mitigation: z.object({ distanced: z.boolean(), actionTaken: z.boolean(), oneOff: z.boolean() }),
  // The finding describes a single-sex activity that is lawful under diskrimineringslagen 2 kap.
  // 12 § (e.g. a girls-only training group). Optional: snapshots stored before rule set 2026.2 lack
  // it, and deriveFacts reads absent as false, so they replay exactly as they were evaluated.
  lawfulSingleSexActivity: z.boolean().optional(),
  source: z.string(),
  description: z.string(),
});

/** Whose name a watchlist hit matched: the association's own, or one of its representatives'. */
export const HIT_SUBJECTS = ['association', 'representative'] as const;
export type HitSubject = (typeof HIT_SUBJECTS)[number];

export const watchlistHitFactSchema = z.object({
  entryId: z.string().min(1),
  score: z.number().min(0).max(1),
  matchedName: z.string(),
  subject: z.enum(HIT_SUBJECTS),
  idNumberMatch: z.boolean(),
  // The sanctions list the hit entry comes from (rule set 2026.3, SANK-1). Absent for entries kept
  // by hand and in every snapshot stored before lists were sources, so those replay unchanged.
  sanctionsList: z.enum(LIST_SOURCES).optional(),
});

export const screeningFactsSchema = z.object({
  screeningDate: date,
  application: z.object({
    kind: z.enum(APPLICATION_KINDS),
    statutes: z.object({
      adoptedAtAnnualMeeting: z.boolean(),
      electedBoard: z.boolean(),
      auditor: z.boolean(),
      openMembership: z.boolean(),
      nonDiscriminationClause: z.boolean(),
    }),
    declaration: z.object({
      signed: z.boolean(),
      signedBy: z.string().nullish(),
      signedOn: date.nullish(),
    }),
  }),
  association: z.object({
    orgNumber: z.string(),
    registeredOn: date.nullable(),
    supportStatus: z.enum(SUPPORT_STATUSES),
  }),
  findings: z.array(findingFactSchema),
  watchlist: z.object({
    hits: z.array(watchlistHitFactSchema),
    matcherVersion: z.string(),
    watchlistVersion: z.number().int(),
  }),
});

export type ScreeningFacts = z.infer<typeof screeningFactsSchema>;
export type FindingFact = z.infer<typeof findingFactSchema>;
export type WatchlistHitFact = z.infer<typeof watchlistHitFactSchema>;

export type DerivedFinding = Omit<FindingFact, 'lawfulSingleSexActivity'> & {
  /** Always present for the rules: absent in an old snapshot means false. */
  lawfulSingleSexActivity: boolean;
  /** Whole years from occurredOn to the screening date. */
  ageYears: number;
  /** Any of the special reasons recorded: distanced, actionTaken or oneOff. */
  mitigated: boolean;
};

/** What the rules see: the snapshot plus values computed from it alone, so replay is exact. */
export interface DerivedFacts {
  screeningDate: string;
  application: Omit<ScreeningFacts['application'], 'declaration'> & {
    declaration: { signed: boolean; signedBy: string | null; signedOn: string | null };
  };
  association: ScreeningFacts['association'] & {
    orgNumberValid: boolean;
    /** Whole years the organisationsnummer has been held; null when registeredOn is unknown. */
    registeredYears: number | null;
  };
  findings: DerivedFinding[];
  watchlist: ScreeningFacts['watchlist'];
}

export const FACT_NAMES = ['screeningDate', 'application', 'association', 'findings', 'watchlist'] as const;

/** Array-valued facts that `someMatch` can search, with the fields a predicate may name. */
export interface ItemListFact {
  fact: string;
  path?: string;
  idField: string;
  fields: readonly string[];
  /** Key under which a rule's result lists the items it relied on. */
  resultKey: 'findingIds' | 'watchlistEntryIds';
}

export const ITEM_LIST_FACTS: readonly ItemListFact[] = [
  {
    fact: 'findings',
    idField: 'id',
    fields: [
      'id',
      'category',
      'verified',
      'actingForAssociation',
      'occurredOn',
      'mitigation',
      'lawfulSingleSexActivity',
      'source',
      'description',
      'ageYears',
      'mitigated',
    ],
    resultKey: 'findingIds',
  },
  {
    fact: 'watchlist',
    path: '$.hits',
    idField: 'entryId',
    fields: ['entryId', 'score', 'matchedName', 'subject', 'idNumberMatch', 'sanctionsList'],
    resultKey: 'watchlistEntryIds',
  },
];

export function itemListFact(fact: string, path: string | undefined): ItemListFact | undefined {
  return ITEM_LIST_FACTS.find((d) => d.fact === fact && d.path === path);
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export function deriveFacts(facts: ScreeningFacts): DerivedFacts {
  const { screeningDate, application, association } = facts;
  return {
    screeningDate,
    application: {
      ...application,
      // Optional fields become null, so a rule can test for "missing" with a plain equal null
      // and an absent value (undefined) means only "this snapshot has no such fact".
      declaration: {
        signed: application.declaration.signed,
        signedBy: blankToNull(application.declaration.signedBy),
        signedOn: application.declaration.signedOn ?? null,
      },
    },
    association: {
      ...association,
      orgNumberValid: parseOrgNumber(association.orgNumber).ok,
      registeredYears:
        association.registeredOn === null ? null : wholeYearsBetween(association.registeredOn, screeningDate),
    },
    findings: facts.findings.map((f) => ({
      ...f,
      lawfulSingleSexActivity: f.lawfulSingleSexActivity ?? false,
      ageYears: wholeYearsBetween(f.occurredOn, screeningDate),
      mitigated: f.mitigation.distanced || f.mitigation.actionTaken || f.mitigation.oneOff,
    })),
    watchlist: facts.watchlist,
  };
}
