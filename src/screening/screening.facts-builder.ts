import type { Application } from '../applications/applications.schemas';
import type { AssociationRow } from '../associations/associations.table';
import type { ScreeningFacts } from './screening.facts';
import type { WatchlistScreen } from './screening.watchlist-port';

/**
 * The snapshot a screening evaluates and stores: what was known at screening time, copied, so later
 * changes to the application, its findings or the watchlist never change a past screening.
 */
export function buildFacts(
  screeningDate: string,
  application: Application,
  association: AssociationRow,
  watchlist: WatchlistScreen,
): ScreeningFacts {
  return {
    screeningDate,
    application: {
      kind: application.kind,
      statutes: application.statutes,
      declaration: application.declaration,
    },
    association: {
      orgNumber: association.org_number,
      registeredOn: association.registered_on,
      supportStatus: association.support_status,
    },
    findings: application.findings.map((f) => ({
      id: f.id,
      category: f.category,
      verified: f.verified,
      actingForAssociation: f.actingForAssociation,
      occurredOn: f.occurredOn,
      mitigation: f.mitigation,
      lawfulSingleSexActivity: f.lawfulSingleSexActivity,
      source: f.source,
      description: f.description,
    })),
    watchlist: {
      hits: watchlist.hits.map((h) => ({
        entryId: h.entryId,
        score: h.score,
        matchedName: h.matchedName,
        subject: h.subject,
        idNumberMatch: h.idNumberMatch,
        ...(h.sanctionsList && { sanctionsList: h.sanctionsList }),
      })),
      matcherVersion: watchlist.matcherVersion,
      watchlistVersion: watchlist.watchlistVersion,
    },
  };
}
