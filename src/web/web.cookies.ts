import type { CookieOptions, Request, Response } from 'express';
import type { Config } from '../config';

// The two cookies of the web pages: the session, and the short-lived sign-in form token. When Secure
// they also carry the __Host- prefix, so no sibling subdomain of the municipality can set or overwrite
// them. COOKIE_SECURE=auto makes them Secure behind TLS (req.secure, which behind a reverse proxy needs
// TRUST_PROXY=true); always makes them Secure whatever the request looks like, for a proxy that ends
// TLS without the service trusting its headers. auto is the default because a browser may refuse a
// Secure cookie from a plain-HTTP site, which would break sign-in on http://localhost.

export type CookieKind = 'session' | 'signin';
const BASE: Record<CookieKind, string> = { session: 'fk_session', signin: 'fk_signin' };

/** The cookies a request carries (no dependency on cookie-parser for two values). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * httpOnly: no script may read it. SameSite=Strict: the browser sends it only on requests started from
 * this service's own pages. Pages here have side effects even on GET (every watchlist read is an audit
 * event), so a link on another site must not arrive signed in; the cost is that such a link lands on
 * the sign-in page, which then returns the person to where the link pointed. No Max-Age: the cookie
 * goes when the browser closes; the server enforces its own expiry either way.
 */
export class WebCookies {
  constructor(private readonly mode: Config['COOKIE_SECURE']) {}

  private secure(req: Request): boolean {
    return this.mode === 'always' || req.secure;
  }

  name(kind: CookieKind, req: Request): string {
    return this.secure(req) ? `__Host-${BASE[kind]}` : BASE[kind];
  }

  read(req: Request, kind: CookieKind): string | undefined {
    return readCookie(req, this.name(kind, req));
  }

  options(req: Request, maxAgeMs?: number): CookieOptions {
    return {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.secure(req),
      path: '/',
      ...(maxAgeMs !== undefined ? { maxAge: maxAgeMs } : {}),
    };
  }

  set(req: Request, res: Response, kind: CookieKind, value: string, maxAgeMs?: number): void {
    res.cookie(this.name(kind, req), value, this.options(req, maxAgeMs));
  }

  clear(req: Request, res: Response, kind: CookieKind): void {
    res.clearCookie(this.name(kind, req), this.options(req));
  }
}
