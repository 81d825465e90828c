import type { AppDeps } from '../../deps';
import { ValidationError } from '../../http/errors';
import type { ReferGround } from '../../premises/premises.table';
import { addressProblem, emptyForm, forRow, refusedForm, type FormState } from '../web.forms';
import { nameOf, userDirectory } from '../web.user-directory';
import { REFERRAL_OUTCOME_OPTIONS } from '../web.labels.sv';
import { explainMatch } from '../web.match-explanation';
import { definePage, redirect, view, type PageContext } from '../web.page';

/** Why the check said "refer", in Swedish: what the booking desk was never told. */
function groundsView(grounds: readonly ReferGround[]) {
  return grounds.map((g) =>
    g.kind === 'support_withdrawn'
      ? { withdrawn: true, associationId: g.associationId }
      : {
          withdrawn: false,
          entryId: g.entryId,
          matchedName: g.matchedName,
          score: g.score,
          sentences: explainMatch(g.explanation),
        },
  );
}

/** Open referrals (or resolved ones), newest first; `failed` is the one whose resolution was refused. */
async function referralsPage(
  deps: AppDeps,
  ctx: PageContext,
  failed?: { id: string; form: FormState },
  status?: number,
) {
  const resolved = ctx.query.visa === 'avslutade';
  const [page, users] = await Promise.all([
    ctx.call('GET /api/referrals', {
      query: {
        status: resolved ? 'resolved' : 'open',
        limit: '50',
        ...(ctx.query.cursor ? { cursor: ctx.query.cursor } : {}),
      },
    }),
    userDirectory(deps.db),
  ]);
  const params = new URLSearchParams(resolved ? { visa: 'avslutade' } : {});
  if (page.nextCursor) params.set('cursor', page.nextCursor);
  return view(
    'referrals',
    resolved ? 'Besvarade hänvisningar' : 'Hänvisningar från lokalkontroll',
    {
      resolved,
      outcomes: REFERRAL_OUTCOME_OPTIONS,
      referrals: page.items.map((r) => ({
        ...r,
        checkedByName: nameOf(users.names, r.check.checkedBy),
        resolvedByName: r.resolvedBy ? nameOf(users.names, r.resolvedBy) : null,
        grounds: groundsView(r.grounds),
        noteValue: failed?.id === r.id ? (failed.form.values.note ?? '') : '',
        noteError: failed?.id === r.id ? failed.form.errors.note : undefined,
        outcomeValue: failed?.id === r.id ? (failed.form.values.outcome ?? '') : '',
        outcomeError: failed?.id === r.id ? failed.form.errors.outcome : undefined,
      })),
      form: failed ? forRow(failed.form, failed.id) : emptyForm(),
      more: page.nextCursor ? `/hanvisningar?${params.toString()}` : null,
    },
    status,
  );
}

// Referrals for coordinators: each "Behöver stämmas av" answer the booking desk got, with the check
// (who asked about whom, which room, which day), the day the desk was promised an answer by (marked
// when it has passed) and the grounds they were not told, explained; then answered with an outcome
// the desk sees ("Inget hinder" / "Kan inte bekräftas") and a note for the record, which it does not.
export const referralPages = (deps: AppDeps) => [
  definePage({
    method: 'get',
    path: '/hanvisningar',
    uses: ['GET /api/referrals', 'POST /api/referrals/:id/resolve'],
    nav: {
      label: 'Hänvisningar',
      order: 45,
      description:
        'Lokalkontroller som behöver stämmas av: skälen förklarade, sista dag för besked, och ditt besked.',
    },
    handler: async (ctx) => referralsPage(deps, ctx),
  }),
  definePage({
    method: 'post',
    path: '/hanvisningar/:id/avsluta',
    uses: ['POST /api/referrals/:id/resolve'],
    handler: async (ctx) => {
      try {
        await ctx.call('POST /api/referrals/:id/resolve', {
          params: ctx.params,
          body: {
            ...(ctx.form.outcome ? { outcome: ctx.form.outcome } : {}),
            note: ctx.form.note ?? '',
          },
        });
        return redirect('/hanvisningar', 'hanvisning-avslutad');
      } catch (err) {
        const form = addressProblem(err) ? undefined : refusedForm(err, ctx.form, ['outcome', 'note']);
        if (!form) throw err;
        return referralsPage(
          deps,
          ctx,
          { id: ctx.params.id!, form },
          err instanceof ValidationError ? 400 : 409,
        );
      }
    },
  }),
];
