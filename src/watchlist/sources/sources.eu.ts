import type { Listing, ListingIdentifier, ListingName, ListingRegulation } from '../watchlist.table';
import { WATCHLIST_LIMITS } from '../watchlist.limits';
import {
  bounded,
  categoryOf,
  clip,
  isoDay,
  matchNames,
  SOURCE_LIMITS,
  type EntitySink,
} from './sources.entity';
import { XmlProblem, type XmlElement, type XmlHandler } from './sources.xml';

// The EU "Consolidated list of persons, groups and entities subject to EU financial sanctions" as
// the Financial Sanctions Database publishes it in XML (xmlFullSanctionsList_1_1, export schema 1.1,
// namespace http://eu.europa.eu/fpi/fsd/export):
//
//   <export generationDate="2026-11-27T17:30:01.312+01:00" xmlns="http://eu.europa.eu/fpi/fsd/export">
//     <sanctionEntity logicalId="13" euReferenceNumber="EU.27.28" unitedNationId="QDe.004"
//                     designationDate="2001-03-08">
//       <remark>…</remark>
//       <regulation regulationType="regulation" publicationDate="2001-03-09" numberTitle="…"
//                   programme="TAQA"><publicationUrl>…</publicationUrl></regulation>
//       <subjectType code="person|enterprise" classificationCode="P|E"/>
//       <nameAlias wholeName="…" firstName="…" middleName="…" lastName="…" title="…"
//                  function="…" nameLanguage="EN" strong="true"/>
//       <identification identificationTypeCode="regnumber" identificationTypeDescription="…"
//                       number="…" countryDescription="…" issuedBy="…"/>
//       <citizenship/> <birthdate/> <address/> …
//     </sanctionEntity>
//   </export>
//
// Kept: every name and alias, identifiers, programmes and regulations, the listing date, the
// remark. Not kept: birth dates, citizenship, addresses (the coordinator reads them in the official
// list by the entry's reference when weighing a hit; the watchlist holds what matching and
// provenance need, nothing more: GDPR art. 5.1 c).

export const EU_NAMESPACE = 'http://eu.europa.eu/fpi/fsd/export';

/** Regimes whose listings rest on terrorism (see categoryOf). */
const TERRORISM_PROGRAMMES = new Set(['TERR', 'TAQA', 'EUAQ', 'AQ', 'ISIL', 'AFG']);
const TERRORISM_REGULATIONS = ['2580/2001', '881/2002', '2016/1686', '753/2011'];

interface Draft {
  listing: Listing;
  strongNames: ListingName[];
  weakNames: ListingName[];
  regulation: ListingRegulation | null;
}

const attr = (a: Record<string, string>, key: string): string | undefined => {
  const v = a[key]?.trim();
  return v ? v : undefined;
};

function nameOf(a: Record<string, string>): ListingName | null {
  const parts = [attr(a, 'firstName'), attr(a, 'middleName'), attr(a, 'lastName')].filter(Boolean);
  const name = attr(a, 'wholeName') ?? parts.join(' ');
  if (!name) return null;
  const out: ListingName = { name };
  for (const key of ['firstName', 'middleName', 'lastName', 'title', 'function'] as const) {
    const v = attr(a, key);
    if (v) out[key] = v;
  }
  const language = attr(a, 'nameLanguage');
  if (language) out.language = language;
  if (a.strong === 'false') out.quality = 'weak';
  return out;
}

export class EuListHandler implements XmlHandler {
  publishedOn: string | null = null;
  private draft: Draft | null = null;
  count = 0;

  constructor(private readonly sink: EntitySink) {}

