import type { AppDeps } from '../../deps';
import { AppError } from '../../http/errors';
import { ROLES, type Role } from '../../users/users.table';
import { LABELS } from '../web.labels.sv';
import { definePage, redirect, view, type PageContext } from '../web.page';
import { svError } from '../web.validation.sv';
import type { FlashKey } from '../web.flash.sv';

// The admin's user page: everyone with role, status and last sign-in; deactivate, reactivate,
// change role and give a new token (shown once, on the answer to the form, never in an address).

const roleOptions = ROLES.map((r) => ({ value: r, label: LABELS.role[r] }));

async function usersPage(ctx: PageContext, problem?: { id: string; text: string }, status?: number) {
  const { items } = await ctx.call('GET /api/users');
  return view(
    'users',
    'Användare',
    {
      users: items.map((u) => ({
        ...u,
        active: u.status === 'active',
        self: u.id === ctx.user.id,
        roles: roleOptions.map((o) => ({ ...o, selected: o.value === u.role })),
        problem: problem?.id === u.id ? problem.text : undefined,
      })),
    },
    status,
  );
}

/** A refused step (the last admin, an unknown role) is shown on the user's row, not as an error page. */
async function step(ctx: PageContext, work: () => Promise<unknown>, done: FlashKey) {
  try {
    await work();
    return redirect('/anvandare', done);
  } catch (err) {
    if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 400)) throw err;
    const text = svError(err);
    return usersPage(ctx, { id: ctx.params.id!, text }, err.status);
  }
}

export const adminUserPages = (_deps: AppDeps) => [
  definePage({
    method: 'get',
    path: '/anvandare',
    uses: ['GET /api/users'],
    nav: {
      label: 'Användare',
      order: 90,
      description:
        'Vilka som har tillgång, med roll och senaste inloggning. Spärra, byt roll eller ge ny nyckel.',
    },
    handler: async (ctx) => usersPage(ctx),
  }),
  definePage({
    method: 'post',
    path: '/anvandare/:id/sparra',
    uses: ['POST /api/users/:id/deactivate'],
    handler: (ctx) =>
      step(
        ctx,
        () => ctx.call('POST /api/users/:id/deactivate', { params: ctx.params }),
        'anvandare-sparrad',
      ),
  }),
  definePage({
    method: 'post',
    path: '/anvandare/:id/aktivera',
    uses: ['POST /api/users/:id/reactivate'],
    handler: (ctx) =>
      step(
        ctx,
        () => ctx.call('POST /api/users/:id/reactivate', { params: ctx.params }),
        'anvandare-aktiverad',
      ),
  }),
  definePage({
    method: 'post',
    path: '/anvandare/:id/roll',
    uses: ['PATCH /api/users/:id'],
    handler: (ctx) =>
      step(
        ctx,
        () => ctx.call('PATCH /api/users/:id', { params: ctx.params, body: { role: ctx.form.role as Role } }),
        'roll-andrad',
      ),
  }),
  definePage({
    method: 'post',
    path: '/anvandare/:id/ny-nyckel',
    uses: ['POST /api/users/:id/rotate-token'],
    handler: async (ctx) => {
      const rotated = await ctx.call('POST /api/users/:id/rotate-token', { params: ctx.params });
      return view('user-token', 'Ny inloggningsnyckel', { rotated });
    },
  }),
];
