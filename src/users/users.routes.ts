import type { AppDeps } from '../deps';
import { defineRoute } from '../http/route';
import { createUser } from './users.service';
import { createdUserSchema, createUserBody } from './users.schemas';
import { usersAdminRoutes } from './users.admin.routes';

export function usersRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  return [
    defineRoute({
      method: 'post',
      path: '/api/users',
      summary: 'Create a user; the answer holds its bearer token, shown this once',
      tag: 'users',
      roles: ['admin'],
      body: createUserBody,
      success: { status: 201, description: 'The user and its token', schema: createdUserSchema },
      // No Idempotency-Key here: a stored answer to replay would keep the new token in plain text for
      // 24 hours, and tokens are kept only as hashes. A retry that is unsure creates a second user,
      // which the admin can see in the list and deactivate.
      idempotent: false,
      handler: ({ body, user }) => createUser(db, clock, user.id, body),
    }),
    ...usersAdminRoutes(deps),
  ];
}
