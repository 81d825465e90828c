import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { LetterModel } from './letter.model';

export type LetterTemplate = 'decision-letter' | 'withdrawal-letter';

export interface LetterRenderer {
  render(template: LetterTemplate, model: LetterModel): { html: string; sha256: string };
}

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
    render(template, model) {
      const html = templates[template](model);
      return { html, sha256: createHash('sha256').update(html, 'utf8').digest('hex') };
    },
  };
}
