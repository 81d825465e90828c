import type { AppDeps } from '../../deps';
import { isoDate } from '../../clock';
import { ValidationError } from '../../http/errors';
import { addressProblem, emptyForm, forRow, refusedForm, type FormState } from '../web.forms';
import { definePage, redirect, view, type PageContext } from '../web.page';
import { remindersView } from './reminders.view-model';

/**
 * The reminders of this person's role: open ones earliest due first (so overdue ones lead), or the
 * done ones, newest first. `failed` is the reminder whose completion was just refused, with why.
 */
async function remindersPage(
  deps: AppDeps,
  ctx: PageContext,
  failed?: { id: string; form: FormState },
  status?: number,
) {
  const done = ctx.query.visa === 'utforda';
  const page = await ctx.call('GET /api/reminders', {
    query: {
      status: done ? 'done' : 'open',
      sort: done ? 'newest' : 'due',
      limit: '50',
      ...(ctx.query.cursor ? { cursor: ctx.query.cursor } : {}),
    },
  });
  const params = new URLSearchParams(done ? { visa: 'utforda' } : {});
  if (page.nextCursor) params.set('cursor', page.nextCursor);
  return view(
    'reminders',
    done ? 'Utförda påminnelser' : 'Mina påminnelser',
    {
      done,
      reminders: remindersView(page.items, isoDate(deps.clock.now())).map((r) => ({
        ...r,
        // Every reminder has its own note field; only the refused one gets its text and message back.
        noteValue: failed?.id === r.id ? (failed.form.values.note ?? '') : '',
        noteError: failed?.id === r.id ? failed.form.errors.note : undefined,
      })),
      form: failed ? forRow(failed.form, failed.id) : emptyForm(),
      canOpenAssociation: ctx.can('GET /api/associations/:id'),
      canOpenDecision: ctx.can('GET /api/decisions/:id'),
      canOpenEntry: ctx.can('GET /api/watchlist/:id'),
      more: page.nextCursor ? `/paminnelser?${params.toString()}` : null,
    },
    status,
  );
}

// "Mina påminnelser" for every role that is assigned reminders (case officers, booking staff,
// coordinators): each one's own, the follow-up a withdrawal or the watchlist asks of them, marked
// done with a note that stays in the audit log.
export const reminderPages = (deps: AppDeps) => [
  definePage({
    method: 'get',
    path: '/paminnelser',
    uses: ['GET /api/reminders', 'POST /api/reminders/:id/complete'],
    nav: {
      label: 'Påminnelser',
      order: 75,
      description: 'Det du ska göra efter ett beslut, försenade först. Markera som utfört med en anteckning.',
    },
    handler: async (ctx) => remindersPage(deps, ctx),
  }),
  definePage({
    method: 'post',
    path: '/paminnelser/:id/utford',
    uses: ['POST /api/reminders/:id/complete'],
    handler: async (ctx) => {
      try {
        await ctx.call('POST /api/reminders/:id/complete', {
          params: ctx.params,
          body: { note: ctx.form.note ?? '' },
        });
        return redirect('/paminnelser', 'paminnelse-utford');
      } catch (err) {
        const form = addressProblem(err) ? undefined : refusedForm(err, ctx.form, ['note']);
        if (!form) throw err;
        return remindersPage(
          deps,
          ctx,
          { id: ctx.params.id!, form },
          err instanceof ValidationError ? 400 : 409,
        );
      }
    },
  }),
];
