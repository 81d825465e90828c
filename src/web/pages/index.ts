import type { AppDeps } from '../../deps';
import type { PageDef } from '../web.page';
import { homePages } from './home.pages';
import { premisesPages } from './premises.pages';
import { worklistPages } from './worklist.pages';
import { associationPages } from './associations/associations.pages';
import { applicationPages } from './applications/applications.pages';
import { communicationPages } from './communications/communications.pages';
import { screeningPages } from './screenings/screenings.pages';
import { decisionPages } from './decisions/decisions.pages';
import { delegationReportPages } from './delegation-report.pages';
import { reminderPages } from './reminders.pages';
import { watchlistPages } from './watchlist.pages';
import { referralPages } from './referrals.pages';
import { withdrawalPages } from './withdrawals.pages';
import { auditPages } from './audit.pages';
import { statsPages } from './stats.pages';
import { retentionPages } from './retention.pages';
import { registerExtractPages } from './register-extract.pages';
import { adminUserPages } from './admin.users.pages';
import { adminRulePages } from './admin.rules.pages';

/**
 * Every page, declared once, one file per address section: mounted, put in the navigation and
 * role-tested from this list. The order does not matter: the router tries fixed path segments before
 * `:id` parameters itself (web.route-order.ts).
 */
export function allPages(deps: AppDeps): PageDef[] {
  return [
    ...homePages(),
    ...premisesPages(deps),
    ...worklistPages(deps),
    ...associationPages(deps),
    ...applicationPages(deps),
    ...communicationPages(deps),
    ...screeningPages(deps),
    ...decisionPages(deps),
    ...delegationReportPages(deps),
    ...reminderPages(deps),
    ...watchlistPages(),
    ...referralPages(deps),
    ...withdrawalPages(),
    ...auditPages(deps),
    ...statsPages(),
    ...retentionPages(),
    ...registerExtractPages(deps),
    ...adminUserPages(deps),
    ...adminRulePages(),
  ];
}
