import type { AppDeps } from '../../deps';
import { nameOf, userDirectory } from '../web.user-directory';
import { writeAuditExport } from '../../audit/audit.export';
import { definePage, redirect, sent, view } from '../web.page';

// The audit log: checked from its latest verified checkpoint on every visit (saying so), its signed
// tree head, and the latest events (optionally those of one record) with who did what when; the whole
// log as a download to verify offline; and full recomputations from the first event, which run in the
// background with their progress on a page of their own.
export const auditPages = (deps: AppDeps) => [
  definePage({
    method: 'get',
    path: '/granskningskedja',
    uses: ['GET /api/audit/verify', 'GET /api/audit/events', 'GET /api/audit/tree-head'],
    nav: {
      label: 'Granskningskedja',
      order: 50,
      description: 'Kontrollera att granskningsloggen är obruten och se vem som gjorde vad.',
    },
    handler: async (ctx) => {
      const entityId = ctx.query.entityId?.trim() || undefined;
      const [check, events, users] = await Promise.all([
        ctx.call('GET /api/audit/verify'),
        ctx.call('GET /api/audit/events', {
          query: { limit: '50', ...(entityId ? { entityId } : {}) },
        }),
        userDirectory(deps.db),
      ]);
      // A head is signed only for a log that verifies.
      const head = check.valid ? await ctx.call('GET /api/audit/tree-head') : undefined;
      return view('audit', 'Granskningskedja', {
        check,
        head,
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
  definePage({
    method: 'get',
    path: '/granskningskedja/verifieringar',
    uses: ['GET /api/audit/verifications', 'POST /api/audit/verifications'],
    handler: async (ctx) => {
      const [list, users] = await Promise.all([
        ctx.call('GET /api/audit/verifications', { query: { limit: '20' } }),
        userDirectory(deps.db),
      ]);
      return view('audit-verifications', 'Fullständig kontroll av granskningsloggen', {
        items: list.items.map((v) => ({ ...v, requestedByName: nameOf(users.names, v.requestedBy) })),
      });
    },
  }),
  definePage({
    method: 'post',
    path: '/granskningskedja/verifieringar',
    uses: ['POST /api/audit/verifications'],
    handler: async (ctx) => {
      const { id } = await ctx.call('POST /api/audit/verifications');
      return redirect(`/granskningskedja/verifieringar/${id}`);
    },
  }),
  definePage({
    method: 'get',
    path: '/granskningskedja/verifieringar/:id',
    uses: ['GET /api/audit/verifications/:id'],
    handler: async (ctx) => {
      const [v, users] = await Promise.all([
        ctx.call('GET /api/audit/verifications/:id', { params: ctx.params }),
        userDirectory(deps.db),
      ]);
      return view('audit-verification', 'Fullständig kontroll av granskningsloggen', {
        v,
        requestedByName: nameOf(users.names, v.requestedBy),
        working: v.status === 'queued' || v.status === 'running',
        result: v.result,
      });
    },
  }),
];
