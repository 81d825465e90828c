import type { AppDeps } from '../deps';
import { defineRoute } from '../http/route';
import { idParams } from '../http/common.schemas';
import { proposeRestoration, proposeWithdrawal } from './withdrawals.service';
import { isoDate } from '../clock';
import { listWithdrawals, withdrawalsPage, withdrawalsQuery } from './withdrawals.overview';
import { restorationBody, withdrawalBody, withdrawalCreatedSchema } from './withdrawals.schemas';

export function withdrawalsRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/withdrawals',
      summary: 'Every withdrawal of support with its follow-up reminders and whether each was done on time',
      tag: 'withdrawals',
      roles: ['investigator', 'coordinator'],
      query: withdrawalsQuery,
      success: { status: 200, description: 'A page of withdrawals, newest first', schema: withdrawalsPage },
      handler: async ({ query }) => {
        return listWithdrawals(deps.db, isoDate(deps.clock.now()), query);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/associations/:id/withdrawals',
      summary: 'Propose withdrawing all support; takes effect when a second officer approves it',
      tag: 'withdrawals',
      roles: ['case_officer'],
      params: idParams,
      body: withdrawalBody,
      success: {
        status: 201,
        description: 'The pending withdrawal decision',
        schema: withdrawalCreatedSchema,
      },
      handler: ({ params, body, user }) => proposeWithdrawal(deps, user, params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/associations/:id/restorations',
      summary: 'Propose restoring support after a withdrawal; takes effect when a second officer approves it',
      tag: 'withdrawals',
      roles: ['case_officer'],
      params: idParams,
      body: restorationBody,
      success: {
        status: 201,
        description: 'The pending restoration decision',
        schema: withdrawalCreatedSchema,
      },
      handler: ({ params, body, user }) => proposeRestoration(deps, user, params.id, body),
    }),
  ];
}
