import type { Response } from 'express';
import { ConflictError } from '../http/errors';
import type { DecisionRow } from './decisions.table';

/**
 * Writes a decision's stored letter: exactly the bytes stored when it became final, never a new
 * rendering. The API's document route and the letter page both answer through here, so the two can
 * never serve different bytes or headers.
 */
export function sendLetter(res: Response, d: DecisionRow): void {
  if (d.document_html === null) {
    throw new ConflictError('The letter is written when the decision becomes final');
  }
  const bytes = Buffer.from(d.document_html, 'utf8');
  res.status(200);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Length', String(bytes.length));
  res.setHeader('X-Document-SHA256', d.document_sha256!);
  // The letter's own styles are inline in its head; nothing in it runs script.
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
  res.end(bytes);
}
