/**
 * The gateway's one source of "now" for everything that judges time: rights-request deadlines, erasure's
 * retention dates, access reports, audit timestamps (and, later, retention runs and holds). createGateway
 * receives one and hands it to every service, so a test can pin it or move it and every date-dependent
 * decision moves with it. Reading it is a plain call; the database's own now() (row timestamps, job
 * scheduling) is not governed by it.
 */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock a test controls: it follows the wall clock until `set`, then stands at the instant set (moved on
 * by `advance`) until `release`. Everything reading it sees the same instant.
 */
export class SettableClock implements Clock {
  private at: number | null;

  constructor(at?: Date | string) {
    this.at = at === undefined ? null : new Date(at).getTime();
  }

  now(): Date {
    return new Date(this.at ?? Date.now());
  }

  /** Stands still at `at` from now on. */
  set(at: Date | string): this {
    this.at = new Date(at).getTime();
    return this;
  }

  /** Moves the clock on by `ms` (standing still at the result). */
  advance(ms: number): this {
    this.at = this.now().getTime() + ms;
    return this;
  }

  /** Follows the wall clock again. */
  release(): this {
    this.at = null;
    return this;
  }
}

/** Days in milliseconds, for tests and deadlines computed from a clock. */
export const DAY_MS = 24 * 60 * 60 * 1000;
