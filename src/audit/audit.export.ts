import type { Response } from 'express';
import type { Db } from '../db/database';
import { allEvents } from './audit.service';

/**
 * Streams the whole log as NDJSON, one event per line in chain order, honouring back-pressure. The
 * API's export and the investigators' download page both write through here: one format, one place.
 */
export async function writeAuditExport(db: Db, res: Response): Promise<void> {
  res.status(200).type('application/x-ndjson');
  res.setHeader('Content-Disposition', 'attachment; filename="audit-export.ndjson"');
  for await (const event of allEvents(db)) {
    if (!res.write(`${JSON.stringify(event)}\n`)) {
      await new Promise((resolve) => res.once('drain', resolve));
    }
  }
  res.end();
}
