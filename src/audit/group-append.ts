/**
 * Group commit for audit appends. Every append takes the head lock and commits, and commits behind one lock
 * run one after another: on PostgreSQL each costs a WAL flush, which would cap the whole fleet at the
 * number of flushes per second (bench/RESULTS.md) and queue requests behind each other.
 *
 * So each gateway process keeps at most one append statement in flight. A call made while one is in flight
 * waits for it and then goes out together with every other call that arrived meanwhile: one statement,
 * one commit for all of them. When idle, a call goes out at once (no timer, no added latency). Each call
 * still resolves only after its own entries are committed, and fails if their statement fails.
 */
export class GroupAppend {
  private queue: { entries: string[]; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private draining = false;

  constructor(
    private readonly append: (entries: string[]) => Promise<unknown>,
    /** Most entries one statement carries; the rest go in the next. */
    private readonly maxEntries = 1000,
  ) {}

  push(entries: string[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entries, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.queue.length > 0) {
      let count = 0;
      let take = 0;
      while (take < this.queue.length && (take === 0 || count + this.queue[take].entries.length <= this.maxEntries)) {
        count += this.queue[take].entries.length;
        take++;
      }
      const group = this.queue.splice(0, take);
      try {
        await this.append(group.flatMap((g) => g.entries));
        for (const g of group) g.resolve();
      } catch (err) {
        for (const g of group) g.reject(err);
      }
    }
    this.draining = false;
  }
}
