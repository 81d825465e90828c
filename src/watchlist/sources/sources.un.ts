import type { Listing, ListingIdentifier, ListingName } from '../watchlist.table';
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

// The UN Security Council Consolidated List as the Security Council publishes it in XML
// (consolidated.xml, schema https://scsanctions.un.org/resources/xsd/consolidated-list.xsd):
//
//   <CONSOLIDATED_LIST dateGenerated="2026-11-27T12:00:03.367Z">
//     <INDIVIDUALS>
//       <INDIVIDUAL>
//         <DATAID>6908555</DATAID> <VERSIONNUM>1</VERSIONNUM>
//         <FIRST_NAME/> <SECOND_NAME/> <THIRD_NAME/> <FOURTH_NAME/>
//         <UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE> <REFERENCE_NUMBER>QDi.001</REFERENCE_NUMBER>
//         <LISTED_ON>2001-01-25</LISTED_ON> <NAME_ORIGINAL_SCRIPT/> <COMMENTS1/>
//         <TITLE><VALUE/></TITLE> <DESIGNATION><VALUE/></DESIGNATION>
//         <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME/></INDIVIDUAL_ALIAS>
//         <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT/><NUMBER/><ISSUING_COUNTRY/><NOTE/></INDIVIDUAL_DOCUMENT>
//         <INDIVIDUAL_DATE_OF_BIRTH/> <INDIVIDUAL_ADDRESS/> …
//       </INDIVIDUAL>
//     </INDIVIDUALS>
//     <ENTITIES>
//       <ENTITY> (the same, with ENTITY_ALIAS and ENTITY_ADDRESS) </ENTITY>
//     </ENTITIES>
//   </CONSOLIDATED_LIST>
//
// Kept as for the EU list: names, aliases, documents (identifiers), the regime, the reference
// number, the listing date and the comments; not dates of birth or addresses.

/**
 * The regime (UN_LIST_TYPE) and the EU regulation that carries its asset freeze into EU law, for
 * the regimes whose regulation is certain here; for the others the hit names the regime and the
 * coordinator looks up the implementing regulation.
 */
const REGIMES: Record<string, { title: string; terrorism: boolean }> = {
  'al-qaida': {
    title:
      'FN:s säkerhetsråds sanktionsregim mot ISIL (Daish) och al-Qaida (resolution 1267 (1999) m.fl.), genomförd genom rådets förordning (EG) nr 881/2002',
    terrorism: true,
  },
  taliban: {
    title:
      'FN:s säkerhetsråds sanktionsregim enligt resolution 1988 (2011) (talibanerna), genomförd genom rådets förordning (EU) nr 753/2011',
    terrorism: true,
  },
  dprk: {
    title:
      'FN:s säkerhetsråds sanktionsregim mot Nordkorea (resolution 1718 (2006) m.fl.), genomförd genom rådets förordning (EU) 2017/1509',
    terrorism: false,
  },
};

function regimeOf(listType: string): { title: string; terrorism: boolean } {
  return (
    REGIMES[listType.toLowerCase()] ?? {
      title: `FN:s säkerhetsråds sanktionsregim ${listType} (genomförd i EU genom den rådsförordning som gäller regimen)`,
      terrorism: false,
    }
  );
}

interface Draft {
  kind: 'INDIVIDUAL' | 'ENTITY';
  fields: Record<string, string>;
  names: ListingName[];
  aliases: ListingName[];
  identifiers: ListingIdentifier[];
  alias: Record<string, string> | null;
  document: Record<string, string> | null;
  comments: string[];
}

const SIMPLE_FIELDS = new Set([
  'DATAID',
  'FIRST_NAME',
  'SECOND_NAME',
  'THIRD_NAME',
  'FOURTH_NAME',
  'UN_LIST_TYPE',
  'REFERENCE_NUMBER',
  'LISTED_ON',
  'NAME_ORIGINAL_SCRIPT',
]);

export class UnListHandler implements XmlHandler {
  publishedOn: string | null = null;
  private draft: Draft | null = null;
  count = 0;

  constructor(private readonly sink: EntitySink) {}

  open(name: string, a: Record<string, string>, parents: readonly string[]): void {
    const parent = parents[parents.length - 1];
    if (parents.length === 0) {
      if (name !== 'CONSOLIDATED_LIST') {
        throw new XmlProblem(
          `this is not the UN Security Council consolidated list (root <${name}>, expected <CONSOLIDATED_LIST>)`,
          'list_wrong_schema',
        );
      }
      this.publishedOn = isoDay(a.dateGenerated);
      return;
    }
    if ((name === 'INDIVIDUAL' && parent === 'INDIVIDUALS') || (name === 'ENTITY' && parent === 'ENTITIES')) {
      if (++this.count > SOURCE_LIMITS.entities) {
        throw new XmlProblem(`the file lists more than ${SOURCE_LIMITS.entities} entities`, 'list_too_large');
      }
      this.draft = {
        kind: name,
        fields: {},
        names: [],
        aliases: [],
        identifiers: [],
        alias: null,
        document: null,
        comments: [],
      };
      return;
    }
    const d = this.draft;
    if (!d) return;
    if (name === `${d.kind}_ALIAS` && parent === d.kind) d.alias = {};
    if (name === `${d.kind}_DOCUMENT` && parent === d.kind) d.document = {};
  }

