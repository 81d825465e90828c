import { Gauge, Registry } from 'prom-client';
import type { Clock } from '../clock';
import { isoDate } from '../clock';
import type { Db } from '../db/database';
import { backlogCounts, type BacklogCounts } from './metrics.repository';
import { processRegistry } from './metrics.registry';

const GAUGES: [keyof BacklogCounts, string, string][] = [
  ['outboxPending', 'fk_outbox_pending', 'Notifications in the outbox not yet delivered'],
  ['outboxFailed', 'fk_outbox_failed', 'Notifications the relay gave up on (attempts used up)'],
  ['remindersOpen', 'fk_reminders_open', 'Reminders not yet done'],
  ['remindersOverdue', 'fk_reminders_overdue', 'Open reminders past their due date'],
  ['referralsOpen', 'fk_referrals_open', 'Referrals from the booking desk not yet answered'],
  ['referralsOverdue', 'fk_referrals_overdue', 'Open referrals past the day the desk was promised an answer'],
];

/**
 * The registry one app serves: the process's instruments plus gauges read from this app's database
 * at scrape time (one set of counts per scrape, shared by the gauges).
 */
export function appRegistry(db: Db, clock: Clock): Registry {
  const own = new Registry();
  let pending: Promise<BacklogCounts> | undefined;
  const counts = () => {
    // The six gauges collect in one scrape; they share one read of the database.
    pending ??= backlogCounts(db, isoDate(clock.now())).finally(() => {
      setImmediate(() => (pending = undefined));
    });
    return pending;
  };
  for (const [key, name, help] of GAUGES) {
    new Gauge({
      name,
      help,
      registers: [own],
      async collect() {
        this.set((await counts())[key]);
      },
    });
  }
  return Registry.merge([processRegistry, own]);
}
