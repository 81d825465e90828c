import type { Request, Response } from 'express';
import type { InProcessApi } from './web.api';
import { navFor, type PageDef, type ViewResult } from './web.page';
import { FLASH_PARAM, flashText } from './web.flash.sv';
import type { Views } from './web.views';

// Puts a page's own data into the layout's frame: who is signed in, the navigation for their role,
// the form token, a message after a redirect. Also the error pages, in Swedish.

const ERROR_TEXT: Record<number, { title: string; text: string }> = {
  400: {
    title: 'Felaktig begäran',
    text: 'Sidan kunde inte visas eftersom adressen eller uppgifterna var felaktiga.',
  },
  403: {
    title: 'Du saknar behörighet',
    text: 'Din roll ger inte tillgång till den här sidan eller åtgärden.',
  },
  404: { title: 'Sidan finns inte', text: 'Det finns ingen sida eller post med den adressen.' },
  409: { title: 'Det gick inte att genomföra', text: 'Åtgärden krockar med hur posten ser ut nu.' },
  413: { title: 'För mycket data', text: 'Det som skickades var för stort. Dela upp filen och försök igen.' },
  429: {
    title: 'För många förfrågningar',
    text: 'Det har kommit för många förfrågningar på kort tid. Vänta en minut och försök sedan igen.',
  },
  500: { title: 'Något gick fel', text: 'Ett oväntat fel inträffade. Försök igen om en stund.' },
  503: {
    title: 'Tjänsten är inte tillgänglig just nu',
    text: 'Tjänsten får just nu inte kontakt med sin databas. Försök igen om en liten stund.',
  },
};

export const CSRF_REFUSED =
  'Formuläret kunde inte tas emot eftersom det saknade en giltig kontrollkod. Det kan bero på att ' +
  'sidan var gammal eller att du loggades ut. Gå tillbaka, ladda om sidan och försök igen.';

export const TOO_MANY_SIGN_INS =
  'För många misslyckade inloggningsförsök från den här webbläsaren eller adressen. Vänta en minut och försök sedan igen.';

export class Renderer {
  constructor(
    private readonly views: Views,
    private readonly api: InProcessApi,
    private readonly pages: readonly PageDef[],
  ) {}

  private frame(req: Request): Record<string, unknown> {
    const session = req.webSession;
    return {
      user: session?.user,
      csrfToken: session?.csrfToken,
      nav: session ? navFor(this.pages, this.api, session.user, req.path) : [],
      flash: flashText(req.query[FLASH_PARAM]),
    };
  }

  page(req: Request, res: Response, result: ViewResult): void {
    const html = this.views.render(result.view, {
      ...this.frame(req),
      title: result.title,
      ...result.data,
    });
    res
      .status(result.status ?? 200)
      .type('html')
      .send(html);
  }

  /** A Swedish error page; `text` replaces the standard sentence for the status. */
  error(req: Request, res: Response, status: number, text?: string, details: string[] = []): void {
    const std = Object.hasOwn(ERROR_TEXT, status) ? ERROR_TEXT[status]! : ERROR_TEXT[500]!;
    this.page(req, res, {
      view: 'error',
      title: std.title,
      status,
      data: { status, text: text ?? std.text, details, requestId: status === 500 ? req.id : undefined },
    });
  }
}
