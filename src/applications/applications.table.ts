import type { Generated, Selectable } from 'kysely';
import type { Json } from '../db/json';
import type { FindingCategory } from '../shared/finding-categories';

export { FINDING_CATEGORIES, type FindingCategory } from '../shared/finding-categories';

export const APPLICATION_KINDS = ['grant', 'premises'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];
export const APPLICATION_STATUSES = ['received', 'screened', 'decided'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface GrantDetails {
  program: string;
  amountSek: number;
  periodFrom: string;
  periodTo: string;
}

export interface PremisesDetails {
  venue: string;
  from: string;
  to: string;
}

export interface Statutes {
  adoptedAtAnnualMeeting: boolean;
  electedBoard: boolean;
  auditor: boolean;
  openMembership: boolean;
  nonDiscriminationClause: boolean;
}

export interface Declaration {
  signed: boolean;
  signedBy: string | null;
  signedOn: string | null;
}

export interface Mitigation {
  distanced: boolean;
  actionTaken: boolean;
  oneOff: boolean;
}

export interface ApplicationsTable {
  id: string;
  association_id: string;
  kind: ApplicationKind;
  grant: Json<GrantDetails | null>;
  premises: Json<PremisesDetails | null>;
  statutes: Json<Statutes>;
  declaration: Json<Declaration>;
  status: ApplicationStatus;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface FindingsTable {
  id: string;
  application_id: string;
  category: FindingCategory;
  description: string;
  source: string;
  occurred_on: string;
  verified: boolean;
  acting_for_association: boolean;
  mitigation: Json<Mitigation>;
  lawful_single_sex_activity: Generated<boolean>;
  /** The OSL provision that covers the finding's source, e.g. "OSL 18 kap. 1 §"; null: not secret. */
  secrecy_provision: string | null;
  recorded_by: string;
  created_at: Date;
}

/** An application as read: with its case (every application is one), joined from `cases`. */
export type ApplicationRow = Selectable<ApplicationsTable> & {
  case_id: string;
  case_number: string;
  assigned_to: string;
};
export type FindingRow = Selectable<FindingsTable>;
