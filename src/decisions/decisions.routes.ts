import type { AppDeps } from '../deps';
import { defineRoute } from '../http/route';
import { DELEGATE_ROLES } from '../delegation/delegation.schema';
import { idParams } from '../http/common.schemas';
import { mapPage } from '../http/pagination';
import { rangeBound } from '../http/date-range';
import { listDecisions, outcomeCountsByCriterion } from './decisions.repository';
import { sendLetter } from './decisions.document';
import {
  delegationReport,
  delegationReportQuery,
  delegationReportSchema,
} from '../delegation/delegation.report';
import { sendReportCsv } from '../delegation/delegation.report-csv';
import {
  approveDecision,
  decideOnApplication,
  loadDecision,
  returnDecision,
  toDecision,
} from './decisions.service';
import {
  approveBody,
  decideBody,
  decisionSchema,
  decisionStatsQuery,
  decisionStatsSchema,
  decisionsPage,
  decisionsQuery,
  returnBody,
} from './decisions.schemas';

// The roles a delegation order can name (DELEGATE_ROLES); the order decides who of them may.
const APPROVERS = DELEGATE_ROLES;
const READERS = ['case_officer', 'coordinator', 'investigator'] as const;

export function decisionsRoutes(deps: AppDeps) {
  const { db } = deps;
  return [
    defineRoute({
      method: 'post',
      path: '/api/applications/:id/decisions',
      summary:
        'Decide on an application (on its latest screening); adverse or non-routine decisions await a second officer',
      tag: 'decisions',
      roles: ['case_officer'],
      params: idParams,
      body: decideBody,
      success: {
        status: 201,
        description: 'The decision, final or pending_approval',
        schema: decisionSchema,
      },
      handler: ({ params, body, user }) => decideOnApplication(deps, user, params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/decisions/:id/approve',
      summary:
        'Decide a prepared decision as delegat ({noConflictOfInterest: true}; delegation for its kind, not the one who prepared it, not jävig), or record the committee’s decision ({committee: {meetingOn, paragraph}}; coordinators, for kinds the delegation order reserves to the committee)',
      tag: 'decisions',
      roles: APPROVERS,
      params: idParams,
      body: approveBody,
      success: {
        status: 200,
        description: 'The final decision with its letter hash',
        schema: decisionSchema,
      },
      handler: ({ params, body, user }) => approveDecision(deps, user, params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/decisions/:id/return',
      summary: 'Return a pending decision with a reason instead of approving it',
      tag: 'decisions',
      roles: APPROVERS,
      params: idParams,
      body: returnBody,
      success: { status: 200, description: 'The returned decision', schema: decisionSchema },
      handler: ({ params, body, user }) => returnDecision(deps, user, params.id, body.reason),
    }),
    defineRoute({
      method: 'get',
      path: '/api/decisions',
      summary:
        'Decisions by association, application, outcome, status, delegat, föredragande and period (when prepared), newest first',
      tag: 'decisions',
      roles: READERS,
      query: decisionsQuery,
      success: { status: 200, description: 'A page of decisions', schema: decisionsPage },
      handler: async ({ query }) => {
        const page = await listDecisions(
          db,
          { ...query, from: rangeBound(query.from, 'from'), to: rangeBound(query.to, 'to') },
          query,
        );
        return mapPage(page, toDecision);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/decisions/stats',
      summary: 'Outcomes of final decisions per month and criterion (the equal-treatment overview)',
      tag: 'decisions',
      roles: ['investigator'],
      query: decisionStatsQuery,
      success: {
        status: 200,
        description: 'Counts per month, criterion and outcome',
        schema: decisionStatsSchema,
      },
      handler: async ({ query }) => ({
        byCriterion: await outcomeCountsByCriterion(db, {
          from: rangeBound(query.from, 'from'),
          to: rangeBound(query.to, 'to'),
          ruleSetVersion: query.ruleSetVersion,
        }),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/decisions/delegation-report',
      summary:
        'Decisions delegats took in a period (Swedish calendar days), for reporting to the committee (anmälan av delegationsbeslut, KL 6 kap. 40 §); CSV with Accept: text/csv',
      tag: 'decisions',
      // Coordinators put the report before the committee; investigators audit it. Case officers are
      // delegats themselves and see decisions through their cases, not the whole committee's list.
      roles: ['coordinator', 'investigator'],
      query: delegationReportQuery,
      success: {
        status: 200,
        description: 'The delegated decisions, oldest first (or the same as CSV with Swedish headers)',
        schema: delegationReportSchema,
      },
      handler: async ({ query, req, res }) => {
        const report = await delegationReport(db, deps.delegation, query);
        if (req.accepts(['application/json', 'text/csv']) !== 'text/csv') return report;
        sendReportCsv(res, report, query);
        return undefined;
      },
    }),
    // After /api/decisions/stats and the report: express matches in order, and neither is an id.
    defineRoute({
      method: 'get',
      path: '/api/decisions/:id',
      summary: 'A decision with the SHA-256 of its stored letter',
      tag: 'decisions',
      roles: READERS,
      params: idParams,
      success: { status: 200, description: 'The decision', schema: decisionSchema },
      handler: async ({ params }) => toDecision(await loadDecision(db, params.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/decisions/:id/document',
      summary: 'The decision letter (Swedish, HTML): exactly the bytes stored when the decision became final',
      tag: 'decisions',
      roles: READERS,
      params: idParams,
      success: { status: 200, description: 'The letter', contentType: 'text/html' },
      handler: async ({ params, res }) => {
        sendLetter(res, await loadDecision(db, params.id));
        return undefined;
      },
    }),
  ];
}
