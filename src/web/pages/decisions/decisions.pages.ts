import type { AppDeps } from '../../../deps';
import { sendLetter } from '../../../decisions/decisions.document';
import { loadDecision } from '../../../decisions/decisions.service';
import { addressProblem, checked, refusedForm } from '../../web.forms';
import { ValidationError } from '../../../http/errors';
import { definePage, redirect, sent } from '../../web.page';
import { decisionPage, refused } from './decision.page';
import { decisionRecordPage } from './decision.record';
import { decisionSearchPage } from './decisions.search';

// Every page under /beslut. The search: decisions by association, outcome, status, föredragande,
// delegat and period, newest first (the investigator's way in to any decision; case officers and
// coordinators may search too, as the API lets them). One decision: its facts, status, who prepared
// and who decided it, reference and letter. A delegat decides a prepared decision (confirming that
// they are not jävig) or returns it with a reason; for decisions the delegation order reserves to the
// committee, a coordinator records the committee's decision with its meeting date and §. The letter
// is served as stored, byte for byte. The record (akt): the decision with its screening, audit trail
// and the letter's proof in the signed log.
export const decisionPages = (deps: AppDeps) => [
  definePage({
    method: 'get',
    path: '/beslut',
    uses: ['GET /api/decisions'],
    nav: {
      label: 'Beslut',
      order: 35,
      description: 'Sök beslut efter förening, utfall, status, föredragande, beslutsfattare och period.',
    },
    handler: async (ctx) => decisionSearchPage(deps, ctx),
  }),
  definePage({
    method: 'get',
    path: '/beslut/:id/akt',
    uses: [
      'GET /api/decisions/:id',
      'GET /api/audit/events',
      'GET /api/audit/tree-head',
      'GET /api/audit/proof/inclusion',
      'GET /api/audit/public-key',
    ],
    handler: async (ctx) => decisionRecordPage(deps, ctx, ctx.params.id!),
  }),
  definePage({
    method: 'get',
    path: '/beslut/:id',
    uses: ['GET /api/decisions/:id'],
    handler: async (ctx) => decisionPage(deps, ctx, ctx.params.id!),
  }),
  definePage({
    method: 'post',
    path: '/beslut/:id/godkann',
    uses: ['POST /api/decisions/:id/approve'],
    handler: async (ctx) => {
      // Unticked, the box sends nothing, and the API says what is missing.
      const body = checked(ctx.form.noConflictOfInterest) ? { noConflictOfInterest: true } : {};
      try {
        await ctx.call('POST /api/decisions/:id/approve', { params: ctx.params, body });
        return redirect(`/beslut/${ctx.params.id}`, 'beslut-godkant');
      } catch (err) {
        return refused(deps, ctx, err, ['noConflictOfInterest']);
      }
    },
  }),
  definePage({
    method: 'post',
    path: '/beslut/:id/namnd',
    uses: ['POST /api/decisions/:id/approve'],
    handler: async (ctx) => {
      const body = {
        committee: {
          meetingOn: ctx.form['committee.meetingOn'] ?? '',
          paragraph: ctx.form['committee.paragraph'] ?? '',
        },
      };
      try {
        await ctx.call('POST /api/decisions/:id/approve', { params: ctx.params, body });
        return redirect(`/beslut/${ctx.params.id}`, 'namndbeslut-registrerat');
      } catch (err) {
        return refused(deps, ctx, err, ['committee.meetingOn', 'committee.paragraph']);
      }
    },
  }),
  definePage({
    method: 'post',
    path: '/beslut/:id/aterlamna',
    uses: ['POST /api/decisions/:id/return'],
    handler: async (ctx) => {
      try {
        await ctx.call('POST /api/decisions/:id/return', {
          params: ctx.params,
          body: { reason: ctx.form.reason ?? '' },
        });
        return redirect(`/beslut/${ctx.params.id}`, 'beslut-aterlamnat');
      } catch (err) {
        const form = addressProblem(err) ? undefined : refusedForm(err, ctx.form, ['reason']);
        if (!form) throw err;
        return decisionPage(deps, ctx, ctx.params.id!, form, err instanceof ValidationError ? 400 : 409);
      }
    },
  }),
  definePage({
    method: 'get',
    path: '/beslut/:id/brev',
    uses: ['GET /api/decisions/:id/document'],
    handler: async (ctx) => {
      // The same operation's checks (role, id) as the API, then the same stored bytes and headers.
      const problem = ctx.problems('GET /api/decisions/:id/document', { params: ctx.params });
      if (problem) throw problem;
      sendLetter(ctx.res, await loadDecision(deps.db, ctx.params.id!));
      return sent();
    },
  }),
];
