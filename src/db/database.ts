import type { Kysely, Transaction } from 'kysely';
import type { UsersTable } from '../users/users.table';
import type {
  AuditCheckpointsTable,
  AuditEventsTable,
  AuditHeadTable,
  AuditPublicKeysTable,
  AuditSigningKeyTable,
  AuditTreeHeadsTable,
  AuditTreeNodesTable,
  AuditVerificationsTable,
} from '../audit/audit.table';
import type { OidcSignInsTable } from '../auth/oidc/oidc.table';
import type { AssociationsTable, SupportStateTable } from '../associations/associations.table';
import type { ApplicationsTable, FindingsTable } from '../applications/applications.table';
import type { DecisionsTable, ReferenceCountersTable } from '../decisions/decisions.table';
import type {
  WatchlistEntriesTable,
  WatchlistImportsTable,
  WatchlistSourceImportsTable,
  WatchlistStateTable,
} from '../watchlist/watchlist.table';
import type { SanctionsClearancesTable } from '../screening/sanctions-clearance.table';
import type { RuleSetsTable, ScreeningReasonsTable, ScreeningsTable } from '../screening/screening.table';
import type { RemindersTable } from '../reminders/reminders.table';
import type { PremisesChecksTable, ReferralsTable } from '../premises/premises.table';
import type { OutboxTable } from '../notifications/notifications.table';
import type { WebSessionsTable } from '../auth/sessions/sessions.table';
import type { CaseNumberCountersTable, CasesTable } from '../cases/cases.table';
import type { CommunicationsTable } from '../communications/communications.table';
import type { IdempotencyKeysTable } from '../http/idempotency.table';
import type { RetentionRunsTable } from '../retention/retention.table';

// Hand-written table types, one file per area; this interface gathers them for Kysely.
export interface Database {
  users: UsersTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  audit_tree_nodes: AuditTreeNodesTable;
  audit_tree_heads: AuditTreeHeadsTable;
  audit_checkpoints: AuditCheckpointsTable;
  audit_public_keys: AuditPublicKeysTable;
  audit_signing_key: AuditSigningKeyTable;
  audit_verifications: AuditVerificationsTable;
  associations: AssociationsTable;
  support_state: SupportStateTable;
  applications: ApplicationsTable;
  findings: FindingsTable;
  rule_sets: RuleSetsTable;
  screenings: ScreeningsTable;
  screening_reasons: ScreeningReasonsTable;
  watchlist_entries: WatchlistEntriesTable;
  watchlist_state: WatchlistStateTable;
  watchlist_imports: WatchlistImportsTable;
  watchlist_source_imports: WatchlistSourceImportsTable;
  sanctions_clearances: SanctionsClearancesTable;
  reminders: RemindersTable;
  outbox: OutboxTable;
  decisions: DecisionsTable;
  reference_counters: ReferenceCountersTable;
  premises_checks: PremisesChecksTable;
  referrals: ReferralsTable;
  web_sessions: WebSessionsTable;
  cases: CasesTable;
  case_number_counters: CaseNumberCountersTable;
  communications: CommunicationsTable;
  idempotency_keys: IdempotencyKeysTable;
  retention_runs: RetentionRunsTable;
  oidc_sign_ins: OidcSignInsTable;
}

/** Either the database or a transaction: repositories accept both, services decide which. */
export type Db = Kysely<Database> | Transaction<Database>;
