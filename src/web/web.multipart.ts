import type { Request } from 'express';
import busboy from 'busboy';

// multipart/form-data for the one page that takes a file (the watchlist CSV import). busboy streams
// and enforces limits; writing a multipart parser by hand is how upload bugs are made.

export interface Upload {
  filename: string;
  text: string;
}

export class UploadTooLargeError extends Error {}
/** Not multipart/form-data, or broken: the page's form did not send it. */
export class MalformedUploadError extends Error {}

/** Reads the form's text fields and at most one file (as UTF-8 text), refusing more than `maxBytes`. */
export function readMultipart(
  req: Request,
  maxBytes: number,
): Promise<{ fields: Record<string, string>; upload?: Upload }> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: maxBytes },
        defParamCharset: 'utf8',
      });
    } catch {
      reject(new MalformedUploadError());
      return;
    }
    // No prototype: a field named "constructor" or "__proto__" is just a field.
    const fields: Record<string, string> = Object.create(null) as Record<string, string>;
    let upload: Upload | undefined;
    let tooLarge = false;
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) tooLarge = true;
      if (!Object.hasOwn(fields, name)) fields[name] = value;
    });
    bb.on('file', (_name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        tooLarge = true;
      });
      stream.on('close', () => {
        // A browser sends an empty part when no file was chosen.
        if (info.filename && !tooLarge) {
          upload = { filename: info.filename, text: Buffer.concat(chunks).toString('utf8') };
        }
      });
    });
    bb.on('error', () => reject(new MalformedUploadError()));
    bb.on('close', () => {
      if (tooLarge) reject(new UploadTooLargeError());
      else resolve({ fields, ...(upload ? { upload } : {}) });
    });
    req.pipe(bb);
  });
}
