import type { Response } from 'express';
import type { Db } from '../db/database';
import { canonicalJson, type ExportedEvent } from './audit.hash';
import { readHead } from './audit.repository';
import { allEvents } from './audit.events';

/**
 * One export line: the event's fields with `details` last, written as canonical JSON, so a verifier
 * may hash the text after `"details":` as it stands (see README). Any JSON parser reads it as usual.
 */
export function exportLine(e: ExportedEvent): string {
  const { details, ...rest } = e;
  if (e.erased) return JSON.stringify({ ...rest, details: null });
  return `${JSON.stringify(rest).slice(0, -1)},"details":${canonicalJson(details)}}`;
}

/**
 * Streams the log up to its head as NDJSON, one event per line in chain order, honouring
 * back-pressure. The API's export and the investigators' download page both write through here:
 * one format, one place. If a retention run committed while the export was under way and erased
 * events already written out, the export goes on to that run, so the file holds every run that
 * erased something in it and verifies on its own.
 */
export async function writeAuditExport(db: Db, res: Response): Promise<void> {
  res.status(200).type('application/x-ndjson');
  res.setHeader('Content-Disposition', 'attachment; filename="audit-export.ndjson"');
  let upTo = (await readHead(db)).seq;
  let written = 0;
  // Lines go out in chunks of about 256 kB: one write per line would cost a wait for the client per
  // line once its buffer is full.
  let chunk: string[] = [];
  let size = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    const ok = res.write(chunk.join(''));
    chunk = [];
    size = 0;
    if (!ok) await new Promise((resolve) => res.once('drain', resolve));
  };
  for (let before = -1; written < upTo && written > before;) {
    before = written;
    for await (const event of allEvents(db, written, upTo)) {
      if (event.erased && event.erased.byRun > upTo) upTo = event.erased.byRun;
      const line = `${exportLine(event)}\n`;
      chunk.push(line);
      size += line.length;
      if (size >= 256 * 1024) await flush();
      written = event.seq;
    }
  }
  await flush();
  res.end();
}
