// Long work on the event loop (building the index, reading a large import) is done in slices: after
// each slice the loop gets a turn, so /health, premises checks and every other request are answered
// in between (issue 14 point 2: a 200,000-line import once kept /health unanswered for 53 s).

/** Milliseconds of work between two turns of the event loop. */
export const SLICE_MS = 10;

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class TimeSlicer {
  private since = performance.now();

  constructor(private readonly ms = SLICE_MS) {}

  /** Whether this slice is used up; checking costs a clock read. */
  get due(): boolean {
    return performance.now() - this.since >= this.ms;
  }

  /** Lets the event loop run everything waiting (I/O included), then starts a new slice. */
  async yield(): Promise<void> {
    await turn();
    this.since = performance.now();
  }

  /** Yields only when the slice is used up. */
  async pause(): Promise<void> {
    if (this.due) await this.yield();
  }
}
