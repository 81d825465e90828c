import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  authorityFor,
  DelegationOrderError,
  loadDelegationOrder,
  parseDelegationOrder,
} from '../../src/delegation/delegation.loader';
import { loadRuleSets } from '../../src/screening/rule-set.loader';

const run = promisify(execFile);
const shipped = path.join(__dirname, '../../rules/delegation.json');
// The file as plain JSON, for tests to break on purpose.
type Rule = { title?: string; delegates?: { role: string; point: string }[]; committee?: boolean };
type Order = { decisions: Record<string, Rule> } & Record<string, unknown>;
const shippedOrder = () => JSON.parse(readFileSync(shipped, 'utf8')) as Order;

function problemsOf(order: unknown): string[] {
  try {
    parseDelegationOrder(JSON.stringify(order), 'delegation.json');
  } catch (e) {
    if (e instanceof DelegationOrderError) return e.problems;
    throw e;
  }
  return [];
}

describe('the delegation order file', () => {
  it('ships an order for Hägersten-Älvsjö: withdrawal reserved to the committee, the rest delegated', async () => {
    const order = await loadDelegationOrder(shipped);
    expect(order.committeeName).toBe('Hägersten-Älvsjö stadsdelsnämnd');
    expect(authorityFor(order, 'withdrawal', 'coordinator')).toEqual({ by: 'committee' });
    expect(authorityFor(order, 'grant_denial', 'coordinator')).toEqual({ by: 'delegate', point: '4.1.3' });
    expect(authorityFor(order, 'grant_denial', 'case_officer')).toEqual({
      by: 'none',
      delegates: ['coordinator'],
    });
    expect(authorityFor(order, 'grant_approval_with_recommendation', 'case_officer')).toEqual({
      by: 'delegate',
      point: '4.1.1',
    });
  });

  it('reports every problem, each naming the file and the path', () => {
    const order = shippedOrder();
    delete order.decisions.restoration;
    order.decisions.grant_denial!.delegates![0]!.role = 'booking_staff';
    order.decisions.withdrawal!.delegates = [{ role: 'coordinator', point: '9.9' }];
    order.decisions.premises_refusal = { title: 'Neka lokal' };
    order.decisions.grant_approval_with_recommendation!.delegates!.push({ role: 'case_officer', point: '1' });
    order.decisions.opinion_based_refusal = { title: 'x', committee: true };
    const problems = problemsOf(order);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^delegation\.json: decisions\.restoration: /),
        expect.stringMatching(/^delegation\.json: decisions\.grant_denial\.delegates\[0\]\.role: /),
        'delegation.json: decisions.withdrawal.delegates: a decision reserved to the committee has no delegates',
        'delegation.json: decisions.premises_refusal: give either delegates or committee: true',
        'delegation.json: decisions.grant_approval_with_recommendation.delegates[2].role: case_officer is listed twice',
        expect.stringMatching(/^delegation\.json: decisions: .*opinion_based_refusal/),
      ]),
    );
    expect(problems).toHaveLength(6);
    expect(problemsOf('not an object')[0]).toMatch(/^delegation\.json: \(top level\): /);
    expect(() => parseDelegationOrder('{', 'x.json')).toThrow(/^x\.json: not valid JSON/);
  });

  it('refuses a missing file with a reason that names it', async () => {
    await expect(loadDelegationOrder('/nowhere/delegation.json')).rejects.toThrow(
      /^\/nowhere\/delegation\.json: the delegation order cannot be read \(ENOENT\); set DELEGATION_FILE/,
    );
  });

  it('is not read as a rule set by the rule-set loader', async () => {
    const sets = await loadRuleSets(path.dirname(shipped));
    expect(sets.map((s) => s.source)).not.toContain(shipped);
    expect(sets.length).toBeGreaterThan(0);
  });

  it('stops the service at start-up when invalid, naming the file and the path', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fk-delegation-'));
    const file = path.join(dir, 'delegation.json');
    const order = shippedOrder();
    order.decisions.grant_denial = { title: 'Avslå ansökan om föreningsbidrag', delegates: [] };
    writeFileSync(file, JSON.stringify(order));
    const env = {
      ...process.env,
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fk-data-')),
      DELEGATION_FILE: file,
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: '',
    };
    const started = await run(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(started.code).toBe(1);
    expect(started.stderr).toContain(
      `${file}: decisions.grant_denial.delegates: name at least one delegate, or set committee: true`,
    );
  }, 180_000);
});
