import { Writable } from 'node:stream';
import { adminTokenNotice, createLogger } from '../../src/logging/logger';

/** A stdout stand-in that keeps what is written; `isTTY` as a terminal or a pipe would say. */
function output(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  }) as Writable & { isTTY?: boolean };
  stream.isTTY = isTTY;
  return { stream, text: () => chunks.join('') };
}

const ANSI = /\u001b\[[0-9;]*m/;

describe('log format', () => {
  it('writes coloured, readable lines to a terminal', () => {
    const out = output(true);
    createLogger({ LOG_LEVEL: 'info', LOG_FORMAT: 'auto' }, out.stream).info({ port: 3000 }, 'listening');
    const text = out.text();
    expect(text).toMatch(ANSI);
    expect(text).toContain('listening');
    expect(text).toContain('port');
    expect(() => JSON.parse(text)).toThrow();
  });

  it('writes one JSON object a line when stdout is not a terminal', () => {
    const out = output(false);
    createLogger({ LOG_LEVEL: 'info', LOG_FORMAT: 'auto' }, out.stream).info({ port: 3000 }, 'listening');
    const line = JSON.parse(out.text().trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ msg: 'listening', port: 3000, level: 30 });
  });

  it('writes JSON to a terminal too with LOG_FORMAT=json, and never the Authorization header', () => {
    const out = output(true);
    createLogger({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' }, out.stream).info(
      { req: { headers: { authorization: 'Bearer fk_secret' } } },
      'request',
    );
    expect(out.text()).not.toMatch(ANSI);
    expect(JSON.parse(out.text().trim()).msg).toBe('request');
    expect(out.text()).not.toContain('fk_secret');
  });

  it('keeps the Authorization header out of pretty lines as well', () => {
    const out = output(true);
    createLogger({ LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' }, out.stream).info(
      { req: { headers: { authorization: 'Bearer fk_secret' } } },
      'request',
    );
    expect(out.text()).toContain('request');
    expect(out.text()).not.toContain('fk_secret');
  });
});

describe('the first start admin token', () => {
  it('stands on a line of its own inside a frame, highlighted on a terminal only', () => {
    const token = 'fk_' + 'A'.repeat(43);
    const plain = adminTokenNotice(token, false);
    expect(plain.split('\n')).toContain(`  ${token}`);
    expect(plain).toMatch(/^\n={72,}\n/);
    expect(plain).toContain('shown only this once');
    expect(plain).not.toMatch(ANSI);
    expect(adminTokenNotice(token, true)).toMatch(new RegExp(`${ANSI.source}${token}`));
  });
});
