import type { Reminder } from '../../reminders/reminders.schemas';

// A reminder is late for the person who has it as soon as its due date has passed; the sweep marks
// it escalated only on its next run, so the page does not wait for that.
export function remindersView(items: Reminder[], today: string) {
  return items.map((r) => ({ ...r, overdue: r.status === 'open' && (r.escalated || r.dueOn < today) }));
}
