import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { TimeSlicer } from '../watchlist.slices';

// Reads a sanctions list file as it arrives, element by element, with saxes: the EU file is tens of
// megabytes and is never held whole, as a string or as a tree. Everything is bounded: the bytes of
// the file, the characters of every text and attribute, the depth of nesting. A DTD is refused
// outright (no internal or external entities, so no entity expansion and no fetching of anything);
// saxes knows only XML's five predefined entities and character references and reports any other
// reference as an error. The parse yields to the event loop between slices, so other requests are
// answered while a large file is read.

export const XML_LIMITS = {
  /** The whole file. The EU file is about 25 MB today. */
  fileBytes: 128 * 1024 * 1024,
  /** Characters of one text node or one attribute value (remarks are the longest). */
  fieldChars: 10_000,
  /** Nesting depth; both schemas nest five or six levels. */
  depth: 32,
} as const;

/** Characters given to saxes at a time: a few milliseconds of parsing. */
const FEED_CHARS = 16 * 1024;

/** Why a file was refused: what a coordinator can act on (a position in the file, never internals). */
export class XmlProblem extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** An element as the handler sees it when it closes: its attributes and its own text. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
}

export interface XmlHandler {
  /** An element opened; `parents` are the names of the elements around it, outermost first. */
  open(name: string, attributes: Record<string, string>, parents: readonly string[]): void;
  /** An element closed, with its own text (trimmed). */
  close(element: XmlElement, parents: readonly string[]): void;
}

export interface XmlFile {
  sha256: string;
  bytes: number;
  /** The root element's name and attributes. */
  root: { name: string; attributes: Record<string, string> };
}

/** The local part of a possibly prefixed name (the EU file may be written with a prefix). */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * Streams `chunks` (bytes) through saxes into `handler`. Throws XmlProblem for a file that is not
 * well-formed, too large, nested too deep, has an overlong field or carries a DTD.
 */
export async function readXml(
  chunks: AsyncIterable<Buffer | string>,
  handler: XmlHandler,
  limits: { fileBytes: number; fieldChars: number; depth: number } = XML_LIMITS,
): Promise<XmlFile> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const hash = createHash('sha256');
  const decoder = new StringDecoder('utf8');
  const slicer = new TimeSlicer();
  const stack: XmlElement[] = [];
  const names: string[] = [];
  let root: XmlFile['root'] | null = null;
  let problem: XmlProblem | null = null;
  let bytes = 0;

  const fail = (message: string, code: string) => {
    problem ??= new XmlProblem(`line ${parser.line}: ${message}`, code);
  };
  parser.on('error', (err) => {
    // saxes prefixes its messages with line:column; they describe the file, not the service.
    problem ??= new XmlProblem(err.message, 'xml_malformed');
  });
  parser.on('xmldecl', (decl) => {
    if (decl.encoding && !/^utf-?8$/i.test(decl.encoding)) {
      fail(`the file must be UTF-8, it declares ${decl.encoding}`, 'xml_encoding');
    }
  });
  parser.on('doctype', () => fail('a DTD (<!DOCTYPE …>) is not accepted', 'xml_dtd_refused'));
  parser.on('opentag', (tag) => {
    if (problem) return;
    const attributes = tag.attributes as Record<string, string>;
    for (const [key, value] of Object.entries(attributes)) {
      if (value.length > limits.fieldChars) {
        fail(
          `attribute ${key} of <${tag.name}> is longer than ${limits.fieldChars} characters`,
          'xml_field_too_long',
        );
        return;
      }
    }
    if (stack.length >= limits.depth) {
      fail(`elements are nested deeper than ${limits.depth} levels`, 'xml_too_deep');
      return;
    }
    const name = localName(tag.name);
    // Neither schema mixes text with child elements: what stood before a child (indentation) is
    // dropped, so only a leaf's own text is kept and counted.
    const parent = stack[stack.length - 1];
    if (parent) parent.text = '';
    if (stack.length === 0) root = { name, attributes };
    handler.open(name, attributes, names);
    stack.push({ name, attributes, text: '' });
    names.push(name);
  });
  const onText = (text: string) => {
    if (problem) return;
    const top = stack[stack.length - 1];
    if (!top) return;
    if (top.text.length + text.length > limits.fieldChars) {
      fail(`the text of <${top.name}> is longer than ${limits.fieldChars} characters`, 'xml_field_too_long');
      return;
    }
    top.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    if (problem) return;
    const element = stack.pop();
    names.pop();
    if (element) handler.close({ ...element, text: element.text.trim() }, names);
  });

  const feed = (text: string) => {
    if (problem || text === '') return;
    try {
      parser.write(text);
    } catch (err) {
      // A handler's own refusal (a schema bound) arrives here as itself.
      if (err instanceof XmlProblem) problem ??= err;
      else
        problem ??= new XmlProblem(
          err instanceof Error ? err.message : 'the file could not be read',
          'xml_malformed',
        );
    }
  };

  for await (const chunk of chunks) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += buffer.length;
    if (bytes > limits.fileBytes) {
      throw new XmlProblem(`the file is larger than ${limits.fileBytes} bytes`, 'xml_too_large');
    }
    hash.update(buffer);
    // Large chunks are fed a slice at a time, so no single turn of the event loop parses for long.
    const text = decoder.write(buffer);
    for (let i = 0; i < text.length && !problem; i += FEED_CHARS) {
      feed(text.slice(i, i + FEED_CHARS));
      if (slicer.due) await slicer.yield();
    }
    if (problem) throw problem;
  }
  feed(decoder.end());
  if (!problem) {
    try {
      parser.close();
    } catch (err) {
      if (err instanceof XmlProblem) problem ??= err;
      else
        problem ??= new XmlProblem(
          err instanceof Error ? err.message : 'the file ended early',
          'xml_malformed',
        );
    }
  }
  if (problem) throw problem;
  if (!root) throw new XmlProblem('the file is empty', 'xml_malformed');
  return { sha256: hash.digest('hex'), bytes, root };
}