  close(el: XmlElement, parents: readonly string[]): void {
    const d = this.draft;
    if (!d) return;
    const parent = parents[parents.length - 1];
    const ref = d.fields.DATAID ?? '(no DATAID)';
    if (parent === d.kind && SIMPLE_FIELDS.has(el.name)) {
      if (el.text) d.fields[el.name] = el.text;
    } else if (parent === d.kind && el.name === 'COMMENTS1') {
      if (el.text) d.comments.push(el.text);
    } else if (d.alias && parent === `${d.kind}_ALIAS`) {
      if (el.text) d.alias[el.name] = el.text;
    } else if (d.document && parent === `${d.kind}_DOCUMENT`) {
      if (el.text) d.document[el.name] = el.text;
    } else if (el.name === `${d.kind}_ALIAS` && d.alias) {
      const text = d.alias.ALIAS_NAME;
      if (text) {
        const n: ListingName = { name: text };
        if (d.alias.QUALITY) n.quality = d.alias.QUALITY;
        bounded(d.aliases, n, SOURCE_LIMITS.names, 'names', ref);
      }
      d.alias = null;
    } else if (el.name === `${d.kind}_DOCUMENT` && d.document) {
      const doc = d.document;
      if (doc.NUMBER) {
        const id: ListingIdentifier = {
          type: doc.TYPE_OF_DOCUMENT ?? doc.TYPE_OF_DOCUMENT2 ?? 'document',
          number: doc.NUMBER,
        };
        if (doc.ISSUING_COUNTRY) id.country = doc.ISSUING_COUNTRY;
        if (doc.NOTE) id.note = doc.NOTE;
        bounded(d.identifiers, id, SOURCE_LIMITS.identifiers, 'identifiers', ref);
      }
      d.document = null;
    } else if (el.name === d.kind && (parent === 'INDIVIDUALS' || parent === 'ENTITIES')) {
      this.draft = null;
      this.finish(d);
    }
  }

  private finish(d: Draft): void {
    const f = d.fields;
    const reference = f.DATAID;
    if (!reference) throw new XmlProblem(`an ${d.kind} has no DATAID`, 'list_entity_invalid');
    const primary = [f.FIRST_NAME, f.SECOND_NAME, f.THIRD_NAME, f.FOURTH_NAME].filter(Boolean).join(' ');
    const names: ListingName[] = [];
    if (primary) {
      const n: ListingName = { name: primary };
      if (f.FIRST_NAME && d.kind === 'INDIVIDUAL') n.firstName = f.FIRST_NAME;
      names.push(n);
    }
    if (f.NAME_ORIGINAL_SCRIPT) names.push({ name: f.NAME_ORIGINAL_SCRIPT, quality: 'original script' });
    // "Low" quality aliases are kept and matched like the others: a hit only ever refers.
    names.push(...d.aliases);
    if (names.length > SOURCE_LIMITS.names) {
      throw new XmlProblem(
        `entity ${reference} has more than ${SOURCE_LIMITS.names} names`,
        'list_entity_too_large',
      );
    }
    const matched = matchNames(names);
    if (!matched) throw new XmlProblem(`entity ${reference} has no name`, 'list_entity_invalid');
    const listType = f.UN_LIST_TYPE ?? '';
    const regime = regimeOf(listType);
    const listing: Listing = {
      reference,
      ...(f.REFERENCE_NUMBER && { unReferenceNumber: f.REFERENCE_NUMBER }),
      subjectType: d.kind === 'INDIVIDUAL' ? 'person' : 'entity',
      names,
      identifiers: d.identifiers,
      programmes: listType ? [listType] : [],
      regulations: [
        { title: regime.title, programme: listType || null, type: null, publishedOn: null, url: null },
      ],
      listedOn: isoDay(f.LISTED_ON),
      ...(d.comments.length > 0 && { remark: d.comments.join('\n') }),
    };
    const number = f.REFERENCE_NUMBER ?? reference;
    this.sink({
      source: 'un',
      reference,
      subjectKind: d.kind === 'INDIVIDUAL' ? 'person' : 'organisation',
      name: matched.name,
      aliases: matched.aliases,
      category: categoryOf(regime.terrorism),
      reason: clip(
        `Förtecknad i FN:s säkerhetsråds konsoliderade sanktionsförteckning (${number})` +
          (listType ? `, regim ${listType}` : '') +
          (listing.listedOn ? `, förtecknad ${listing.listedOn}` : '') +
          `. ${regime.title}. Tillgångar ska frysas och inga medel får ställas till förfogande.`,
        WATCHLIST_LIMITS.reason,
      ),
      sourceText: `FN:s säkerhetsråds konsoliderade sanktionsförteckning (${number})`,
      listing,
    });
  }
}
