import type { AppDeps } from '../../app';
import type { ExportedEvent } from '../../audit/audit.hash';
import type { Verification } from '../../audit/audit.verify.service';
import type { Page } from '../../http/pagination';
import { nameOf, userDirectory } from '../web.lookups.repository';
import { writeAuditExport } from '../../audit/audit.export';
import { definePage, sent, view } from '../web.page';

// The audit chain: verified from its first event on every visit, and the latest events (optionally
// those of one record, e.g. a screening) with who did what when; and the whole log as a download, to
// verify offline.
export const investigatorAuditPages = (deps: AppDeps) => [
  definePage({
    method: 'get',
    path: '/granskningskedja',
    uses: ['GET /api/audit/verify', 'GET /api/audit/events'],
    nav: {
      label: 'Granskningskedja',
      order: 50,
      description: 'Kontrollera att granskningsloggen är obruten och se vem som gjorde vad.',
    },
    handler: async (ctx) => {
      const entityId = ctx.query.entityId?.trim() || undefined;
      const [check, events, users] = await Promise.all([
        ctx.call<Verification>('GET /api/audit/verify'),
        ctx.call<Page<ExportedEvent>>('GET /api/audit/events', {
          query: { limit: '50', ...(entityId ? { entityId } : {}) },
        }),
        userDirectory(deps.db),
      ]);
      return view('audit', 'Granskningskedja', {
        check,
        entityId,
        events: events.items.map((e) => ({ ...e, actorName: nameOf(users.names, e.actor) })),
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/granskningskedja/export',
    uses: ['GET /api/audit/export'],
    handler: async (ctx) => {
      // Streamed like the API's export, by the same function: the file verifies with the same tool.
      await writeAuditExport(deps.db, ctx.res);
      return sent();
    },
  }),
];
