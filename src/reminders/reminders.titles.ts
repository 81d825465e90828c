import type { ReminderKind } from './reminders.table';

// What the person assigned reads, in Swedish. Stored with the reminder, so a later change of wording
// does not rewrite what someone was asked to do.
export const REMINDER_TITLES: Record<ReminderKind, string> = {
  cancel_bookings: 'Avboka föreningens kommande lokalbokningar',
  notify_association: 'Skicka underrättelse om beslutet till föreningen',
  recover_grant: 'Pröva återkrav av utbetalt föreningsbidrag',
  reassess: 'Pröva om föreningen åter kan få stöd',
  annual_follow_up: 'Årlig uppföljning enligt handlingsplanen mot våldsbejakande extremism',
  review_support: 'Pröva föreningens stöd efter ny träff på bevakningslistan',
  review_watchlist_entry: 'Se över posten på bevakningslistan innan den upphör att gälla',
};

export const ESCALATION_SUBJECT = (title: string, dueOn: string) =>
  `Försenad påminnelse: ${title} (skulle vara klar ${dueOn})`;

export const NEW_REMINDER_SUBJECT = (title: string, dueOn: string) =>
  `Ny påminnelse: ${title} (senast ${dueOn})`;
