import type { Role } from '../../src/users/users.table';

// The expected roles of every operation, written out by hand: what the contract (API.md, DOMAIN.md)
// says each role may do. roles.test.ts holds the running service to this table, not to the route
// declarations it checks, so a role slipped into (or out of) a declaration fails there. The README's
// role table is generated from it (`npm run docs:roles`).
//
// A new operation needs a row here: the test names every operation without one.

export const ROLE_COLUMNS = [
  'case_officer',
  'booking_staff',
  'coordinator',
  'investigator',
  'admin',
] as const;

export type Allowed = readonly Role[] | 'public';

export const ROLE_MATRIX: Record<string, Allowed> = {
  'GET /health': 'public',
  'POST /api/users': ['admin'],
  // Users are administered by admins only (issue 16): list, deactivate, reactivate, change role, rotate.
  'GET /api/users': ['admin'],
  'POST /api/users/:id/deactivate': ['admin'],
  'POST /api/users/:id/reactivate': ['admin'],
  'PATCH /api/users/:id': ['admin'],
  'POST /api/users/:id/rotate-token': ['admin'],
  'POST /api/associations': ['case_officer', 'coordinator'],
  'GET /api/associations': ['case_officer', 'coordinator', 'investigator'],
  'GET /api/associations/:id': ['case_officer', 'coordinator', 'investigator'],
  'POST /api/applications': ['case_officer'],
  'GET /api/applications': ['case_officer', 'coordinator', 'investigator'],
  'GET /api/applications/:id': ['case_officer', 'coordinator', 'investigator'],
  'POST /api/applications/:id/findings': ['case_officer'],
  'POST /api/applications/:id/screenings': ['case_officer'],
  'POST /api/screenings/:id/replay': ['investigator'],
  'GET /api/screenings': ['investigator', 'case_officer'],
  'GET /api/screenings/stats': ['investigator'],
  'GET /api/screenings/:id': ['case_officer', 'coordinator', 'investigator'],
  'GET /api/rule-sets': ['investigator', 'case_officer', 'coordinator', 'admin'],
  'POST /api/watchlist': ['coordinator'],
  'POST /api/watchlist/import': ['coordinator'],
  'GET /api/watchlist/search': ['coordinator', 'investigator'],
  'GET /api/watchlist': ['coordinator', 'investigator'],
  'GET /api/watchlist/:id': ['coordinator', 'investigator'],
  'DELETE /api/watchlist/:id': ['coordinator'],
  'POST /api/applications/:id/decisions': ['case_officer'],
  'POST /api/decisions/:id/approve': ['case_officer', 'coordinator'],
  'POST /api/decisions/:id/return': ['case_officer', 'coordinator'],
  'GET /api/decisions': ['case_officer', 'coordinator', 'investigator'],
  'GET /api/decisions/stats': ['investigator'],
  'GET /api/decisions/:id': ['case_officer', 'coordinator', 'investigator'],
  'GET /api/decisions/:id/document': ['case_officer', 'coordinator', 'investigator'],
  'GET /api/withdrawals': ['investigator', 'coordinator'],
  'POST /api/associations/:id/withdrawals': ['case_officer'],
  'POST /api/associations/:id/restorations': ['case_officer'],
  'POST /api/premises-checks': ['booking_staff', 'coordinator'],
  'GET /api/referrals': ['coordinator'],
  'POST /api/referrals/:id/resolve': ['coordinator'],
  'GET /api/reminders': ['case_officer', 'booking_staff', 'coordinator', 'investigator'],
  'POST /api/reminders/:id/complete': ['case_officer', 'booking_staff', 'coordinator'],
  'GET /api/notifications': ['admin', 'investigator'],
  // Case handling (API.md v2 additions; DOMAIN.md "Recommendations and decisions"): case officers
  // prepare and communicate, coordinators distribute work and see the report, investigators read.
  'POST /api/applications/:id/assign': ['case_officer', 'coordinator'],
  'GET /api/cases': ['case_officer', 'coordinator', 'investigator'],
  'POST /api/communications': ['case_officer'],
  'GET /api/communications': ['case_officer', 'coordinator', 'investigator'],
  'GET /api/communications/:id': ['case_officer', 'coordinator', 'investigator'],
  'GET /api/communications/:id/document': ['case_officer', 'coordinator', 'investigator'],
  'POST /api/communications/:id/reply': ['case_officer'],
  'GET /api/delegation': ['case_officer', 'coordinator', 'investigator', 'admin'],
  'GET /api/decisions/delegation-report': ['coordinator', 'investigator'],
  // The booking desk: the staff member who made a check (or a coordinator) follows it up.
  'GET /api/premises-checks': ['booking_staff', 'coordinator'],
  'GET /api/premises-checks/:checkId': ['booking_staff', 'coordinator'],
  // Watchlist imports run as jobs; whoever may read the watchlist may follow one.
  // The EU and UN sanctions lists as sources (issue 13): coordinators import them; investigators read.
  'POST /api/watchlist/sources/:source/import': ['coordinator'],
  'GET /api/watchlist/sources': ['coordinator', 'investigator'],
  // A SANK-1 hit judged a false positive: the coordinator's recorded clearance before an approval.
  'POST /api/screenings/:id/hits/:entryId/clearance': ['coordinator'],
  'GET /api/screenings/:id/sanctions-hits': ['coordinator', 'investigator'],
  'POST /api/watchlist/imports': ['coordinator'],
  'GET /api/watchlist/imports/:id': ['coordinator', 'investigator'],
  'GET /api/audit/events': ['investigator'],
  'GET /api/audit/verify': ['investigator'],
  'GET /api/audit/export': ['investigator'],
  // The audit log's signed tree and proofs are the investigators' (API.md v2, "Audit and personal
  // data"); the public key is also for the admin who publishes it to outside verifiers.
  'GET /api/audit/tree-head': ['investigator'],
  'GET /api/audit/public-key': ['investigator', 'admin'],
  'GET /api/audit/proof/inclusion': ['investigator'],
  'GET /api/audit/proof/consistency': ['investigator'],
  'POST /api/audit/verifications': ['investigator'],
  'GET /api/audit/verifications': ['investigator'],
  'GET /api/audit/verifications/:id': ['investigator'],
  // Retention: the schedule and its runs, for the admin who configures it and the investigator who
  // audits it. A register extract (GDPR art. 15) gathers watchlist data: coordinators and admins.
  'GET /api/retention': ['admin', 'investigator'],
  'GET /api/register-extract': ['coordinator', 'admin'],
};

/** The README's table: one row per operation, a mark per role allowed. */
export function renderRoleTable(matrix: Record<string, Allowed> = ROLE_MATRIX): string {
  const head = `| operation | ${ROLE_COLUMNS.map((r) => `\`${r}\``).join(' | ')} |`;
  const rule = `|---|${ROLE_COLUMNS.map(() => ':-:').join('|')}|`;
  const rows = Object.entries(matrix).map(([op, allowed]) => {
    const cells = ROLE_COLUMNS.map((r) => (allowed === 'public' ? 'any' : allowed.includes(r) ? '✓' : ''));
    return `| \`${op}\`${allowed === 'public' ? ' (no token)' : ''} | ${cells.join(' | ')} |`;
  });
  return [head, rule, ...rows].join('\n');
}

export const README_START =
  '<!-- role table: generated by `npm run docs:roles` from test/http/role-matrix.ts -->';
export const README_END = '<!-- end of role table -->';
