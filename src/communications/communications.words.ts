import type { FindingCategory } from '../shared/finding-categories';

// What each kind of documented conduct is called in a letter to the association: the criteria's own
// words (DOMAIN.md), as a heading over what happened. Acts only; there is no word for an opinion.
export const FINDING_CATEGORY_LABELS_SV: Record<FindingCategory, string> = {
  violence_coercion_threats: 'Våld, tvång eller hot',
  rights_violation: 'Kränkning av någons grundläggande fri- och rättigheter',
  discrimination: 'Diskriminering eller annat brott mot principen om alla människors lika värde',
  gender_equality_violation: 'Agerande mot jämställdhet mellan kvinnor och män',
  promotes_violations: 'Att försvara, främja eller uppmana till våld, hot, kränkningar eller diskriminering',
  counteracts_democracy: 'Agerande mot det demokratiska styrelseskicket',
  supports_violent_extremism: 'Att uppmuntra eller möjliggöra våldsbejakande extremism',
};
