import type { Kysely } from 'kysely';
import type { Database, Db } from '../db/database';
import type { Clock } from '../clock';
import { appendAuditMany } from '../audit/audit.service';
import { NotFoundError } from '../http/errors';
import { loadRuleSets, parseRuleSet, RuleSetError, sha256, type LoadedRuleSet } from './rule-set.loader';
import type { RuleSetRow } from './screening.table';

/**
 * Loads the rule files and publishes them: each version is stored with its hash the first time it is
 * seen. A file whose content changed under a published version stops the service: published rules
 * are never edited, a change is a new version (with a later validFrom).
 */
export async function publishRuleSets(
  db: Kysely<Database>,
  clock: Clock,
  dir: string,
): Promise<LoadedRuleSet[]> {
  const sets = await loadRuleSets(dir);
  await db.transaction().execute(async (trx) => {
    const stored = await trx.selectFrom('rule_sets').select(['id', 'version', 'hash']).execute();
    const known = new Map(stored.map((r) => [`${r.id}@${r.version}`, r.hash]));
    const changed = sets.filter(
      (s) => known.has(`${s.id}@${s.version}`) && known.get(`${s.id}@${s.version}`) !== s.hash,
    );
    if (changed.length) {
      const problems = changed.map(
        (s) =>
          `${s.source}: rule set "${s.id}" version ${s.version} was changed after it was published ` +
          `(published ${known.get(`${s.id}@${s.version}`)}, file ${s.hash}). Published rules are never edited: ` +
          `restore the file and publish the change as a new version with a later validFrom.`,
      );
      throw new RuleSetError(problems.join('\n'), problems);
    }
    const fresh = sets.filter((s) => !known.has(`${s.id}@${s.version}`));
    if (fresh.length === 0) return;
    const now = clock.now();
    await trx
      .insertInto('rule_sets')
      .values(
        fresh.map((s) => ({
          id: s.id,
          version: s.version,
          valid_from: s.validFrom,
          hash: s.hash,
          content: s.content,
          registered_at: now,
        })),
      )
      .execute();
    await appendAuditMany(
      trx,
      clock,
      fresh.map((s) => ({
        actor: 'system',
        action: 'rule_set.published',
        entityType: 'rule_set',
        entityId: `${s.id}@${s.version}`,
        details: {
          id: s.id,
          version: s.version,
          validFrom: s.validFrom,
          hash: s.hash,
          rules: s.rules.map((r) => r.id),
        },
      })),
    );
  });
  return sets;
}

/**
 * A published version exactly as it was published, from the database (not the rules folder), checked
 * against its recorded hash: replay years later must not depend on files still lying around.
 */
export async function publishedRuleSet(db: Db, id: string, version: string): Promise<LoadedRuleSet> {
  const row = await db
    .selectFrom('rule_sets')
    .selectAll()
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`Rule set ${id} ${version}`);
  if (sha256(row.content) !== row.hash) {
    throw new Error(`stored rule set ${id} ${version} does not match its recorded hash`);
  }
  return parseRuleSet(row.content, `published ${id} ${version}`);
}

export async function listPublishedRuleSets(db: Db): Promise<Omit<RuleSetRow, 'content'>[]> {
  return db
    .selectFrom('rule_sets')
    .select(['id', 'version', 'valid_from', 'hash', 'registered_at'])
    .orderBy('id')
    .orderBy('valid_from', 'desc')
    .execute();
}
