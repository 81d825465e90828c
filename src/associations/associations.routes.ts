import type { AppDeps } from '../deps';
import { defineRoute } from '../http/route';
import { idParams } from '../http/common.schemas';
import { mapPage } from '../http/pagination';
import { listAssociations } from './associations.repository';
import {
  getAssociation,
  getAssociationByOrgNumber,
  registerAssociation,
  toAssociation,
} from './associations.service';
import {
  associationOrPage,
  associationSchema,
  associationsQuery,
  createAssociationBody,
} from './associations.schemas';

// Booking staff only ever get clear/refer from the premises check, so they cannot read the register.
const READERS = ['case_officer', 'coordinator', 'investigator'] as const;

export function associationsRoutes({ db, clock }: AppDeps) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/associations',
      summary: 'Register an association',
      tag: 'associations',
      roles: ['case_officer', 'coordinator'],
      body: createAssociationBody,
      success: { status: 201, description: 'The registered association', schema: associationSchema },
      handler: ({ body, user }) => registerAssociation(db, clock, user.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/associations',
      summary: 'With orgNumber: that association (404 if none). Without: the register, newest first',
      tag: 'associations',
      roles: READERS,
      query: associationsQuery,
      success: { status: 200, description: 'An association, or a page of them', schema: associationOrPage },
      handler: async ({ query }) => {
        if (query.orgNumber) return getAssociationByOrgNumber(db, query.orgNumber);
        return mapPage(await listAssociations(db, query), toAssociation);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/associations/:id',
      summary: 'One association with its support status',
      tag: 'associations',
      roles: READERS,
      params: idParams,
      success: { status: 200, description: 'The association', schema: associationSchema },
      handler: ({ params }) => getAssociation(db, params.id),
    }),
  ];
}
