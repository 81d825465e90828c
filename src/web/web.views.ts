import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { label, type LabelKind, ruleVerdict } from './web.labels.sv';
import { formatInstant } from './web.time';
import type { FormState } from './web.forms';

// Handlebars templates of the pages (templates/pages) and their pieces (templates/partials), compiled
// once at start-up. Every page wraps itself in the `layout` partial block. Output is escaped: no
// template uses triple braces, so a name like "<script>" is shown as text.

type Helper = Handlebars.HelperDelegate;
interface HelperOptions {
  data: { root: { form?: FormState } };
}

const nf = new Intl.NumberFormat('sv-SE');

/** The trailing `options` argument handlebars passes to every helper. */
const opts = (args: unknown[]) => args[args.length - 1] as HelperOptions;
const formOf = (args: unknown[]) => opts(args).data.root.form;

const helpers: Record<string, Helper> = {
  sv: (kind: LabelKind, code: unknown) => label(kind, code),
  /** A rule's result in words that fit its criterion: {{verdict status outcome code}}. */
  verdict: (status: unknown, outcome: unknown, code: unknown) => ruleVerdict(status, outcome, code),
  eq: (a: unknown, b: unknown) => a === b,
  not: (a: unknown) => !a,
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
  instant: (iso: unknown) => formatInstant(iso),
  percent: (n: unknown) => (typeof n === 'number' ? `${Math.round(n * 100)} %` : ''),
  number: (n: unknown) => (typeof n === 'number' ? nf.format(n) : ''),
  sek: (n: unknown) => (typeof n === 'number' ? `${nf.format(n)} kr` : ''),
  json: (v: unknown) => JSON.stringify(v, null, 2),
  inc: (n: unknown) => Number(n) + 1,
  /** Joins its arguments into one string, for field names built in a loop. */
  concat: (...args: unknown[]) => args.slice(0, -1).join(''),
  fieldValue: (name: string, ...rest: unknown[]) => formOf(rest)?.values[name] ?? '',
  fieldError: (name: string, ...rest: unknown[]) => formOf(rest)?.errors[name] ?? '',
  isChecked: (name: string, ...rest: unknown[]) => {
    const v = formOf(rest)?.values[name];
    return v !== undefined && v !== '';
  },
  isValue: (name: string, value: string, ...rest: unknown[]) => formOf(rest)?.values[name] === value,
  /** ids of a field's hint and error, for aria-describedby; empty when it has neither. */
  describedBy: (name: string, hint: unknown, ...rest: unknown[]) =>
    [hint ? `f-${name}-hint` : '', formOf(rest)?.errors[name] ? `f-${name}-fel` : '']
      .filter(Boolean)
      .join(' '),
};

export class Views {
  private readonly hb = Handlebars.create();
  private readonly pages = new Map<string, Handlebars.TemplateDelegate>();

  constructor(
    templatesDir: string,
    /** Values every page can use (e.g. the stylesheet's versioned address). */
    private readonly globals: Record<string, unknown>,
  ) {
    for (const [name, fn] of Object.entries(helpers)) this.hb.registerHelper(name, fn);
    for (const [name, text] of readDir(path.join(templatesDir, 'partials'))) {
      this.hb.registerPartial(name, text);
    }
    for (const [name, text] of readDir(path.join(templatesDir, 'pages'))) {
      this.pages.set(name, this.hb.compile(text, { strict: false, preventIndent: true }));
    }
  }

  has(view: string): boolean {
    return this.pages.has(view);
  }

  render(view: string, data: Record<string, unknown>): string {
    const page = this.pages.get(view);
    if (!page) throw new Error(`no page template "${view}"`);
    return page({ ...this.globals, ...data });
  }
}

function readDir(dir: string): [string, string][] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.hbs'))
    .map((f) => [f.slice(0, -4), readFileSync(path.join(dir, f), 'utf8')]);
}
