import type { AppDeps } from '../../deps';
import { isoDate } from '../../clock';
import { ValidationError } from '../../http/errors';
import {
  delegationReport,
  delegationReportQuery,
  type DelegationReport,
} from '../../delegation/delegation.report';
import { sendReportCsv } from '../../delegation/delegation.report-csv';
import { emptyForm, refusedForm } from '../web.forms';
import { definePage, sent, view } from '../web.page';

const FIELDS = ['from', 'to'] as const;
const REPORT = 'GET /api/decisions/delegation-report' as const;

/** The period asked for; by default the current month up to today (a committee meets about monthly). */
function period(deps: AppDeps, query: Record<string, string>) {
  const today = isoDate(deps.clock.now());
  return {
    from: query.from?.trim() || `${today.slice(0, 8)}01`,
    to: query.to?.trim() || today,
  };
}

// Anmälan av delegationsbeslut: the decisions delegats took in a period, to put before the committee
// (kommunallagen 6 kap. 40 §), on a page and as a CSV file to attach to the meeting's papers.
export const delegationReportPages = (deps: AppDeps) => [
  definePage({
    method: 'get',
    path: '/delegationsbeslut',
    uses: [REPORT],
    nav: {
      label: 'Delegationsbeslut',
      order: 38,
      description: 'Beslut som fattats med stöd av delegation under en period, för anmälan till nämnden.',
    },
    handler: async (ctx) => {
      const q = period(deps, ctx.query);
      let form = emptyForm(q);
      let report: DelegationReport | undefined;
      try {
        report = await ctx.call(REPORT, { query: q });
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        form = refusedForm(err, q, FIELDS)!;
      }
      return view(
        'delegation-report',
        'Delegationsbeslut',
        {
          form,
          report,
          csvLink: report ? `/delegationsbeslut/csv?${new URLSearchParams(q).toString()}` : null,
        },
        form.summary.length ? 400 : 200,
      );
    },
  }),
  definePage({
    method: 'get',
    path: '/delegationsbeslut/csv',
    uses: [REPORT],
    handler: async (ctx) => {
      // The operation's own role and period checks, then the same report as a download.
      const q = period(deps, ctx.query);
      const problem = ctx.problems(REPORT, { query: q });
      if (problem) throw problem;
      const parsed = delegationReportQuery.parse(q);
      sendReportCsv(ctx.res, await delegationReport(deps.db, deps.delegation, parsed), parsed);
      return sent();
    },
  }),
];
