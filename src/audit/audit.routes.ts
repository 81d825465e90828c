import type { AppDeps } from '../deps';
import { defineRoute } from '../http/route';
import { mapPage } from '../http/pagination';
import { rangeBound } from '../http/date-range';
import { listEvents } from './audit.repository';
import { toExported } from './audit.events';
import { writeAuditExport } from './audit.export';
import { verifyLog } from './audit.verify.service';
import { auditEventsPage, auditEventsQuery, verifyResultSchema } from './audit.schemas';

export function auditRoutes(deps: AppDeps) {
  const { db } = deps;
  return [
    defineRoute({
      method: 'get',
      path: '/api/audit/events',
      summary: 'Audit events, newest first',
      tag: 'audit',
      roles: ['investigator'],
      query: auditEventsQuery,
      success: { status: 200, description: 'A page of events', schema: auditEventsPage },
      handler: async ({ query }) => {
        const page = await listEvents(
          db,
          {
            entityType: query.entityType,
            entityId: query.entityId,
            actor: query.actor,
            from: rangeBound(query.from, 'from'),
            to: rangeBound(query.to, 'to'),
          },
          query,
        );
        return mapPage(page, toExported);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit/verify',
      summary:
        'Verify the log from the latest verified checkpoint plus the events since (checkpoint says which); ' +
        'a recomputation from the first event is POST /api/audit/verifications',
      tag: 'audit',
      roles: ['investigator'],
      success: { status: 200, description: 'The verification result', schema: verifyResultSchema },
      handler: () => verifyLog({ db, clock: deps.clock, signer: deps.audit.signer }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit/export',
      summary: 'The whole audit log as NDJSON, one event per line in chain order, verifiable offline',
      tag: 'audit',
      roles: ['investigator'],
      success: { status: 200, description: 'NDJSON stream', contentType: 'application/x-ndjson' },
      handler: async ({ res }) => {
        await writeAuditExport(db, res);
        return undefined;
      },
    }),
  ];
}
