import type { Response } from 'express';

/**
 * A stored letter (decision letter, kommuniceringsbrev) served exactly as the bytes kept when it was
 * written, with their SHA-256 so a reader can compare it with the audit log.
 */
export function sendStoredDocument(res: Response, html: string, sha256: string): void {
  const bytes = Buffer.from(html, 'utf8');
  res.status(200);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Length', String(bytes.length));
  res.setHeader('X-Document-SHA256', sha256);
  // The letter's styles are inline in its head; nothing in it runs script.
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
  res.end(bytes);
}
