import type { AppDeps } from '../deps';
import { defineRoute } from '../http/route';
import { toDelegationResponse } from './delegation.loader';
import { delegationOrderResponse } from './delegation.schema';

export function delegationRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/delegation',
      summary:
        'The committee’s delegation order: for each kind of decision, the roles that may decide it and under which point, or that only the committee decides it',
      tag: 'decisions',
      // Everyone who prepares, decides or reviews decisions, and the admin who keeps the file. Booking
      // staff take no decisions here.
      roles: ['case_officer', 'coordinator', 'investigator', 'admin'],
      success: { status: 200, description: 'The delegation order in force', schema: delegationOrderResponse },
      handler: async () => toDelegationResponse(deps.delegation),
    }),
  ];
}
