import type { AppDeps } from '../../deps';
import type { PageDef } from '../web.page';
import { homePages } from './home.pages';
import { bookingStaffPages } from './booking-staff.premises.pages';
import { caseOfficerQueuePages } from './case-officer.queue.pages';
import { caseOfficerAssociationPages } from './case-officer.associations.pages';
import { caseOfficerWithdrawalPages } from './case-officer.withdrawals.pages';
import { caseOfficerApplicationPages } from './case-officer.applications.pages';
import { caseOfficerCommunicationPages } from './case-officer.communications.pages';
import { caseOfficerDecidePages } from './case-officer.decide.pages';
import { screeningPages } from './screening.pages';
import { decisionPages } from './decision.pages';
import { reminderPages } from './reminders.pages';
import { investigatorScreeningPages } from './investigator.screenings.pages';
import { investigatorDecisionPages } from './investigator.decisions.pages';
import { investigatorWithdrawalPages } from './investigator.withdrawals.pages';
import { investigatorAuditPages } from './investigator.audit.pages';
import { investigatorStatsPages } from './investigator.stats.pages';
import { coordinatorWatchlistPages } from './coordinator.watchlist.pages';
import { coordinatorImportPages } from './coordinator.import.pages';
import { coordinatorReferralPages } from './coordinator.referrals.pages';
import { delegationReportPages } from './coordinator.delegation-report.pages';
import { registerExtractPages } from './register-extract.pages';
import { retentionPages } from './retention.pages';
import { adminUserPages } from './admin.users.pages';
import { adminRulePages } from './admin.rules.pages';

/**
 * Every page, declared once: mounted, put in the navigation and role-tested from this list. Within
 * an area, fixed paths come before `:id` paths, which express would otherwise match first.
 */
export function allPages(deps: AppDeps): PageDef[] {
  return [
    ...homePages(),
    ...bookingStaffPages(deps),
    ...caseOfficerQueuePages(deps),
    ...caseOfficerAssociationPages(deps),
    ...caseOfficerWithdrawalPages(deps),
    ...caseOfficerApplicationPages(deps),
    ...caseOfficerCommunicationPages(deps),
    ...investigatorScreeningPages(deps),
    ...screeningPages(deps),
    ...caseOfficerDecidePages(deps),
    ...delegationReportPages(deps),
    ...investigatorDecisionPages(deps),
    ...decisionPages(deps),
    ...reminderPages(deps),
    ...coordinatorImportPages(),
    ...coordinatorWatchlistPages(),
    ...coordinatorReferralPages(deps),
    ...investigatorWithdrawalPages(),
    ...investigatorAuditPages(deps),
    ...investigatorStatsPages(),
    ...retentionPages(),
    ...registerExtractPages(deps),
    ...adminUserPages(deps),
    ...adminRulePages(),
  ];
}
