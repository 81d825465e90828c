import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { LetterModel } from './letter.model';
import { letterView } from './letter.view';

export type LetterTemplate = 'decision-letter' | 'withdrawal-letter';

export interface LetterRenderer {
  /** The letter's bytes (UTF-8 HTML) and their SHA-256 (hex), stored together when a decision is final. */
  render(model: LetterModel): { html: string; sha256: string };
}

/** Decisions on applications share one template; support decisions (withdrawal, restoration) another. */
export const templateFor = (model: Pick<LetterModel, 'kind'>): LetterTemplate =>
  model.kind === 'application' ? 'decision-letter' : 'withdrawal-letter';

/**
 * Compiles the letter templates once. The wording lives in templates/letters (handlebars, Swedish)
 * so it can be changed without code; escaping is on, so a name with <script> prints as text.
 */
export function loadLetterRenderer(dir: string): LetterRenderer {
  const hb = Handlebars.create();
  const partials = path.join(dir, 'partials');
  for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs'))) {
    hb.registerPartial(file.replace(/\.hbs$/, ''), readFileSync(path.join(partials, file), 'utf8'));
  }
  const compile = (name: LetterTemplate) =>
    hb.compile(readFileSync(path.join(dir, `${name}.hbs`), 'utf8'), { strict: true, noEscape: false });
  const templates = {
    'decision-letter': compile('decision-letter'),
    'withdrawal-letter': compile('withdrawal-letter'),
  };
  return {
    render(model) {
      const html = templates[templateFor(model)](letterView(model));
      return { html, sha256: createHash('sha256').update(html, 'utf8').digest('hex') };
    },
  };
}
