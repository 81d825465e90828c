import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_applications';
import * as m0003 from './0003_screenings';
import * as m0004 from './0004_reminders';
import * as m0005 from './0005_watchlist';
import * as m0006 from './0006_decisions';
import * as m0007 from './0007_web_sessions';
import * as m0008 from './0008_premises';
import * as m0009 from './0009_audit_head';
import * as m0010 from './0010_support_version';
import * as m0011 from './0011_cases_communications';
import * as m0012 from './0012_delegation';
import * as m0013 from './0013_letters';
import * as m0014 from './0014_lawful_single_sex';
import * as m0015 from './0015_referral_answers';
import * as m0016 from './0016_audit_payloads_and_tree';
import * as m0017 from './0017_retention_runs';
import * as m0018 from './0018_idempotency_keys';
import * as m0019 from './0019_watchlist_category_imports';
import * as m0020 from './0020_sanctions_sources';
import * as m0021 from './0021_users_admin_oidc';
import * as m0022 from './0022_enum_checks';
import * as m0023 from './0023_oidc_sign_ins_expiry';

// Every migration, in order. Landed migrations are never edited: a change is a new file listed here.
// Listed statically (not read from disk) so the same code runs under ts-jest/swc and from dist/.
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_applications': m0002,
  '0003_screenings': m0003,
  '0004_reminders': m0004,
  '0005_watchlist': m0005,
  '0006_decisions': m0006,
  '0007_web_sessions': m0007,
  '0008_premises': m0008,
  '0009_audit_head': m0009,
  '0010_support_version': m0010,
  '0011_cases_communications': m0011,
  '0012_delegation': m0012,
  '0013_letters': m0013,
  '0014_lawful_single_sex': m0014,
  '0015_referral_answers': m0015,
  '0016_audit_payloads_and_tree': m0016,
  '0017_retention_runs': m0017,
  '0018_idempotency_keys': m0018,
  '0019_watchlist_category_imports': m0019,
  '0020_sanctions_sources': m0020,
  '0021_users_admin_oidc': m0021,
  '0022_enum_checks': m0022,
  '0023_oidc_sign_ins_expiry': m0023,
};
