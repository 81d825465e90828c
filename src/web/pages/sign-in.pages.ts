import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../deps';
import { bearerToken } from '../../http/auth';
import { findActiveUserByTokenHash, hasOidcIdentity } from '../../users/users.repository';
import { hashToken } from '../../users/tokens';
import { addressKey } from '../../http/rate-limit';
import { SignInThrottle } from '../web.sign-in-throttle';
import type { WebCookies } from '../web.cookies';
import { CSRF_FIELD, newFormToken, tokensMatch } from '../web.csrf';
import { emptyForm, formValues, withError } from '../web.forms';
import { FLASH_PARAM, FLASH_TEXT, type FlashKey } from '../web.flash.sv';
import { PAGE_TEXT } from '../web.page-texts.sv';
import { CSRF_REFUSED, TOO_MANY_SIGN_INS, type Renderer } from '../web.render';
import { endSession, startSession } from '../../auth/sessions/sessions';
import { oidcSettings } from '../../auth/oidc/oidc.settings';
import { OidcSignIn } from '../../auth/oidc/oidc.service';
import { OIDC_START, oidcRoutes, showSignedOutHere } from '../../auth/oidc/oidc.routes';

// Sign-in with the same bearer token the API takes, resolved by the same user lookup, and sign-out.
// These are the only pages open without a session.

const SIGN_IN = '/logga-in';
/** The flash that the sign-in page shows after this site's own sign-out. */
const SIGNED_OUT: FlashKey = 'utloggad';
const SIGN_IN_FORM_MS = 60 * 60_000;
const FORM_TOKEN = /^[\w-]{43}$/;

/** The longest address a sign-in returns to; a longer one is a probe, not a page (and it is stored). */
const MAX_NEXT = 512;

/** Only an address on this site, so the sign-in page cannot be used to send people elsewhere. */
function safeNext(next: unknown): string {
  return typeof next === 'string' &&
    next.length <= MAX_NEXT &&
    /^\/(?![/\\])/.test(next) &&
    !/[\s\\]/.test(next)
    ? next
    : '/';
}

/** The sign-in page, returning the person afterwards to `next` (the page they asked for). */
export function signInAddress(next?: string): string {
  return next && next !== '/' ? `${SIGN_IN}?nasta=${encodeURIComponent(next)}` : SIGN_IN;
}

export function signInRoutes(deps: AppDeps, renderer: Renderer, cookies: WebCookies): Router {
  const router = Router();
  // Sign-in through the municipality's identity provider, when one is configured (issue 16).
  const settings = oidcSettings(deps.config);
  const oidc = settings ? new OidcSignIn(settings, deps) : undefined;
  if (oidc) router.use(oidcRoutes(deps, oidc, renderer, cookies, safeNext));
  // Guessing tokens: failed lookups per client and, with a far higher ceiling, per address (see
  // web.sign-in-throttle.ts); a successful sign-in is never counted.
  const throttle = new SignInThrottle({
    perClient: deps.config.SIGN_IN_LIMIT_PER_MINUTE,
    perAddress: deps.config.SIGN_IN_ADDRESS_LIMIT_PER_MINUTE,
  });

  const showForm = (req: Request, res: Response, next: string, form = emptyForm(), status = 200) => {
    // A double-submit token for the form (there is no session to hold one yet). A form shown again
    // after a failed attempt keeps the browser's token: it is also what tells this client apart
    // from its colleagues for the throttle, and a new one per failure would reset its count.
    const current = cookies.read(req, 'signin');
    const token = current && FORM_TOKEN.test(current) ? current : newFormToken();
    cookies.set(req, res, 'signin', token, SIGN_IN_FORM_MS);
    renderer.page(req, res, {
      view: 'sign-in',
      title: 'Logga in',
      status,
      data: {
        signInToken: token,
        next,
        form,
        // The address registered at an identity provider for after its sign-out (see README): it
        // says the same as this site's own sign-out, from the same table.
        ...(req.query.utloggad === '1' ? { flash: FLASH_TEXT.utloggad } : {}),
        oidc: oidc && {
          label: `Logga in med ${oidc.settings.displayName}`,
          href: next === '/' ? OIDC_START : `${OIDC_START}?nasta=${encodeURIComponent(next)}`,
        },
      },
    });
  };

  router.get(SIGN_IN, (req, res) => {
    const next = safeNext(req.query.nasta);
    if (req.webSession) {
      res.redirect(303, next);
      return;
    }
    showForm(req, res, next);
  });

  router.post(SIGN_IN, async (req, res) => {
    const values = formValues(req.body);
    const next = safeNext(values.nasta);
    const formCookie = cookies.read(req, 'signin');
    if (!formCookie || !tokensMatch(formCookie, values[CSRF_FIELD])) {
      renderer.error(req, res, 403, CSRF_REFUSED);
      return;
    }
    // The form's cookie tells this browser from its colleagues behind the same address.
    const address = addressKey(req);
    const verdict = throttle.check(address, formCookie);
    if (!verdict.allowed) {
      res.set('Retry-After', String(verdict.retryAfter));
      renderer.error(req, res, 429, TOO_MANY_SIGN_INS);
      return;
    }
    // A pasted "Bearer …" header value is accepted too; the token itself is never shown again.
    const raw = (values.token ?? '').trim();
    const token = raw.includes(' ') ? bearerToken(raw) : raw;
    if (!token) {
      showForm(req, res, next, withError(emptyForm(), 'token', PAGE_TEXT.signInKeyMissing), 400);
      return;
    }
    const user = await findActiveUserByTokenHash(deps.db, hashToken(token));
    if (!user) {
      throttle.failed(address, formCookie);
      showForm(req, res, next, withError(emptyForm(), 'token', PAGE_TEXT.signInKeyRefused), 400);
      return;
    }
    // Never reuse a session across sign-ins (fixation): an earlier one is ended first.
    if (req.webSession) await endSession(deps, req.webSession);
    const id = await startSession(deps, { id: user.id, name: user.name, role: user.role });
    cookies.set(req, res, 'session', id);
    cookies.clear(req, res, 'signin');
    res.redirect(303, next);
  });

  router.post('/logga-ut', async (req, res) => {
    const session = req.webSession;
    if (!session) {
      res.redirect(303, SIGN_IN);
      return;
    }
    if (!tokensMatch(session.csrfToken, formValues(req.body)[CSRF_FIELD])) {
      renderer.error(req, res, 403, CSRF_REFUSED);
      return;
    }
    await endSession(deps, session);
    cookies.clear(req, res, 'session');
    req.webSession = undefined;
    // Signed in at the provider: end that session too, where the provider offers it.
    const atProvider =
      oidc && (await hasOidcIdentity(deps.db, session.user.id)) ? await oidc.endSessionUrl() : undefined;
    if (atProvider) {
      showSignedOutHere(req, res, renderer, atProvider, oidc!.settings.displayName);
      return;
    }
    res.redirect(303, `${SIGN_IN}?${FLASH_PARAM}=${SIGNED_OUT}`);
  });

  return router;
}
