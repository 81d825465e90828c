// Failed sign-ins, throttled without letting one client lock out its colleagues. A municipality's
// staff share one NAT address, so a limit per address alone let one guessing (or broken) client make
// every colleague's correct token answer 429 for a minute. Two counters instead:
//  - per client: the address together with the sign-in form's own cookie (every post carries one,
//    the form's CSRF double submit requires it), limited to SIGN_IN_LIMIT_PER_MINUTE failures;
//  - per address: a ceiling high enough for a shared NAT (SIGN_IN_ADDRESS_LIMIT_PER_MINUTE), which
//    only a client that fetches a fresh form for every guess can reach.
// Only a failed token lookup counts. A refused attempt (429) is not counted again, so a client that
// keeps trying after its own limit does not use up its colleagues' ceiling. Counters live in this
// process: with several instances each holds its own share, which is enough to stop guessing.

export interface Verdict {
  allowed: boolean;
  /** Seconds until the window that refused ends (for Retry-After). */
  retryAfter: number;
}

/** Failures per key in fixed one-minute windows; `limit` 0 means no limit. */
export class FailureCounter {
  private readonly windows = new Map<string, { failures: number; endsAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
    private readonly windowMs = 60_000,
    /** Memory bound: past this many keys, windows that ended are dropped (then, if need be, all). */
    private readonly maxKeys = 100_000,
  ) {}

  check(key: string): Verdict {
    if (this.limit === 0) return { allowed: true, retryAfter: 0 };
    const w = this.current(key);
    if (!w || w.failures < this.limit) return { allowed: true, retryAfter: 0 };
    return { allowed: false, retryAfter: Math.max(1, Math.ceil((w.endsAt - this.now()) / 1000)) };
  }

  fail(key: string): void {
    if (this.limit === 0) return;
    const w = this.current(key);
    if (w) {
      w.failures++;
      return;
    }
    if (this.windows.size >= this.maxKeys) this.prune();
    this.windows.set(key, { failures: 1, endsAt: this.now() + this.windowMs });
  }

  private current(key: string) {
    const w = this.windows.get(key);
    if (w && w.endsAt <= this.now()) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  private prune(): void {
    const now = this.now();
    for (const [k, w] of this.windows) if (w.endsAt <= now) this.windows.delete(k);
    if (this.windows.size >= this.maxKeys) this.windows.clear();
  }
}

export class SignInThrottle {
  private readonly perClient: FailureCounter;
  private readonly perAddress: FailureCounter;

  constructor(limits: { perClient: number; perAddress: number }, now: () => number = Date.now) {
    this.perClient = new FailureCounter(limits.perClient, now);
    this.perAddress = new FailureCounter(limits.perAddress, now);
  }

  /** Whether this client may try a token now; asked before the token is looked up. */
  check(address: string, client: string): Verdict {
    const c = this.perClient.check(`${address} ${client}`);
    if (!c.allowed) return c;
    return this.perAddress.check(address);
  }

  /** A token that resolved to no one. */
  failed(address: string, client: string): void {
    this.perClient.fail(`${address} ${client}`);
    this.perAddress.fail(address);
  }
}
