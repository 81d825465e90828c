import type { AppDeps } from '../../../deps';
import { ValidationError } from '../../../http/errors';
import { addressProblem, refusedForm } from '../../web.forms';
import { redirect, type PageContext } from '../../web.page';
import { applicationPage } from '../applications/application.page';
import { associationPage } from '../associations/association.page';
import { COMMUNICATION_FORM_FIELDS, communicationBody } from '../communications/communication.view-model';

/** Sends the material; a refusal gives the page it came from back, with its form open. */
export async function sendCommunication(
  deps: AppDeps,
  ctx: PageContext,
  target: { applicationId: string } | { associationId: string },
) {
  try {
    const c = await ctx.call('POST /api/communications', {
      body: communicationBody(ctx.form, target),
    });
    return redirect(`/kommuniceringar/${c.id}`, 'kommunicering-sparad');
  } catch (err) {
    const form = refusedForm(err, ctx.form, COMMUNICATION_FORM_FIELDS);
    if (!form || addressProblem(err)) throw err;
    const status = err instanceof ValidationError ? 400 : 409;
    return 'applicationId' in target
      ? applicationPage(deps, ctx, target.applicationId, form, status, 'kommunicering')
      : associationPage(deps, ctx, target.associationId, form, status, 'kommunicering');
  }
}
