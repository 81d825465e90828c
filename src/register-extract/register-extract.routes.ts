import type { AppDeps } from '../deps';
import { defineRoute } from '../http/route';
import { registerExtract } from './register-extract.service';
import { renderRegisterExtract } from './register-extract.document';
import {
  registerExtractQuery,
  registerExtractSchema,
  type RegisterExtract,
} from './register-extract.schemas';

export function documentOf(deps: AppDeps, extract: RegisterExtract): string {
  return renderRegisterExtract(extract, {
    municipality: deps.config.MUNICIPALITY_NAME,
    committee: deps.config.COMMITTEE_NAME,
    retention: deps.config.RETENTION_POLICY,
  });
}

export function registerExtractRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/register-extract',
      summary:
        'Everything held about one person (GDPR art. 15), by personnummer or name; with Accept: text/html ' +
        'as a document in Swedish for the person. Every request is audited.',
      tag: 'register-extract',
      roles: ['coordinator', 'admin'],
      query: registerExtractQuery,
      success: { status: 200, description: 'The register extract', schema: registerExtractSchema },
      handler: async ({ query, user, req, res }) => {
        const extract = await registerExtract(deps, user.id, query);
        const html = query.format
          ? query.format === 'html'
          : req.accepts(['application/json', 'text/html']) === 'text/html';
        if (!html) return extract;
        res.status(200).type('html').send(documentOf(deps, extract));
        return undefined;
      },
    }),
  ];
}
