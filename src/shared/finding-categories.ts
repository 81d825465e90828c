// Categories of documented conduct (DOMAIN.md). The criteria concern acts, not views: there is
// deliberately no category for opinions, and none may be added.
export const FINDING_CATEGORIES = [
  'violence_coercion_threats',
  'rights_violation',
  'discrimination',
  'gender_equality_violation',
  'promotes_violations',
  'counteracts_democracy',
  'supports_violent_extremism',
] as const;

export type FindingCategory = (typeof FINDING_CATEGORIES)[number];
