// Rule-set parameters (e.g. findingMaxAgeYears) live in the rule file beside the rules, so a
// replay under a version uses that version's numbers. Rules refer to them in two ways:
//   in condition values: {"param": "findingMaxAgeYears"} is replaced by the value;
//   in texts people read: "{findingMaxAgeYears}" is replaced by the value.

export type ParameterValue = string | number | boolean;
export type Parameters = Record<string, ParameterValue>;

export function isParamRef(value: unknown): value is { param: string } {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof (value as { param?: unknown }).param === 'string'
  );
}

/**
 * A deep copy of `value` with every {"param": name} replaced. `onMissing` receives the path of a
 * reference to an unknown parameter (which is then left as written).
 */
export function substituteParams(
  value: unknown,
  params: Parameters,
  onMissing: (path: (string | number)[], name: string) => void = () => {},
  path: (string | number)[] = [],
): unknown {
  if (isParamRef(value)) {
    if (Object.prototype.hasOwnProperty.call(params, value.param)) return params[value.param];
    onMissing(path, value.param);
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => substituteParams(v, params, onMissing, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substituteParams(v, params, onMissing, [...path, k])]),
    );
  }
  return value;
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

export function interpolate(text: string, params: Parameters): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
