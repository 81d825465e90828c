import { sql } from 'kysely';
import type { Db } from '../db/database';

// Everything held about one person, by personnummer or by name (case-insensitive, exact; also as
// an alias). Read-only; the service audits the request in the same transaction.

export interface Subject {
  personalNumber?: string | undefined;
  name?: string | undefined;
}

/** A personnummer in every form a person's text might write it: 12 or 10 digits, with or without the dash. */
export function numberForms(pnr: string): string[] {
  const digits = pnr.replace(/\D/g, '');
  const short = digits.slice(2);
  return [pnr, digits, `${short.slice(0, 6)}-${short.slice(6)}`, short];
}

export async function personEntries(db: Db, s: Subject) {
  let q = db.selectFrom('watchlist_entries').selectAll().where('subject_kind', '=', 'person');
  if (s.personalNumber) q = q.where('personal_number', '=', s.personalNumber);
  else {
    const name = s.name!;
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(name)`, '=', name.toLowerCase()),
        sql<boolean>`exists (select 1 from jsonb_array_elements_text(aliases) a where lower(a) = ${name.toLowerCase()})`,
      ]),
    );
  }
  return q.orderBy('created_at').execute();
}

export async function representativeRoles(db: Db, s: Subject) {
  const match = s.personalNumber
    ? sql<boolean>`r->>'personalNumber' = ${s.personalNumber}`
    : sql<boolean>`lower(r->>'name') = ${s.name!.toLowerCase()}`;
  const rows = await sql<{ id: string; name: string; org_number: string; rep_name: string; role: string }>`
    select a.id, a.name, a.org_number, r->>'name' as rep_name, r->>'role' as role
    from associations a, jsonb_array_elements(a.representatives) r
    where ${match}
    order by a.name`.execute(db);
  return rows.rows;
}

/**
 * Findings whose description or source names the person: any of their names, or their personnummer
 * in any form.
 */
export async function findingsNaming(db: Db, s: Subject, names: readonly string[]) {
  const numbers = s.personalNumber ? numberForms(s.personalNumber) : [];
  const needles = [...numbers, ...names];
  if (needles.length === 0) return [];
  const rows = await db
    .selectFrom('findings as f')
    .innerJoin('applications as ap', 'ap.id', 'f.application_id')
    .innerJoin('associations as a', 'a.id', 'ap.association_id')
    .select([
      'f.id',
      'f.application_id',
      'a.name as association_name',
      'f.category',
      'f.occurred_on',
      'f.description',
      'f.source',
    ])
    .where((eb) =>
      eb.or(
        needles.flatMap((n) => [
          sql<boolean>`position(${n.toLowerCase()} in lower(f.description)) > 0`,
          sql<boolean>`position(${n.toLowerCase()} in lower(f.source)) > 0`,
        ]),
      ),
    )
    .orderBy('f.occurred_on')
    .execute();
  // The database finds the text anywhere; the extract keeps only findings that name the person as a
  // word of its own (a Swedish genitive -s allowed), so "Berg" does not bring in "Bergström" or
  // "Berga IF" — another person's data has no place in this person's extract.
  const named = names.map(wholeWord);
  return rows.filter((r) =>
    [r.description, r.source].some(
      (text) => numbers.some((n) => text.includes(n)) || named.some((re) => re.test(text)),
    ),
  );
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A name as a whole word (or words), in any case, with an optional genitive s. */
function wholeWord(name: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}s?(?![\\p{L}\\p{N}])`, 'iu');
}

/** Booking checks made on one of the person's names, or that referred because of one of their entries. */
export async function checksAbout(db: Db, names: readonly string[], entryIds: readonly string[]) {
  return db
    .selectFrom('premises_checks as c')
    .leftJoin('referrals as r', 'r.check_id', 'c.id')
    .select([
      'c.id',
      'c.created_at',
      'c.name',
      'c.venue',
      'c.date',
      'c.result',
      'r.id as referral_id',
      'r.status as referral_status',
      'r.resolved_at',
      'r.note',
    ])
    .where((eb) =>
      eb.or([
        ...names.map((n) => eb(sql`lower(c.name)`, '=', n.toLowerCase())),
        ...entryIds.map((id) => sql<boolean>`c.grounds @> ${JSON.stringify([{ entryId: id }])}::jsonb`),
        sql<boolean>`false`,
      ]),
    )
    .orderBy('c.created_at')
    .execute();
}

/** Screenings in which one of the person's entries was a hit. */
export async function screeningsHitting(db: Db, entryIds: readonly string[]) {
  if (entryIds.length === 0) return [];
  return db
    .selectFrom('screenings as s')
    .innerJoin('associations as a', 'a.id', 's.association_id')
    .select(['s.id', 'a.name as association_name', 's.created_at', 's.watchlist_hits'])
    .where((eb) =>
      eb.or(
        entryIds.map((id) => sql<boolean>`s.watchlist_hits @> ${JSON.stringify([{ entryId: id }])}::jsonb`),
      ),
    )
    .orderBy('s.created_at')
    .execute();
}
