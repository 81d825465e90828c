import type { AppDeps } from '../deps';
import { defineRoute } from '../http/route';
import { idParams } from '../http/common.schemas';
import { mapPage } from '../http/pagination';
import { listApplications } from './applications.repository';
import { addFinding, loadApplication, receiveApplication, toApplication } from './applications.service';
import {
  applicationSchema,
  applicationsPage,
  applicationsQuery,
  createApplicationBody,
  findingBody,
  findingSchema,
} from './applications.schemas';

// Coordinators read applications because they approve adverse decisions on them.
const READERS = ['case_officer', 'coordinator', 'investigator'] as const;

export function applicationsRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  return [
    defineRoute({
      method: 'post',
      path: '/api/applications',
      summary: 'Receive a grant or premises application, with any findings already documented',
      tag: 'applications',
      roles: ['case_officer'],
      body: createApplicationBody,
      success: { status: 201, description: 'The application, status received', schema: applicationSchema },
      handler: ({ body, user }) => receiveApplication(deps, user.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/applications',
      summary: 'Applications, newest first',
      tag: 'applications',
      roles: READERS,
      query: applicationsQuery,
      success: { status: 200, description: 'A page of applications', schema: applicationsPage },
      handler: async ({ query, user }) => {
        const page = await listApplications(
          db,
          {
            associationId: query.associationId,
            status: query.status,
            assignedTo: query.assignedTo === 'me' ? user.id : query.assignedTo,
            caseNumber: query.caseNumber,
          },
          query,
        );
        return mapPage(page, (r) => {
          const { findings: _f, ...rest } = toApplication(r, []);
          return { ...rest, findingCount: r.finding_count };
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/applications/:id',
      summary: 'One application with its findings',
      tag: 'applications',
      roles: READERS,
      params: idParams,
      success: { status: 200, description: 'The application', schema: applicationSchema },
      handler: ({ params }) => loadApplication(db, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/applications/:id/findings',
      summary: 'Record documented conduct on an application (also after intake)',
      tag: 'applications',
      roles: ['case_officer'],
      params: idParams,
      body: findingBody,
      success: { status: 201, description: 'The recorded finding', schema: findingSchema },
      handler: ({ params, body, user }) => addFinding(db, clock, user.id, params.id, body),
    }),
  ];
}