  open(name: string, a: Record<string, string>, parents: readonly string[]): void {
    const parent = parents[parents.length - 1];
    if (parents.length === 0) {
      if (name !== 'export' || (a.xmlns ?? EU_NAMESPACE) !== EU_NAMESPACE) {
        throw new XmlProblem(
          `this is not the EU consolidated list (root <${name}>, expected <export> in ${EU_NAMESPACE})`,
          'list_wrong_schema',
        );
      }
      this.publishedOn = isoDay(a.generationDate);
      return;
    }
    if (name === 'sanctionEntity' && parent === 'export') {
      const reference = attr(a, 'logicalId');
      if (!reference) throw new XmlProblem('a sanctionEntity has no logicalId', 'list_entity_invalid');
      if (++this.count > SOURCE_LIMITS.entities) {
        throw new XmlProblem(`the file lists more than ${SOURCE_LIMITS.entities} entities`, 'list_too_large');
      }
      this.draft = {
        listing: {
          reference,
          ...(attr(a, 'euReferenceNumber') && { euReferenceNumber: attr(a, 'euReferenceNumber') }),
          ...(attr(a, 'unitedNationId') && { unReferenceNumber: attr(a, 'unitedNationId') }),
          subjectType: '',
          names: [],
          identifiers: [],
          programmes: [],
          regulations: [],
          listedOn: isoDay(a.designationDate),
        },
        strongNames: [],
        weakNames: [],
        regulation: null,
      };
      return;
    }
    const d = this.draft;
    if (!d || parent !== 'sanctionEntity') return;
    const ref = d.listing.reference;
    if (name === 'nameAlias') {
      const n = nameOf(a);
      if (!n) return;
      bounded(d.listing.names, n, SOURCE_LIMITS.names, 'names', ref);
      (n.quality === 'weak' ? d.weakNames : d.strongNames).push(n);
    } else if (name === 'subjectType') {
      d.listing.subjectType = attr(a, 'code') ?? attr(a, 'classificationCode') ?? '';
    } else if (name === 'regulation') {
      const title = attr(a, 'numberTitle');
      const programme = attr(a, 'programme') ?? null;
      if (programme && !d.listing.programmes.includes(programme)) {
        bounded(d.listing.programmes, programme, SOURCE_LIMITS.regulations, 'programmes', ref);
      }
      if (!title) return;
      d.regulation = {
        title,
        programme,
        type: attr(a, 'regulationType') ?? null,
        publishedOn: isoDay(a.publicationDate),
        url: null,
      };
      bounded(d.listing.regulations, d.regulation, SOURCE_LIMITS.regulations, 'regulations', ref);
    } else if (name === 'identification') {
      const number = attr(a, 'number') ?? attr(a, 'latinNumber');
      if (!number) return;
      const id: ListingIdentifier = {
        type: attr(a, 'identificationTypeDescription') ?? attr(a, 'identificationTypeCode') ?? 'identifier',
        number,
      };
      const country = attr(a, 'countryDescription') ?? attr(a, 'countryIso2Code');
      if (country) id.country = country;
      const issuedBy = attr(a, 'issuedBy');
      if (issuedBy) id.issuedBy = issuedBy;
      bounded(d.listing.identifiers, id, SOURCE_LIMITS.identifiers, 'identifiers', ref);
    }
  }

  close(el: XmlElement, parents: readonly string[]): void {
    const d = this.draft;
    if (!d) return;
    const parent = parents[parents.length - 1];
    if (el.name === 'remark' && parent === 'sanctionEntity' && el.text) {
      d.listing.remark = d.listing.remark ? `${d.listing.remark}\n${el.text}` : el.text;
    } else if (el.name === 'publicationUrl' && parent === 'regulation' && d.regulation && el.text) {
      d.regulation.url = el.text;
    } else if (el.name === 'regulation' && parent === 'sanctionEntity') {
      d.regulation = null;
    } else if (el.name === 'sanctionEntity' && parent === 'export') {
      this.draft = null;
      this.finish(d);
    }
  }

  private finish(d: Draft): void {
    const { listing } = d;
    const names = matchNames([...d.strongNames, ...d.weakNames]);
    if (!names) {
      throw new XmlProblem(`entity ${listing.reference} has no name`, 'list_entity_invalid');
    }
    // The listing date: the designation date the file gives, else the first regulation's.
    listing.listedOn ??=
      listing.regulations
        .map((r) => r.publishedOn)
        .filter((x): x is string => x !== null)
        .sort()[0] ?? null;
    const terrorism =
      listing.programmes.some((p) => TERRORISM_PROGRAMMES.has(p.toUpperCase())) ||
      listing.regulations.some((r) => TERRORISM_REGULATIONS.some((n) => r.title.includes(n)));
    const regulations = [...new Set(listing.regulations.map((r) => r.title))];
    const number = listing.euReferenceNumber ?? listing.reference;
    this.sink({
      source: 'eu',
      reference: listing.reference,
      subjectKind: /^(person|P)$/i.test(listing.subjectType) ? 'person' : 'organisation',
      name: names.name,
      aliases: names.aliases,
      category: categoryOf(terrorism),
      reason: clip(
        `Förtecknad i EU:s konsoliderade förteckning över personer, grupper och enheter som omfattas av ` +
          `finansiella sanktioner (${number})` +
          (listing.programmes.length ? `, program ${listing.programmes.join(', ')}` : '') +
          (regulations.length ? `, rättsakt ${regulations.join('; ')}` : '') +
          (listing.listedOn ? `, förtecknad ${listing.listedOn}` : '') +
          '. Tillgångar ska frysas och inga medel får ställas till förfogande.',
        WATCHLIST_LIMITS.reason,
      ),
      sourceText: `EU:s konsoliderade sanktionsförteckning (${number})`,
      listing,
    });
  }
}
