import request from 'supertest';
import { createTestContext, type TestContext } from '../support/test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('GET /api/docs', () => {
  it('redirects the bare path to the page, which loads Swagger UI from this origin only', async () => {
    const bare = await request(ctx.app).get('/api/docs');
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe('/api/docs/');
    const page = await request(ctx.app).get('/api/docs/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('Föreningskontroll API');
    const sources = [...page.text.matchAll(/<(?:script|link)[^>]+(?:src|href)=["']([^"']+)/g)].map(
      (m) => m[1],
    );
    expect(sources).toEqual(expect.arrayContaining(['./swagger-ui-bundle.js', './swagger-ui-init.js']));
    for (const s of sources) expect(s).not.toMatch(/^(https?:)?\/\//);
    // No inline script: helmet's script-src 'self' would block it.
    expect(page.text).not.toMatch(/<script>(?!\s*<\/script>)/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('serves the bundle and an initialiser that points at the served OpenAPI document', async () => {
    const bundle = await request(ctx.app).get('/api/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    const init = await request(ctx.app).get('/api/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    expect(init.text).toContain('"swaggerUrl": "/api/openapi.json"');
    expect((await request(ctx.app).get('/api/docs/package.json')).status).toBe(404);
  });

  it("documents issue 16's user operations in the served document the page shows", async () => {
    const doc = (await request(ctx.app).get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths['/api/users/{id}'] ?? {})).toEqual(['patch']);
    for (const action of ['deactivate', 'reactivate', 'rotate-token']) {
      expect(doc.paths[`/api/users/{id}/${action}`]?.post).toBeDefined();
    }
    expect(doc.paths['/api/users']?.get).toBeDefined();
  });
});
