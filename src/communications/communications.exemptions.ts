// When an adverse decision may be made without kommunicering: förvaltningslagen (2017:900) 25 §.
// The first paragraph makes kommunicering the rule "om det inte är uppenbart obehövligt"; the second
// lets the authority refrain when a decision cannot wait or would otherwise be much harder to carry
// out. Secrecy is deliberately NOT an exception: 10 kap. 3 § offentlighets- och sekretesslagen
// (2009:400) limits what the party is shown, but the party must still be told what the material
// contains as far as needed to answer, so the kommuniceringsbrev describes secret findings without
// their source instead. A decision that goes the association's way (an approval, a restoration) is
// not adverse and needs no exception, so it is not on this list; nor is the law's exception for cases
// about employment, which this service never handles.
//
// The wording below follows the law's text as closely as we know it; the paragraph references are for
// the municipality's lawyer to check against the current SFS text before the list is relied on.

export const EXEMPTION_GROUNDS = [
  {
    code: 'cannot_be_postponed',
    sv: 'Ett avgörande av ärendet kan inte skjutas upp.',
    citation: '25 § andra stycket 1 förvaltningslagen (2017:900)',
  },
  {
    code: 'harder_to_carry_out',
    sv: 'Det kan befaras att det annars skulle bli avsevärt svårare att genomföra beslutet.',
    citation: '25 § andra stycket 2 förvaltningslagen (2017:900)',
  },
  {
    code: 'obviously_unnecessary',
    sv: 'Kommunicering är uppenbart obehövlig.',
    citation: '25 § första stycket förvaltningslagen (2017:900)',
  },
] as const;

export type ExemptionGround = (typeof EXEMPTION_GROUNDS)[number]['code'];
export const EXEMPTION_CODES = EXEMPTION_GROUNDS.map((g) => g.code) as [
  ExemptionGround,
  ...ExemptionGround[],
];

/** A stated exception to kommunicering, stored on the decision. */
export interface CommunicationExemption {
  ground: ExemptionGround;
  justification: string;
}

export function exemptionGround(code: ExemptionGround) {
  return EXEMPTION_GROUNDS.find((g) => g.code === code)!;
}
