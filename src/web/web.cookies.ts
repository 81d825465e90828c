import type { CookieOptions, Request, Response } from 'express';

// The two cookies of the web pages: the session, and the short-lived sign-in form token. Behind TLS
// (req.secure, which needs TRUST_PROXY=true behind a reverse proxy) they are Secure and carry the
// __Host- prefix, so no sibling subdomain of the municipality can set or overwrite them.

export type CookieKind = 'session' | 'signin';
const BASE: Record<CookieKind, string> = { session: 'fk_session', signin: 'fk_signin' };

export function cookieName(kind: CookieKind, req: Request): string {
  return req.secure ? `__Host-${BASE[kind]}` : BASE[kind];
}

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
export function cookieOptions(req: Request, maxAgeMs?: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    ...(maxAgeMs !== undefined ? { maxAge: maxAgeMs } : {}),
  };
}

export function setCookie(req: Request, res: Response, kind: CookieKind, value: string, maxAgeMs?: number) {
  res.cookie(cookieName(kind, req), value, cookieOptions(req, maxAgeMs));
}

export function clearCookie(req: Request, res: Response, kind: CookieKind) {
  res.clearCookie(cookieName(kind, req), cookieOptions(req));
}
