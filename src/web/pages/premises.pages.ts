import type { AppDeps } from '../../deps';
import { isoDate } from '../../clock';
import type { OwnPremisesCheck } from '../../premises/premises.schemas';
import { emptyForm, optional, refusedForm, type FormState } from '../web.forms';
import { label } from '../web.labels.sv';
import { definePage, view, type PageContext } from '../web.page';

const FIELDS = ['name', 'orgNumber', 'venue', 'date'];
const RECENT = 20;

/** The status of a check in the booking desk's words: the answer and, while waiting, its date. */
export function statusText(c: Pick<OwnPremisesCheck, 'status' | 'answerBy'>): string {
  const word = label('checkStatus', c.status);
  return c.status === 'awaiting_answer' && c.answerBy ? `${word} (senast ${c.answerBy})` : word;
}

/** The person's own recent checks, newest first, with the answer each has got so far. */
async function recentChecks(ctx: PageContext) {
  const page = await ctx.call('GET /api/premises-checks', {
    query: { limit: String(RECENT) },
  });
  return page.items.map((c) => ({ ...c, statusText: statusText(c) }));
}

// Booking staff's one page: who wants the room, which room, which day - and a large, unmistakable
// answer: "Inget hinder", or "Behöver stämmas av" with the check number and the day an answer comes
// by. Below, their own recent checks and the answers they have got. Nothing about why
// (need-to-know): the page shows the API's answers and nothing else, for coordinators too.
export const premisesPages = (deps: AppDeps) => {
  const blank = (): FormState => emptyForm({ date: isoDate(deps.clock.now()) });
  const uses = ['POST /api/premises-checks', 'GET /api/premises-checks'] as const;
  return [
    definePage({
      method: 'get',
      path: '/lokalkontroll',
      uses,
      nav: {
        label: 'Lokalkontroll',
        order: 70,
        description:
          'Kontrollera en förening innan en lokal hyrs ut, och se beskedet för dina tidigare kontroller.',
      },
      handler: async (ctx) =>
        view('premises-check', 'Lokalkontroll', { form: blank(), checks: await recentChecks(ctx) }),
    }),
    definePage({
      method: 'post',
      path: '/lokalkontroll',
      uses,
      handler: async (ctx) => {
        const v = ctx.form;
        const orgNumber = optional(v.orgNumber);
        const body = {
          name: v.name ?? '',
          venue: v.venue ?? '',
          date: v.date ?? '',
          ...(orgNumber ? { orgNumber } : {}),
        };
        try {
          const result = await ctx.call('POST /api/premises-checks', { body });
          const checked = { name: body.name.trim(), orgNumber, venue: body.venue.trim(), date: body.date };
          const title = result.result === 'clear' ? 'Inget hinder' : 'Behöver stämmas av';
          return view('premises-check', `${title} – Lokalkontroll`, {
            result,
            checked,
            form: blank(),
            checks: await recentChecks(ctx),
          });
        } catch (err) {
          const form = refusedForm(err, v, FIELDS);
          if (!form) throw err;
          return view('premises-check', 'Lokalkontroll', { form, checks: await recentChecks(ctx) }, 400);
        }
      },
    }),
  ];
};
