import request from 'supertest';
import { allRoutes } from '../../src/app';
import { ROLES, type Role } from '../../src/users/users.table';
import { InProcessApi } from '../../src/web/web.api';
import { allPages } from '../../src/web/pages';
import { createTestContext, type TestContext } from '../support/test-app';
import { signIn, textOf } from './web-support';

// Every declared page, asked by every role and by nobody. A page's roles are those of the API
// operations it performs (never a list of its own): outside them → 403 in Swedish; signed out →
// the sign-in page; inside them → past the check (a 404 for the made-up id is the page's own answer).
let ctx: TestContext;
let agents: Record<Role, { agent: ReturnType<typeof request.agent>; csrf: string }>;
beforeAll(async () => {
  ctx = await createTestContext();
  agents = {} as typeof agents;
  for (const role of ROLES) agents[role] = await signIn(ctx, role);
});
afterAll(async () => {
  await ctx.deps.audit.verifications.idle(); // the full verification one of the posts started
  await ctx.close();
});

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, UNKNOWN_ID);

it('enforces every page against every role', async () => {
  const api = new InProcessApi(allRoutes(ctx.deps));
  const failures: string[] = [];
  for (const page of allPages(ctx.deps)) {
    const path = concrete(page.path);
    const label = `${page.method.toUpperCase()} ${page.path}`;
    const roles = api.rolesFor(page.uses);
    const anonymous =
      page.method === 'get'
        ? await request(ctx.app).get(path)
        : await request(ctx.app).post(path).type('form').send({});
    if (anonymous.status !== 303 || !String(anonymous.headers.location).startsWith('/logga-in')) {
      failures.push(`${label} signed out: ${anonymous.status}`);
    }
    for (const role of ROLES) {
      const { agent, csrf } = agents[role];
      const res =
        page.method === 'get'
          ? await agent.get(path)
          : await agent.post(path).type('form').send({ _csrf: csrf });
      const allowed = roles === 'signed_in' || roles.includes(role);
      const toSignIn = res.status === 303 && String(res.headers.location).startsWith('/logga-in');
      if (allowed && (res.status === 403 || toSignIn || res.status >= 500)) {
        failures.push(`${label} as ${role}: ${res.status}`);
      }
      if (!allowed && (res.status !== 403 || !textOf(res.text).includes('Du saknar behörighet'))) {
        failures.push(`${label} as ${role}: ${res.status}, expected 403`);
      }
    }
  }
  expect(failures).toEqual([]);
});

it('gives each role exactly the pages its API rights allow', async () => {
  const api = new InProcessApi(allRoutes(ctx.deps));
  const gets = allPages(ctx.deps).filter((p) => p.method === 'get' && p.path !== '/');
  const open = (role: Role) =>
    gets
      .filter((p) => {
        const r = api.rolesFor(p.uses);
        return r === 'signed_in' || r.includes(role);
      })
      .map((p) => p.path);
  // What the brief and DOMAIN.md say each group works with, spelled out once as a check on the above.
  // Booking staff: the check and their own reminders (cancel bookings), nothing else: need-to-know.
  expect(open('booking_staff')).toEqual(['/lokalkontroll', '/paminnelser']);
  // Admins: users and the files the decisions rest on, the retention schedule and register extracts
  // (GDPR art. 15) for the data controller; they see no case, check or entry.
  expect(open('admin')).toEqual(['/gallring', '/registerutdrag', '/anvandare', '/regelverk']);
  expect(open('case_officer')).toEqual(
    expect.arrayContaining([
      '/arbetsko',
      '/foreningar/ny',
      '/ansokningar/ny',
      '/ansokningar/:id',
      '/granskningar/:id',
      '/beslut',
      '/beslut/:id',
      '/beslut/:id/brev',
      '/paminnelser',
    ]),
  );
  const investigatorOnly = ['/statistik', '/beslut/:id/akt', '/granskningskedja', '/granskningskedja/export'];
  expect(
    open('case_officer').filter(
      (p) => p.startsWith('/bevakningslista') || p === '/hanvisningar' || investigatorOnly.includes(p),
    ),
  ).toEqual([]);
  expect(open('coordinator')).toEqual(
    expect.arrayContaining(['/bevakningslista', '/bevakningslista/import', '/hanvisningar', '/paminnelser']),
  );
  expect(open('coordinator')).not.toContain('/ansokningar/ny');
  expect(open('coordinator').filter((p) => investigatorOnly.includes(p))).toEqual([]);
  expect(open('investigator')).toEqual(
    expect.arrayContaining([
      '/granskningar',
      '/beslut',
      '/indragningar',
      '/bevakningslista',
      ...investigatorOnly,
    ]),
  );
  // Investigators read; reminders and referrals are worked by others, and nothing here writes.
  expect(open('investigator')).not.toContain('/bevakningslista/ny');
  expect(open('investigator')).not.toContain('/paminnelser');
  expect(open('investigator')).not.toContain('/hanvisningar');
});

it('shows admins, signed in, their pages: users, the rule sets, retention and register extracts', async () => {
  const home = await agents.admin.agent.get('/');
  expect(home.status).toBe(200);
  const text = textOf(home.text);
  expect(text).toContain('Det här kan du göra som Systemförvaltare:');
  expect(text).toContain('Användare');
  expect(text).toContain('Regelverk och delegation');
  expect(text).toContain('Gallring');
  expect(text).toContain('Registerutdrag');
});
