import type { RouteResult } from '../http/route';
import type { usersRoutes } from '../users/users.routes';
import type { auditRoutes } from '../audit/audit.routes';
import type { associationsRoutes } from '../associations/associations.routes';
import type { applicationsRoutes } from '../applications/applications.routes';
import type { screeningRoutes } from '../screening/screening.routes';
import type { watchlistRoutes } from '../watchlist/watchlist.routes';
import type { remindersRoutes } from '../reminders/reminders.routes';
import type { decisionsRoutes } from '../decisions/decisions.routes';
import type { withdrawalsRoutes } from '../withdrawals/withdrawals.routes';
import type { premisesRoutes } from '../premises/premises.routes';
import type { delegationRoutes } from '../delegation/delegation.routes';
import type { casesRoutes } from '../cases/cases.routes';
import type { communicationsRoutes } from '../communications/communications.routes';
import type { auditTreeRoutes } from '../audit/audit.tree.routes';
import type { retentionRoutes } from '../retention/retention.routes';
import type { registerExtractRoutes } from '../register-extract/register-extract.routes';

// Types only: the API operations a page may name, each with the type of its answer, read from the
// route declarations themselves (method, path and success schema). The routes the pages run are
// the ones app.ts passes in; this list only gives them types, so a route missing here is a page
// that does not compile, never one that behaves differently.

type Declared = ReturnType<
  | typeof usersRoutes
  | typeof auditRoutes
  | typeof associationsRoutes
  | typeof applicationsRoutes
  | typeof screeningRoutes
  | typeof watchlistRoutes
  | typeof remindersRoutes
  | typeof decisionsRoutes
  | typeof withdrawalsRoutes
  | typeof premisesRoutes
  | typeof delegationRoutes
  | typeof casesRoutes
  | typeof communicationsRoutes
  | typeof auditTreeRoutes
  | typeof retentionRoutes
  | typeof registerExtractRoutes
>[number];

type KeyOf<R> = R extends { method: infer M extends string; path: infer P extends string }
  ? `${Uppercase<M>} ${P}`
  : never;

/** 'METHOD /api/path' exactly as declared, e.g. 'POST /api/applications/:id/findings'. */
export type ApiKey = KeyOf<Declared>;

/** The answer of the operation `K` as its success schema describes it. */
export type ApiResult<K extends ApiKey> = RouteResult<Extract<Declared, RouteOf<K>>>;

type RouteOf<K> = K extends `${infer M} ${infer P}` ? { method: Lowercase<M>; path: P } : never;
