import type { AppDeps } from '../deps';
import { defineRoute } from '../http/route';
import {
  changeRole,
  deactivateUser,
  listUserViews,
  reactivateUser,
  rotateToken,
} from './users.admin.service';
import {
  changeRoleBody,
  rotatedTokenSchema,
  userIdParams,
  userListSchema,
  userViewSchema,
} from './users.admin.schemas';

export function usersAdminRoutes({ db, clock }: AppDeps) {
  const deps = { db, clock };
  return [
    defineRoute({
      method: 'get',
      path: '/api/users',
      summary: 'Every user with role, status and last sign-in (newest first)',
      tag: 'users',
      roles: ['admin'],
      success: { status: 200, description: 'The users', schema: userListSchema },
      handler: () => listUserViews(deps),
    }),
    defineRoute({
      method: 'post',
      path: '/api/users/:id/deactivate',
      summary: 'Deactivate a user: sessions and tokens stop at once; 409 for the last active admin',
      tag: 'users',
      roles: ['admin'],
      params: userIdParams,
      success: { status: 200, description: 'The user, deactivated', schema: userViewSchema },
      handler: ({ params, user }) => deactivateUser(deps, user.id, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/users/:id/reactivate',
      summary: 'Reactivate a deactivated user (the same token works again)',
      tag: 'users',
      roles: ['admin'],
      params: userIdParams,
      success: { status: 200, description: 'The user, active', schema: userViewSchema },
      handler: ({ params, user }) => reactivateUser(deps, user.id, params.id),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/users/:id',
      summary: "Change a user's role; 409 when it would leave no active admin",
      tag: 'users',
      roles: ['admin'],
      params: userIdParams,
      body: changeRoleBody,
      success: { status: 200, description: 'The user with the new role', schema: userViewSchema },
      handler: ({ params, body, user }) => changeRole(deps, user.id, params.id, body.role),
    }),
    defineRoute({
      method: 'post',
      path: '/api/users/:id/rotate-token',
      summary: 'Give a user a new token, shown this once; the old one stops at once',
      tag: 'users',
      roles: ['admin'],
      params: userIdParams,
      success: { status: 200, description: 'The new token', schema: rotatedTokenSchema },
      handler: ({ params, user }) => rotateToken(deps, user.id, params.id),
    }),
  ];
}
