import { z } from 'zod';
import { isoDateSchema, nameSchema, orgNumberSchema, personalNumberSchema } from '../http/common.schemas';
import { pageQuery, pageSchema } from '../http/pagination';
import { SUPPORT_STATUSES } from './associations.table';

export const representativeSchema = z
  .object({
    name: nameSchema,
    role: z.string().trim().min(1).max(100).describe('e.g. ordförande, kassör, firmatecknare'),
    personalNumber: personalNumberSchema.optional(),
  })
  .strict();

export const createAssociationBody = z
  .object({
    orgNumber: orgNumberSchema,
    name: nameSchema,
    aliases: z.array(nameSchema).max(50).default([]),
    registeredOn: isoDateSchema.optional().describe('when the organisationsnummer was registered'),
    representatives: z.array(representativeSchema).max(100).default([]),
  })
  .strict();
export type CreateAssociationInput = z.output<typeof createAssociationBody>;

export const associationSchema = z
  .object({
    id: z.uuid(),
    orgNumber: z.string(),
    name: z.string(),
    aliases: z.array(z.string()),
    registeredOn: z.string().nullable(),
    representatives: z.array(
      z.object({ name: z.string(), role: z.string(), personalNumber: z.string().nullable().optional() }),
    ),
    supportStatus: z.enum(SUPPORT_STATUSES),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Association' });
export type Association = z.infer<typeof associationSchema>;

export const associationsQuery = z.object({
  orgNumber: orgNumberSchema
    .optional()
    .describe('look one association up by organisationsnummer, any format'),
  ...pageQuery,
});

export const associationOrPage = z.union([associationSchema, pageSchema(associationSchema)]);
