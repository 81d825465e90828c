import express, { Router } from 'express';
import request from 'supertest';
import { allPages } from '../../src/web/pages';
import { bySpecificity } from '../../src/web/web.route-order';
import { createTestContext, type TestContext } from '../support/test-app';
import { signIn, textOf } from './web-support';

// Registration order between page files is no rule anyone has to know: the router tries fixed path
// segments before `:id` parameters itself.

type Route = { method: 'get'; path: string; answer: string };

/** An express router with the routes in the given order, each answering its name and its id. */
function appWith(routes: readonly Route[]) {
  const router = Router();
  for (const r of routes)
    router[r.method](r.path, (req, res) => void res.send(`${r.answer} ${req.params.id ?? ''}`.trim()));
  return express().use(router);
}

// The worst order: the parameter first, as a file sorted by role once had it.
const declared: Route[] = [
  { method: 'get', path: '/bevakningslista/:id', answer: 'entry' },
  { method: 'get', path: '/bevakningslista/:id/avregistrera', answer: 'retire' },
  { method: 'get', path: '/bevakningslista/import/:id', answer: 'job' },
  { method: 'get', path: '/bevakningslista/import', answer: 'import' },
  { method: 'get', path: '/bevakningslista', answer: 'search' },
];

describe('page routes by specificity', () => {
  it('in registration order, express answers /bevakningslista/import with the entry page (the hazard)', async () => {
    const res = await request(appWith(declared)).get('/bevakningslista/import');
    expect(res.text).toBe('entry import');
  });

  it('sorted, a fixed segment wins over a parameter at the same position, whatever the order declared', async () => {
    const app = appWith(bySpecificity(declared));
    expect((await request(app).get('/bevakningslista/import')).text).toBe('import');
    expect((await request(app).get('/bevakningslista/import/42')).text).toBe('job 42');
    expect((await request(app).get('/bevakningslista/7')).text).toBe('entry 7');
    expect((await request(app).get('/bevakningslista/7/avregistrera')).text).toBe('retire 7');
    expect((await request(app).get('/bevakningslista')).text).toBe('search');
    // Reversed declarations give the same answers.
    const reversed = appWith(bySpecificity([...declared].reverse()));
    expect((await request(reversed).get('/bevakningslista/import')).text).toBe('import');
    expect((await request(reversed).get('/bevakningslista/7')).text).toBe('entry 7');
  });

  it('keeps the declared order of paths that cannot shadow each other', () => {
    const paths = ['/b/:id', '/a/:id', '/a', '/b'].map((path) => ({ path }));
    expect(bySpecificity(paths).map((p) => p.path)).toEqual(['/a', '/b', '/b/:id', '/a/:id']);
  });
});

describe('the service’s own pages', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  /** Whether an address with a parameter's value in place of each `:x` would reach `path`. */
  const matches = (path: string, address: string) => {
    const p = path.split('/');
    const a = address.split('/');
    return p.length === a.length && p.every((s, i) => s.startsWith(':') || s === a[i]);
  };

  it('every page is the first one its own address reaches, in the order the router registers them', () => {
    const pages = bySpecificity(allPages(ctx.deps));
    for (const page of pages) {
      const address = page.path.replace(/:[a-zA-Z]+/g, '0e0f9a50-0000-4000-8000-000000000000');
      const first = pages.find((p) => p.method === page.method && matches(p.path, address));
      expect(`${first?.method} ${first?.path}`).toBe(`${page.method} ${page.path}`);
    }
  });

  it('shows the import form at /bevakningslista/import, declared in the same file after /bevakningslista/:id', async () => {
    const declaredOrder = allPages(ctx.deps).map((p) => `${p.method} ${p.path}`);
    expect(declaredOrder.indexOf('get /bevakningslista/:id')).toBeLessThan(
      declaredOrder.indexOf('get /bevakningslista/import'),
    );
    const { agent } = await signIn(ctx, 'coordinator');
    const res = await agent.get('/bevakningslista/import');
    expect(res.status).toBe(200);
    expect(textOf(res.text)).toContain('Importera till bevakningslistan');
  });
});
