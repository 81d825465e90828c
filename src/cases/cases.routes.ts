import type { AppDeps } from '../deps';
import { applicationSchema } from '../applications/applications.schemas';
import { idParams } from '../http/common.schemas';
import { mapPage } from '../http/pagination';
import { defineRoute } from '../http/route';
import { assignApplication } from './cases.assign';
import { listCases } from './cases.repository';
import { assignBody, casesPage, casesQuery } from './cases.schemas';
import { toCase } from './cases.service';

export function casesRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/applications/:id/assign',
      summary: 'Hand the application’s case to another handling officer (an active case officer)',
      tag: 'cases',
      roles: ['case_officer', 'coordinator'],
      params: idParams,
      body: assignBody,
      success: {
        status: 200,
        description: 'The application with its new handling officer',
        schema: applicationSchema,
      },
      handler: ({ params, body, user }) => assignApplication(deps, user, params.id, body.userId),
    }),
    defineRoute({
      method: 'get',
      path: '/api/cases',
      summary:
        'Cases (applications and withdrawals) with their diarienummer and handling officer, newest first',
      tag: 'cases',
      roles: ['case_officer', 'coordinator', 'investigator'],
      query: casesQuery,
      success: { status: 200, description: 'A page of cases', schema: casesPage },
      handler: async ({ query, user }) => {
        const page = await listCases(
          deps.db,
          { ...query, assignedTo: query.assignedTo === 'me' ? user.id : query.assignedTo },
          query,
        );
        return mapPage(page, toCase);
      },
    }),
  ];
}
