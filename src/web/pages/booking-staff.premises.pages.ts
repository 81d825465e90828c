import type { AppDeps } from '../../app';
import { isoDate } from '../../clock';
import type { PremisesCheckResult } from '../../premises/premises.schemas';
import { emptyForm, optional, refusedForm, type FormState } from '../web.forms';
import { definePage, view } from '../web.page';

const FIELDS = ['name', 'orgNumber', 'venue', 'date'];

// Booking staff's one page: who wants the room, which room, which day - and a large, unmistakable
// answer: "Inget hinder", or "Kontakta samordnaren" with the check number (kontrollnummer) to quote. Nothing about why (need-to-know):
// the page shows the API's answer and nothing else, for coordinators running a check too.
export const bookingStaffPages = (deps: AppDeps) => {
  const blank = (): FormState => emptyForm({ date: isoDate(deps.clock.now()) });
  return [
    definePage({
      method: 'get',
      path: '/lokalkontroll',
      uses: ['POST /api/premises-checks'],
      nav: {
        label: 'Lokalkontroll',
        order: 70,
        description:
          'Kontrollera en förening innan en lokal hyrs ut: inget hinder, eller kontakta samordnaren.',
      },
      handler: async () => view('premises-check', 'Lokalkontroll', { form: blank() }),
    }),
    definePage({
      method: 'post',
      path: '/lokalkontroll',
      uses: ['POST /api/premises-checks'],
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
          const result = await ctx.call<PremisesCheckResult>('POST /api/premises-checks', { body });
          const checked = { name: body.name.trim(), orgNumber, venue: body.venue.trim(), date: body.date };
          const title = result.result === 'clear' ? 'Inget hinder' : 'Kontakta samordnaren';
          return view('premises-check', `${title} – Lokalkontroll`, { result, checked, form: blank() });
        } catch (err) {
          const form = refusedForm(err, v, FIELDS);
          if (!form) throw err;
          return view('premises-check', 'Lokalkontroll', { form }, 400);
        }
      },
    }),
  ];
};
