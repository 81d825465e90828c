import type { AppDeps } from '../../../deps';
import { addDays, isoDate } from '../../../clock';
import { findingsFor } from '../../../applications/applications.repository';
import { loadCommunication } from '../../../communications/communications.service';
import { sendCommunicationLetter } from '../../../communications/communications.routes';
import { toFinding } from '../../../applications/applications.service';
import { ValidationError } from '../../../http/errors';
import { addressProblem, emptyForm, refusedForm, type FormState } from '../../web.forms';
import { nameOf, userDirectory } from '../../web.user-directory';
import { definePage, redirect, sent, view, type PageContext } from '../../web.page';
import type { FlashKey } from '../../web.flash.sv';

const REPLY_FIELDS = ['receivedOn', 'summary'];

/** A communication: the letter as sent, the material, the deadline, and the answer or the form for it. */
async function communicationPage(
  deps: AppDeps,
  ctx: PageContext,
  id: string,
  form: FormState = emptyForm(),
  status?: number,
) {
  const c = await ctx.call('GET /api/communications/:id', { params: { id } });
  const [association, application, users, findings] = await Promise.all([
    ctx.call('GET /api/associations/:id', { params: { id: c.associationId } }),
    c.applicationId ? ctx.call('GET /api/applications/:id', { params: { id: c.applicationId } }) : undefined,
    userDirectory(deps.db),
    findingsFor(deps.db, c.findingIds, { associationId: c.associationId }),
  ]);
  const today = isoDate(deps.clock.now());
  const awaiting = c.status === 'awaiting_reply';
  return view(
    'communication',
    `Kommunicering i ärende ${c.caseNumber}`,
    {
      communication: c,
      association,
      application,
      findings: findings.map(toFinding),
      createdByName: nameOf(users.names, c.createdBy),
      recordedByName: c.replyRecordedBy ? nameOf(users.names, c.replyRecordedBy) : null,
      canReply: awaiting && ctx.can('POST /api/communications/:id/reply'),
      deadlinePassed: today > c.replyBy,
      firstDayAfter: addDays(c.replyBy, 1),
      today,
      form,
    },
    status,
  );
}

async function reply(deps: AppDeps, ctx: PageContext, body: Record<string, unknown>, flash: FlashKey) {
  try {
    await ctx.call('POST /api/communications/:id/reply', { params: ctx.params, body });
    return redirect(`/kommuniceringar/${ctx.params.id}`, flash);
  } catch (err) {
    const form = addressProblem(err) ? undefined : refusedForm(err, ctx.form, REPLY_FIELDS);
    if (!form) throw err;
    return communicationPage(deps, ctx, ctx.params.id!, form, err instanceof ValidationError ? 400 : 409);
  }
}

// Every page under /kommuniceringar: a kommunicering (förvaltningslagen 25 §) with its stored letter,
// and the association's answer or its absence. The material is sent from the application's or the
// association's page (communication.send.ts).
export const communicationPages = (deps: AppDeps) => [
  definePage({
    method: 'get',
    path: '/kommuniceringar/:id',
    uses: ['GET /api/communications/:id'],
    handler: async (ctx) => communicationPage(deps, ctx, ctx.params.id!),
  }),
  definePage({
    method: 'get',
    path: '/kommuniceringar/:id/brev',
    uses: ['GET /api/communications/:id/document'],
    handler: async (ctx) => {
      // The same operation's checks (role, id) as the API, then the same stored bytes and headers.
      const problem = ctx.problems('GET /api/communications/:id/document', { params: ctx.params });
      if (problem) throw problem;
      sendCommunicationLetter(ctx.res, await loadCommunication(deps.db, ctx.params.id!));
      return sent();
    },
  }),
  definePage({
    method: 'post',
    path: '/kommuniceringar/:id/svar',
    uses: ['POST /api/communications/:id/reply'],
    handler: async (ctx) =>
      reply(
        deps,
        ctx,
        { receivedOn: ctx.form.receivedOn ?? '', summary: ctx.form.summary ?? '' },
        'svar-registrerat',
      ),
  }),
  definePage({
    method: 'post',
    path: '/kommuniceringar/:id/inget-svar',
    uses: ['POST /api/communications/:id/reply'],
    handler: async (ctx) => reply(deps, ctx, { noReply: true }, 'inget-svar-registrerat'),
  }),
];
