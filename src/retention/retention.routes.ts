import type { AppDeps } from '../deps';
import { defineRoute } from '../http/route';
import { RECORD_KINDS, referenceFor, type RecordKind } from './retention.policy';
import { latestRuns } from './retention.repository';
import { retentionSchema } from './retention.schemas';

/** What each kind covers, in the words staff read (web pages show the same). */
export const KIND_DESCRIPTIONS: Record<RecordKind, string> = {
  premises_check_clear: 'Lokalkontroller som gav svaret klart. Gallras räknat från dagen för kontrollen.',
  referral:
    'Hänvisningar från lokalkontroller och skälen för dem. Gallras räknat från dagen då hänvisningen avslutades. Öppna hänvisningar gallras inte.',
  watchlist_entry_ended:
    'Poster på bevakningslistan som har avregistrerats eller löpt ut. Gallras räknat från dagen då posten upphörde att gälla.',
  finding:
    'Uppgifter om föreningars agerande. Gallras när uppgiften passerar den yttre åldersgränsen, räknat från dagen för händelsen. En kopia finns kvar i underlaget för granskningar och beslut, som bevaras.',
};

export const ARCHIVED =
  'Beslut, beslutsbrev och de granskningar som besluten grundas på bevaras och gallras aldrig. Granskningsloggen behåller varje händelse: för gallrade poster finns händelsen kvar utan sina uppgifter, med datum och gallringsbeslut.';

const RUNS_SHOWN = 30;

export function retentionRoutes(deps: AppDeps) {
  const policy = deps.config.RETENTION_POLICY;
  return [
    defineRoute({
      method: 'get',
      path: '/api/retention',
      summary: 'The retention policy (gallring) and its latest daily runs',
      tag: 'retention',
      roles: ['admin', 'investigator'],
      success: { status: 200, description: 'Policy and runs', schema: retentionSchema },
      handler: async () => ({
        policy: {
          decisionReference: policy.decisionReference,
          kinds: RECORD_KINDS.map((kind) => ({
            kind,
            keepFor: policy[kind].keepFor,
            decisionReference: referenceFor(policy, kind),
            description: KIND_DESCRIPTIONS[kind],
          })),
          archived: ARCHIVED,
        },
        runs: (await latestRuns(deps.db, RUNS_SHOWN)).map((r) => ({
          id: r.id,
          runOn: r.run_on,
          ranAt: r.ran_at.toISOString(),
          decisionReference: r.decision_reference,
          counts: r.counts,
          erasedPayloads: Number(r.erased_payloads),
          auditSeq: r.audit_seq === null ? null : Number(r.audit_seq),
        })),
      }),
    }),
  ];
}
