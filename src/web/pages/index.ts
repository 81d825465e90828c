import type { AppDeps } from '../../deps';
import type { PageDef } from '../web.page';
import { homePages } from './home.pages';
import { bookingStaffPages } from './premises.pages';
import { caseOfficerQueuePages } from './worklist.pages';
import { caseOfficerAssociationPages } from './associations/associations.pages';
import { caseOfficerWithdrawalPages } from './associations/association-withdrawal.pages';
import { caseOfficerApplicationPages } from './applications/applications.pages';
import { caseOfficerCommunicationPages } from './communications/communications.pages';
import { caseOfficerDecidePages } from './screenings/decide.pages';
import { screeningPages } from './screenings/screening.page';
import { decisionPages } from './decisions/decision.page';
import { reminderPages } from './reminders.pages';
import { investigatorScreeningPages } from './screenings/screenings.pages';
import { investigatorDecisionPages } from './decisions/decisions.pages';
import { investigatorWithdrawalPages } from './withdrawals.pages';
import { investigatorAuditPages } from './audit.pages';
import { investigatorStatsPages } from './stats.pages';
import { coordinatorWatchlistPages } from './watchlist.pages';
import { coordinatorImportPages } from './watchlist-import.pages';
import { coordinatorReferralPages } from './referrals.pages';
import { delegationReportPages } from './delegation-report.pages';
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
