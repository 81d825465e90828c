import type { Selectable } from 'kysely';
import type { Json } from '../db/json';

export const SUPPORT_STATUSES = ['active', 'withdrawn'] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];

export interface Representative {
  name: string;
  role: string;
  personalNumber?: string | null;
}

export interface AssociationsTable {
  id: string;
  org_number: string;
  name: string;
  aliases: Json<string[]>;
  registered_on: string | null;
  representatives: Json<Representative[]>;
  support_status: SupportStatus;
  created_at: Date;
  updated_at: Date;
}

/** One row: bumped by a trigger whenever an association's support changes (see 0010_support_version). */
export interface SupportStateTable {
  id: number;
  version: number;
}

export type AssociationRow = Selectable<AssociationsTable>;
