import type { LetterFact, LetterModel } from './letter.model';

// The letter model in the form the templates print: dates written out in Swedish, amounts in kronor,
// and every key present (the templates compile in strict mode, so a missing value is an error, not a
// silent blank). The wording itself stays in templates/letters.

const MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

/** "2026-11-02" → "2 november 2026". */
export function svDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m! - 1]} ${y}`;
}

const kronor = (n: number) => `${new Intl.NumberFormat('sv-SE').format(n)} kronor`;

const stockholmDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'long' });
const stockholmClock = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', timeStyle: 'short' });

/** A booking's time in Stockholm: "15 januari 2027 kl. 18:00–21:00", the day twice only when it changes. */
export function svTimeSpan(fromInstant: string, toInstant: string): string {
  const [from, to] = [new Date(fromInstant), new Date(toInstant)];
  const [fromDay, toDay] = [stockholmDay.format(from), stockholmDay.format(to)];
  const [fromClock, toClock] = [stockholmClock.format(from), stockholmClock.format(to)];
  return fromDay === toDay
    ? `${fromDay} kl. ${fromClock}–${toClock}`
    : `${fromDay} kl. ${fromClock} – ${toDay} kl. ${toClock}`;
}

function factView(f: LetterFact) {
  return {
    date: svDate(f.occurredOn),
    description: f.description,
    // A source covered by secrecy is never printed, not even in the markup.
    source: f.secrecy ? null : f.source,
    secrecyProvision: f.secrecy?.provision ?? null,
    unverified: !f.verified,
  };
}

function communicationView(c: LetterModel['communication']) {
  if (c === null) return null;
  if ('exemption' in c) {
    return {
      exemption: { groundText: c.exemption.groundText, justification: c.exemption.justification },
      sentOn: null,
      replyBy: null,
      replied: false,
      noReply: false,
      awaiting: false,
      receivedOn: null,
      summary: null,
    };
  }
  return {
    exemption: null,
    sentOn: svDate(c.sentOn),
    replyBy: c.replyBy === null ? null : svDate(c.replyBy),
    replied: c.status === 'replied',
    // Recorded as none, or still awaited when the decision was made (only under a stated exception,
    // or for decisions made before communications existed): the letter says which.
    noReply: c.status === 'no_reply',
    awaiting: c.status === 'awaiting_reply',
    receivedOn: c.receivedOn ? svDate(c.receivedOn) : null,
    summary: c.summary ?? null,
  };
}

function decisionMakerView(m: LetterModel['decisionMaker']) {
  return m.kind === 'delegat'
    ? {
        delegat: { name: m.name, title: m.title ?? null, delegationPoint: m.delegationPoint },
        committee: null,
      }
    : {
        delegat: null,
        committee: { name: m.committeeName, meetingOn: svDate(m.meetingOn), paragraph: m.paragraph },
      };
}

function headingOf(m: LetterModel): string {
  if (m.kind === 'withdrawal') return 'Beslut om indraget stöd';
  if (m.kind === 'restoration') return 'Beslut om återupptaget stöd';
  return m.application?.kind === 'premises' ? 'Beslut om lokal' : 'Beslut om föreningsbidrag';
}

export function letterView(m: LetterModel) {
  const app = m.application;
  const grant = app?.grant ?? null;
  const premises = app?.premises ?? null;
  const approved = m.outcome === 'approved';
  return {
    title: `Beslut ${m.caseNumber}`,
    heading: headingOf(m),
    municipality: m.municipality,
    committee: m.committee,
    caseNumber: m.caseNumber,
    date: m.date,
    association: m.association,
    isApplication: m.kind === 'application',
    isWithdrawal: m.kind === 'withdrawal',
    isRestoration: m.kind === 'restoration',
    approved,
    denied: m.outcome === 'denied',
    applicationWhat: app?.kind === 'premises' ? 'att få använda en lokal' : 'föreningsbidrag',
    application: app && {
      receivedOn: svDate(app.receivedOn),
      grant: grant && {
        program: grant.program,
        amount: kronor(grant.amountSek),
        period: `${svDate(grant.periodFrom)} – ${svDate(grant.periodTo)}`,
      },
      premises: premises && {
        venue: premises.venue,
        time: svTimeSpan(premises.from, premises.to),
      },
    },
    grantApproval: approved && grant !== null,
    conditions: m.conditions,
    grounds: m.grounds.map((g) => ({
      criterion: g.criterion,
      legalBasis: g.legalBasis,
      facts: g.facts.map(factView),
    })),
    reasoning: m.reasoning,
    // The one sentence on everything that did not decide the case (application decisions only: a
    // withdrawal rests on the criteria it cites and examined no others).
    otherConditions: m.kind === 'application' ? { clear: m.otherConditionsClear } : null,
    communication: communicationView(m.communication),
    decisionMaker: decisionMakerView(m.decisionMaker),
    preparedBy: m.preparedBy,
    appealCourt: m.appealCourt,
    contactDetails: m.contactDetails,
  };
}

export type LetterView = ReturnType<typeof letterView>;
