import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { type RuleSetFile, ruleSetSchema } from './rule-set.schema';

export interface LoadedRuleSet extends RuleSetFile {
  /** `sha256:<hex>` of the exact file bytes: what a screening records and the registry compares. */
  hash: string;
  /** The exact file text, so the registry can keep a version after its file is gone. */
  content: string;
  /** Where it came from, for messages only (a path or e.g. "registry"). */
  source: string;
}

/** A rule file or set of rule files that cannot be used; the message names the file and the path. */
export class RuleSetError extends Error {
  override name = 'RuleSetError';
  constructor(
    message: string,
    readonly problems: string[] = [message],
  ) {
    super(message);
  }
}

export function sha256(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function formatPath(p: readonly PropertyKey[]): string {
  return p.reduce<string>(
    (acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)),
    '',
  );
}

/** One line per zod issue: `<source>: <path>: <message>` (shared with the delegation order's loader). */
export function formatIssues(source: string, issues: z.core.$ZodIssue[]): string[] {
  return issues.map((i) => `${source}: ${formatPath(i.path) || '(top level)'}: ${i.message}`);
}

/** Parses and validates one rule file's bytes. Throws RuleSetError naming `source` and each path. */
export function parseRuleSet(bytes: Buffer | string, source: string): LoadedRuleSet {
  const content = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (e) {
    throw new RuleSetError(`${source}: not valid JSON: ${(e as Error).message}`);
  }
  const parsed = ruleSetSchema.safeParse(json);
  if (!parsed.success) {
    const problems = formatIssues(source, parsed.error.issues);
    throw new RuleSetError(problems.join('\n'), problems);
  }
  return { ...parsed.data, hash: sha256(bytes), content, source };
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Checks that only make sense across files: one file per id+version, and dates that agree with versions. */
export function checkRuleSetCollection(sets: LoadedRuleSet[]): void {
  const problems: string[] = [];
  const byId = new Map<string, LoadedRuleSet[]>();
  for (const s of sets) byId.set(s.id, [...(byId.get(s.id) ?? []), s]);
  for (const [id, group] of byId) {
    group.sort((a, b) => compareVersions(a.version, b.version));
    group.forEach((s, i) => {
      const prev = group[i - 1];
      if (!prev) return;
      if (compareVersions(prev.version, s.version) === 0) {
        problems.push(`rule set ${id} version ${s.version} is defined twice: ${prev.source} and ${s.source}`);
      } else if (prev.validFrom >= s.validFrom) {
        problems.push(
          `rule set ${id} version ${s.version} (${s.source}) must have a later validFrom than version ` +
            `${prev.version} (${prev.validFrom}), but has ${s.validFrom}`,
        );
      }
    });
  }
  if (problems.length) throw new RuleSetError(problems.join('\n'), problems);
}

/**
 * The committee's delegation order lives beside the rules (rules/delegation.json) but is not a rule
 * set: it has its own schema and loader (src/delegation). Its file name is reserved here.
 */
export const DELEGATION_ORDER_FILE_NAME = 'delegation.json';

/**
 * Reads every *.json under `dir` (sub-folders too, so retired versions can be kept in an archive
 * folder and still replay) except the delegation order, validates each, and returns them sorted by
 * id and validFrom. All problems across all files are reported together.
 */
export async function loadRuleSets(dir: string): Promise<LoadedRuleSet[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith('.json') && e.name !== DELEGATION_ORDER_FILE_NAME)
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  const sets: LoadedRuleSet[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      sets.push(parseRuleSet(await readFile(file), file));
    } catch (e) {
      if (!(e instanceof RuleSetError)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length) throw new RuleSetError(problems.join('\n'), problems);
  checkRuleSetCollection(sets);
  return sets.sort((a, b) => a.id.localeCompare(b.id) || a.validFrom.localeCompare(b.validFrom));
}

/**
 * The rule set in force on `date` (YYYY-MM-DD): the newest whose validFrom is on or before it, like
 * dated legislation. `id` narrows to one rule set when several kinds are loaded.
 */
export function selectRuleSet(ruleSets: readonly LoadedRuleSet[], date: string, id?: string): LoadedRuleSet {
  const candidates = ruleSets.filter((s) => id === undefined || s.id === id);
  const ids = new Set(candidates.map((s) => s.id));
  if (ids.size > 1) {
    throw new RuleSetError(
      `several rule sets are loaded (${[...ids].sort().join(', ')}); say which one to use`,
    );
  }
  const inForce = candidates
    .filter((s) => s.validFrom <= date)
    .sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
  if (!inForce) {
    const earliest = candidates.map((s) => s.validFrom).sort()[0];
    throw new RuleSetError(
      earliest
        ? `no rule set${id ? ` "${id}"` : ''} is valid on ${date}: the earliest takes effect ${earliest}`
        : `no rule set${id ? ` "${id}"` : ''} is loaded`,
    );
  }
  return inForce;
}
