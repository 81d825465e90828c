import { sendStoredDocument } from '../http/stored-document';
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
    throw new ConflictError('The letter is written when the decision becomes final', {
      code: 'letter_not_final',
    });
  }
  sendStoredDocument(res, d.document_html, d.document_sha256!);
}
