import type { Clock } from '../../src/clock';

/** A clock tests move by hand. */
export class TestClock implements Clock {
  private current: Date;

  constructor(start = '2026-11-26T09:00:00.000Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: string): void {
    this.current = new Date(instant);
  }

  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }

  advanceMs(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
