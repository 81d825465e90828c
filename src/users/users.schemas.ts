import { z } from 'zod';
import { nameSchema } from '../http/common.schemas';
import { ROLES } from './users.table';

export const createUserBody = z.object({ name: nameSchema, role: z.enum(ROLES) }).strict();

export const createdUserSchema = z
  .object({ id: z.uuid(), name: z.string(), role: z.enum(ROLES), token: z.string() })
  .meta({ id: 'CreatedUser' });
