import type { AppDeps } from '../../../deps';
import { ValidationError } from '../../../http/errors';
import { refusedForm } from '../../web.forms';
import { definePage, redirect } from '../../web.page';
import { DECISION_FIELDS, decisionBody } from './decision-form';
import { screeningPage } from './screening.page';

// A case officer decides on the screening shown. The API's decision operation does all the checking
// (in process, as this officer); a refusal comes back as the screening page with the form kept and
// each problem in Swedish beside its field.
export const caseOfficerDecidePages = (deps: AppDeps) => [
  definePage({
    method: 'post',
    path: '/granskningar/:id/beslut',
    uses: ['POST /api/applications/:id/decisions'],
    handler: async (ctx) => {
      const screening = await ctx.call('GET /api/screenings/:id', { params: ctx.params });
      try {
        const d = await ctx.call('POST /api/applications/:id/decisions', {
          params: { id: screening.applicationId },
          body: decisionBody(ctx.form, screening.id),
        });
        return redirect(
          `/beslut/${d.id}?klart=${d.status === 'final' ? 'beslut-slutligt' : 'beslut-vantar'}`,
        );
      } catch (err) {
        const form = refusedForm(err, ctx.form, DECISION_FIELDS);
        if (!form) throw err;
        return screeningPage(deps, ctx, screening.id, form, err instanceof ValidationError ? 400 : 409);
      }
    },
  }),
];
