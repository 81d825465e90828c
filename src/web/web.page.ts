import type { Request, Response } from 'express';
import type { AuthUser } from '../http/auth';
import type { ValidationError } from '../http/errors';
import type { ApiKey, ApiResult, InProcessApi } from './web.api';
import type { FormValues } from './web.forms';
import type { WebSession } from '../auth/sessions/sessions';
import type { Upload } from './web.multipart';
import { FLASH_PARAM, type FlashKey } from './web.flash.sv';

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

/**
 * A redirect (303) after a form post; with `flash`, the page it leads to says once what was done. The
 * address carries the message's key, never its text (web.flash.sv.ts), before any #fragment.
 */
export const redirect = (to: string, flash?: FlashKey): PageResult => {
  if (!flash) return { redirect: to };
  const hash = to.indexOf('#');
  const [path, fragment] = hash < 0 ? [to, ''] : [to.slice(0, hash), to.slice(hash)];
  return { redirect: `${path}${path.includes('?') ? '&' : '?'}${FLASH_PARAM}=${flash}${fragment}` };
};

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
