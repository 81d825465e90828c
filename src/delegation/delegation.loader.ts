import { readFile } from 'node:fs/promises';
import { formatIssues, sha256 } from '../screening/rule-set.loader';
import {
  DELEGATION_KINDS,
  delegationOrderSchema,
  type DelegateRole,
  type DelegationKind,
  type DelegationOrderFile,
  type DelegationOrderResponse,
} from './delegation.schema';

export interface DelegationOrder extends DelegationOrderFile {
  /** `sha256:<hex>` of the exact file bytes: recorded with each approval, so an auditor knows which order applied. */
  hash: string;
  source: string;
}

/** A delegation order that cannot be used; one problem per line, each naming the file and the path. */
export class DelegationOrderError extends Error {
  override name = 'DelegationOrderError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Parses and validates the order's bytes; `source` names the file in every message. */
export function parseDelegationOrder(bytes: Buffer | string, source: string): DelegationOrder {
  const content = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (e) {
    throw new DelegationOrderError([`${source}: not valid JSON: ${(e as Error).message}`]);
  }
  const parsed = delegationOrderSchema.safeParse(json);
  if (!parsed.success) throw new DelegationOrderError(formatIssues(source, parsed.error.issues));
  return { ...parsed.data, hash: sha256(bytes), source };
}

/** Reads the order at start-up; a missing or invalid file stops the service. */
export async function loadDelegationOrder(file: string): Promise<DelegationOrder> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DelegationOrderError([
      `${file}: the delegation order cannot be read (${code ?? 'error'}); set DELEGATION_FILE to the committee's order`,
    ]);
  }
  return parseDelegationOrder(bytes, file);
}

/** Who may take a decision of a kind, as the order says, for a person of a role. */
export type Authority =
  | { by: 'delegate'; point: string }
  | { by: 'committee' }
  | { by: 'none'; delegates: readonly DelegateRole[] };

export function authorityFor(order: DelegationOrder, kind: DelegationKind, role: string): Authority {
  const rule = order.decisions[kind];
  if (rule.committee) return { by: 'committee' };
  const own = rule.delegates!.find((d) => d.role === role);
  return own
    ? { by: 'delegate', point: own.point }
    : { by: 'none', delegates: rule.delegates!.map((d) => d.role) };
}

export function toDelegationResponse(order: DelegationOrder): DelegationOrderResponse {
  return {
    committeeName: order.committeeName,
    adoptedOn: order.adoptedOn,
    adoptedParagraph: order.adoptedParagraph ?? null,
    hash: order.hash,
    decisions: DELEGATION_KINDS.map((kind) => {
      const r = order.decisions[kind];
      return {
        kind,
        title: r.title,
        committee: r.committee === true,
        reason: r.reason ?? null,
        delegates: (r.delegates ?? []).map((d) => ({ role: d.role, point: d.point })),
      };
    }),
  };
}
