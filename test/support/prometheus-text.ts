// A strict parser of the Prometheus text exposition format 0.0.4, written from the format's
// specification (not from prom-client's output): every line is a comment, a HELP or TYPE line, or a
// sample `name{label="value",…} value [timestamp]`; label values escape \\, \" and \n; a TYPE comes
// before its samples and once per family; histogram samples use _bucket/_sum/_count with an `le`
// label on buckets. Anything else throws, so output a real Prometheus server would reject fails here.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  help?: string;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

// Values as Prometheus reads them: Go's strconv.ParseFloat, which takes Inf and NaN in any case
// (prom-client writes an event-loop gauge with no samples yet as "Nan").
function parseValue(text: string, line: number): number {
  if (/^\+?inf(inity)?$/i.test(text)) return Infinity;
  if (/^-inf(inity)?$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text))
    throw new Error(`line ${line}: bad value "${text}"`);
  return Number(text);
}

function parseLabels(text: string, line: number): { labels: Record<string, string>; rest: string } {
  const labels: Record<string, string> = {};
  let i = 0;
  for (;;) {
    while (text[i] === ' ') i++;
    if (text[i] === '}') return { labels, rest: text.slice(i + 1) };
    const m = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(i));
    if (!m || !LABEL_NAME.test(m[0])) throw new Error(`line ${line}: bad label name`);
    const name = m[0];
    i += name.length;
    if (text[i] !== '=' || text[i + 1] !== '"') throw new Error(`line ${line}: expected ="`);
    i += 2;
    let value = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) throw new Error(`line ${line}: unterminated label value`);
      if (c === '"') break;
      if (c === '\\') {
        const e = text[i + 1];
        if (e === '\\') value += '\\';
        else if (e === '"') value += '"';
        else if (e === 'n') value += '\n';
        else throw new Error(`line ${line}: bad escape \\${e}`);
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    i++;
    if (name in labels) throw new Error(`line ${line}: label ${name} twice`);
    labels[name] = value;
    if (text[i] === ',') i++;
    else if (text[i] !== '}') throw new Error(`line ${line}: expected , or }`);
  }
}

function familyOf(sample: string, families: Map<string, Family>): Family | undefined {
  for (const suffix of ['', '_bucket', '_sum', '_count']) {
    if (!sample.endsWith(suffix)) continue;
    const f = families.get(sample.slice(0, sample.length - suffix.length));
    if (!f) continue;
    if (suffix === '' || f.type === 'histogram' || (f.type === 'summary' && suffix !== '_bucket')) return f;
  }
  return undefined;
}

export function parsePrometheusText(text: string): Map<string, Family> {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a line feed');
  const families = new Map<string, Family>();
  const seenSeries = new Set<string>();
  const typed = new Set<string>();
  text
    .slice(0, -1)
    .split('\n')
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim() === '') return;
      if (raw.startsWith('#')) {
        const m = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
        if (!m) return; // a plain comment
        const [, kind, name, rest] = m as unknown as [string, string, string, string];
        if (!NAME.test(name)) throw new Error(`line ${line}: bad metric name ${name}`);
        const f = families.get(name) ?? { name, type: 'untyped' as const, samples: [] };
        if (kind === 'TYPE') {
          if (!TYPES.has(rest)) throw new Error(`line ${line}: bad type ${rest}`);
          if (typed.has(name) || f.samples.length > 0)
            throw new Error(`line ${line}: TYPE for ${name} after its samples or twice`);
          typed.add(name);
          f.type = rest as Family['type'];
        } else {
          if (f.help !== undefined) throw new Error(`line ${line}: HELP for ${name} twice`);
          f.help = rest;
        }
        families.set(name, f);
        return;
      }
      const nm = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(raw);
      if (!nm) throw new Error(`line ${line}: no metric name`);
      const name = nm[0];
      let rest = raw.slice(name.length);
      let labels: Record<string, string> = {};
      if (rest.startsWith('{')) ({ labels, rest } = parseLabels(rest.slice(1), line));
      const parts = rest.trim().split(/\s+/);
      if (!rest.startsWith(' ') || parts.length < 1 || parts.length > 2)
        throw new Error(`line ${line}: expected " value [timestamp]"`);
      const value = parseValue(parts[0]!, line);
      if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1])) throw new Error(`line ${line}: bad timestamp`);
      const family = familyOf(name, families) ?? { name, type: 'untyped' as const, samples: [] };
      if (!families.has(family.name)) families.set(family.name, family);
      if (family.type === 'histogram' && name.endsWith('_bucket') && labels.le === undefined)
        throw new Error(`line ${line}: histogram bucket without le`);
      const series = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
      if (seenSeries.has(series)) throw new Error(`line ${line}: series ${series} twice`);
      seenSeries.add(series);
      family.samples.push({ name, labels, value });
    });
  return families;
}

/** The value of one series, or undefined when it is absent. */
export function sampleValue(
  families: Map<string, Family>,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const f of families.values()) {
    for (const s of f.samples) {
      if (s.name !== name) continue;
      const keys = Object.keys(labels);
      if (keys.every((k) => s.labels[k] === labels[k])) return s.value;
    }
  }
  return undefined;
}
