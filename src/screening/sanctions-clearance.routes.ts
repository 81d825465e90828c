import { z } from 'zod';
import type { AppDeps } from '../deps';
import { defineRoute } from '../http/route';
import { NotFoundError } from '../http/errors';
import { filledText, idParams } from '../http/common.schemas';
import { findScreening } from './screening.repository';
import { clearancesOf } from './sanctions-clearance.repository';
import { clearSanctionsHit, sanctionsHitsOf, toClearance } from './sanctions-clearance.service';

const hitParams = z.object({
  id: z.uuid('must be a UUID'),
  entryId: z.uuid('must be a UUID'),
});

const clearanceBody = z
  .object({
    note: filledText(
      2000,
      'note_required',
      'a note is required: why the hit does not concern the association',
    ).describe(
      'why the hit is a false positive (e.g. other date of birth, other country, other organisation)',
    ),
  })
  .strict();

const clearanceSchema = z
  .object({
    id: z.uuid(),
    screeningId: z.uuid(),
    applicationId: z.uuid(),
    entryId: z.uuid(),
    note: z.string(),
    clearedBy: z.string(),
    clearedAt: z.string(),
  })
  .meta({ id: 'SanctionsClearance' });

// Only the coordinator judges a sanctions hit (DOMAIN.md: the coordinator keeps the watchlist and
// handles what it raises); investigators read the judgements.
export function sanctionsClearanceRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/screenings/:id/hits/:entryId/clearance',
      summary:
        'Record that a sanctions-list hit (SANK-1) of a screening is a false positive; an approval of the application needs it',
      tag: 'screening',
      roles: ['coordinator'],
      params: hitParams,
      body: clearanceBody,
      success: { status: 201, description: 'The clearance (audited)', schema: clearanceSchema },
      handler: ({ params, body, user }) =>
        clearSanctionsHit(deps, user.id, params.id, params.entryId, body.note),
    }),
    defineRoute({
      method: 'get',
      path: '/api/screenings/:id/sanctions-hits',
      summary: 'The sanctions-list hits (SANK-1) of a screening and which of them a coordinator has cleared',
      tag: 'screening',
      roles: ['coordinator', 'investigator'],
      params: idParams,
      success: {
        status: 200,
        description: 'Hits and clearances',
        schema: z.object({
          entryIds: z.array(z.string()).describe('the entries SANK-1 relied on'),
          uncleared: z.array(z.string()),
          clearances: z.array(clearanceSchema),
        }),
      },
      handler: async ({ params }) => {
        const screening = await findScreening(deps.db, params.id);
        if (!screening) throw new NotFoundError('Screening');
        const entryIds = sanctionsHitsOf(screening.result);
        const clearances = (await clearancesOf(deps.db, params.id)).map(toClearance);
        const cleared = new Set(clearances.map((c) => c.entryId));
        return { entryIds, uncleared: entryIds.filter((id) => !cleared.has(id)), clearances };
      },
    }),
  ];
}
