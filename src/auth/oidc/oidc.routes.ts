import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../deps';
import type { WebCookies } from '../../web/web.cookies';
import { TOO_MANY_SIGN_INS, type Renderer } from '../../web/web.render';
import { addressKey, perMinuteLimit } from '../../http/rate-limit';
import { endSession, startSession } from '../sessions/sessions';
import type { OidcSignIn } from './oidc.service';

export const OIDC_START = '/logga-in/oidc';
const STATE_MS = 10 * 60_000;

// The state cookie binds the provider's callback to the browser that started the sign-in. SameSite
// Lax, unlike the service's other cookies: the callback is a navigation from the provider's site,
// and a Strict cookie would not come with it.
function stateCookie(req: Request, cookies: WebCookies) {
  const options = cookies.options(req, STATE_MS);
  return {
    name: options.secure ? '__Host-fk_oidc' : 'fk_oidc',
    options: { ...options, sameSite: 'lax' as const },
  };
}

function readState(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const REFUSALS = {
  no_role: {
    status: 403,
    title: 'Du har inte tillgång till tjänsten',
    text: 'Du är inloggad hos kommunen, men ditt konto ingår inte i någon grupp som ger tillgång till Föreningskontroll. Inget konto har skapats. Kontakta systemförvaltaren om du behöver tillgång.',
  },
  deactivated: {
    status: 403,
    title: 'Ditt konto är spärrat',
    text: 'Ditt konto i Föreningskontroll är spärrat. Kontakta systemförvaltaren om du behöver tillgång igen.',
  },
  failed: {
    status: 400,
    title: 'Inloggningen kunde inte slutföras',
    text: 'Inloggningen avbröts eller tog för lång tid, eller så öppnades länken i en annan webbläsare. Försök igen.',
  },
} as const;

/** Starting a sign-in at the provider, and its callback. Mounted only when a provider is configured. */
export function oidcRoutes(
  deps: AppDeps,
  oidc: OidcSignIn,
  renderer: Renderer,
  cookies: WebCookies,
  safeNext: (next: unknown) => string,
): Router {
  const router = Router();

  // Every start stores a state for ten minutes, before anyone has signed in: bounded per address (the
  // same ceiling as failed token sign-ins, high enough for a municipality's shared NAT address).
  const starts = perMinuteLimit({
    perMinute: deps.config.SIGN_IN_ADDRESS_LIMIT_PER_MINUTE,
    name: 'oidc-start',
    key: addressKey,
    refuse: (req, res) => renderer.error(req, res, 429, TOO_MANY_SIGN_INS),
  });

  router.get(OIDC_START, starts, async (req, res) => {
    const { url, state } = await oidc.begin(safeNext(req.query.nasta));
    const cookie = stateCookie(req, cookies);
    res.cookie(cookie.name, state, cookie.options);
    res.redirect(303, url.href);
  });

  router.get(oidc.settings.redirectUrl.pathname, async (req: Request, res: Response) => {
    const cookie = stateCookie(req, cookies);
    const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const outcome = await oidc.finish(search.slice(0, 4000), readState(req, cookie.name));
    res.clearCookie(cookie.name, cookie.options);
    if (outcome.kind !== 'signed_in') {
      const refusal = REFUSALS[outcome.kind];
      renderer.page(req, res, {
        view: 'error',
        title: refusal.title,
        status: refusal.status,
        data: { status: refusal.status, text: refusal.text, details: [] },
      });
      return;
    }
    // Never reuse a session across sign-ins (fixation): an earlier one is ended first.
    if (req.webSession) await endSession(deps, req.webSession);
    const id = await startSession(deps, outcome.user);
    cookies.set(req, res, 'session', id);
    // A page, not a redirect: this request came from the provider's site, and a browser does not
    // send the Strict session cookie on a redirect chain that started elsewhere. The refresh (and the
    // link, for a browser that ignores it) is a navigation from this site, which carries it.
    res.setHeader('Refresh', `0; url=${outcome.next}`);
    renderer.page(req, res, {
      view: 'oidc-signed-in',
      title: 'Du är inloggad',
      data: { next: outcome.next, name: outcome.user.name },
    });
  });

  return router;
}

/**
 * Signed out here; on to the provider's end-session endpoint. A page rather than a redirect: the
 * sign-out is a form post, and the Content-Security-Policy's form-action 'self' stops a browser from
 * following a form's redirect to another site. The refresh (and the link) is a plain navigation.
 */
export function showSignedOutHere(
  req: Request,
  res: Response,
  renderer: Renderer,
  endSession: URL,
  providerName: string,
): void {
  res.setHeader('Refresh', `0; url=${endSession.href}`);
  renderer.page(req, res, {
    view: 'oidc-signed-out',
    title: 'Du är utloggad',
    data: { endSession: endSession.href, providerName },
  });
}
