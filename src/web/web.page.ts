import type { Request, Response } from 'express';
import type { AuthUser } from '../http/auth';
import type { ValidationError } from '../http/errors';
import type { ApiKey, ApiResult, InProcessApi } from './web.api';
import type { FormValues } from './web.forms';
import type { WebSession } from '../auth/sessions/sessions';
import type { Upload } from './web.multipart';

// A page is declared like an API route: method, path, the API operations it performs (its roles are
// theirs), an optional place in the navigation, and a handler that returns a view or a redirect.

export interface PageContext {
  req: Request;
  res: Response;
  user: AuthUser;
  session: WebSession;
  params: Record<string, string>;
  /** Query string, first value of each name. */
  query: Record<string, string>;
  /** A posted form's fields. */
  form: FormValues;
  /** A posted file (multipart pages only). */
  upload?: Upload | undefined;
  /** Whether this person's role may perform an API operation (to show or hide a form or link). */
  can(key: ApiKey): boolean;
  /** Performs an API operation in process, as this person; the answer is typed by the route's schema. */
  call<K extends ApiKey>(key: K, args?: ApiArgs): Promise<ApiResult<K>>;
  /** The API's validation of an operation without performing it: its ValidationError, or undefined. */
  problems(key: ApiKey, args?: ApiArgs): ValidationError | undefined;
}

export interface ApiArgs {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
}

export interface ViewResult {
  view: string;
  title: string;
  data?: Record<string, unknown>;
  status?: number;
}

/**
 * `sent`: the handler wrote the response itself (a stored letter, a download), which a view cannot
 * do byte for byte. Such a page still takes its roles from `uses`, and checks its input with
 * ctx.problems against the same API operation before it reads anything.
 */
export type PageResult = ViewResult | { redirect: string } | { sent: true };

export interface PageDef {
  method: 'get' | 'post';
  path: string;
  /** The API operations the page performs; its roles are those allowed all of them. */
  uses: readonly ApiKey[];
  nav?: { label: string; order: number; description: string };
  /** multipart/form-data (a file upload) instead of a urlencoded form. */
  multipart?: boolean;
  handler(ctx: PageContext): Promise<PageResult>;
}

export const definePage = (def: PageDef): PageDef => def;

export const view = (
  v: string,
  title: string,
  data: Record<string, unknown> = {},
  status?: number,
): ViewResult => ({ view: v, title, data, ...(status ? { status } : {}) });

export const redirect = (to: string): PageResult => ({ redirect: to });

export const sent = (): PageResult => ({ sent: true });

export interface NavItem {
  href: string;
  label: string;
  description: string;
  current: boolean;
}

/** The pages of the navigation this person may use, in order, the one being shown marked. */
export function navFor(
  pages: readonly PageDef[],
  api: InProcessApi,
  user: AuthUser,
  path: string,
): NavItem[] {
  const items = pages
    .filter((p) => p.method === 'get' && p.nav && allowed(api, p, user))
    .sort((a, b) => a.nav!.order - b.nav!.order)
    .map((p) => ({ href: p.path, label: p.nav!.label, description: p.nav!.description, current: false }));
  // The longest address the current one starts with is the section being shown.
  const current = items
    .filter((i) => path === i.href || path.startsWith(`${i.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0];
  if (current) current.current = true;
  return items;
}

export function allowed(api: InProcessApi, page: PageDef, user: AuthUser): boolean {
  const roles = api.rolesFor(page.uses);
  return roles === 'signed_in' || roles.includes(user.role);
}

/** Messages shown once after a redirect; the query names one, so no user text travels in a URL. */
export const FLASH: Record<string, string> = {
  'forening-registrerad': 'Föreningen är registrerad.',
  'ansokan-mottagen': 'Ansökan är registrerad som mottagen.',
  'uppgift-registrerad': 'Uppgiften är registrerad på ansökan.',
  granskad: 'Ansökan är granskad. Rekommendationen och skälen visas nedan.',
  'post-tillagd': 'Posten är tillagd i bevakningslistan.',
  'post-avregistrerad': 'Posten är avregistrerad. Den finns kvar men ger inte längre träffar.',
  'beslut-vantar':
    'Beslutsförslaget är registrerat. Det får verkan först när den som har delegation (eller nämnden) har beslutat.',
  'beslut-slutligt': 'Beslutet är fattat. Beslutsbrevet är skrivet och sparat.',
  'beslut-godkant': 'Du har fattat beslutet. Beslutsbrevet är skrivet och sparat.',
  'namndbeslut-registrerat':
    'Nämndens beslut är registrerat med sammanträdesdatum och paragraf. Beslutsbrevet är skrivet och sparat.',
  'beslut-aterlamnat': 'Beslutsförslaget är återlämnat med ditt skäl. Det får ingen verkan.',
  'stodbeslut-vantar':
    'Beslutsförslaget är registrerat. Det får verkan först när den som har delegation (eller nämnden) har beslutat.',
  'paminnelse-utford': 'Påminnelsen är markerad som utförd.',
  'hanvisning-avslutad': 'Beskedet är lämnat. Bokningspersonalen ser det under sina kontroller.',
  'kommunicering-sparad':
    'Kommuniceringsbrevet är skrivet och sparat. Skicka det till föreningen; när svaret kommer registrerar du det här.',
  'svar-registrerat': 'Föreningens svar är registrerat.',
  'inget-svar-registrerat': 'Det är registrerat att inget svar kom före sista svarsdag.',
  'handlaggare-bytt': 'Ärendet har fått en ny handläggare.',
  'anvandare-sparrad': 'Användaren är spärrad. Sessioner och nyckel slutade gälla direkt.',
  'anvandare-aktiverad': 'Användaren är aktiv igen och kan logga in med sin nyckel.',
  'roll-andrad': 'Rollen är ändrad. Den gäller från användarens nästa begäran.',
};
