import { z } from 'zod';
import { ROLES } from './users.table';

export const userIdParams = z.object({ id: z.uuid() }).strict();

export const changeRoleBody = z.object({ role: z.enum(ROLES) }).strict();

export const userViewSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: z.enum(ROLES),
    status: z.enum(['active', 'deactivated']),
    /** How the person signs in to the pages: a token, or through the identity provider. */
    signIn: z.enum(['token', 'oidc']),
    lastSignInAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });

export const userListSchema = z.object({ items: z.array(userViewSchema) }).meta({ id: 'UserList' });

export const rotatedTokenSchema = z
  .object({ id: z.uuid(), name: z.string(), role: z.enum(ROLES), token: z.string() })
  .meta({ id: 'RotatedToken' });

export type UserView = z.infer<typeof userViewSchema>;
